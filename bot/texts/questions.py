"""Texts of questions to the organisers (/tanya, /jawab) and of /peserta (issue 8, items 3-4)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ---- command menus
    "cmd.tanya": {
        "id": "Kirim pertanyaan kepada panitia",
        "en": "Send a question to the organisers",
    },
    "cmd.jawab": {"id": "Jawab pertanyaan peserta", "en": "Answer participants' questions"},
    "cmd.peserta": {
        "id": "Rekap pendaftaran peserta",
        "en": "Participants' registration overview",
    },
    # ---- /bantuan lines
    "help.questions": {
        "id": "\n\n/tanya — kirim pertanyaan kepada panitia; jawabannya datang di obrolan ini",
        "en": "\n\n/ask — send a question to the organisers; the answer comes in this chat",
    },
    "help.questions_admin": {
        "id": "\n/jawab [N jawaban] — pertanyaan yang belum dijawab, atau jawab pertanyaan N\n"
        "/peserta — rekap pendaftaran, yang belum mendaftar, yang nonaktif",
        "en": "\n/reply [N answer] — open questions, or answer question N\n"
        "/participants — registration overview, who has not registered, who is inactive",
    },
    # ---- asking
    "question.text_only": {
        "id": "Pertanyaan ditulis sebagai teks. Silakan ketik pertanyaan Bapak/Ibu dalam satu "
        "pesan, atau ketik /batal.",
        "en": "Questions are written as text. Please type your question in one message, "
        "or type /cancel.",
    },
    "question.prompt": {
        "id": "Silakan tulis pertanyaan Bapak/Ibu untuk panitia dalam satu pesan. "
        "Ketik /batal untuk membatalkan.",
        "en": "Please write your question for the organisers in one message. Type /cancel to stop.",
    },
    "question.sent": {
        "id": "✅ Pertanyaan Bapak/Ibu (nomor {number}) sudah diteruskan kepada panitia. "
        "Jawabannya akan dikirim ke obrolan ini.",
        "en": "✅ Your question (number {number}) has been passed to the organisers. "
        "The answer will come in this chat.",
    },
    "question.too_many": {
        "id": "Bapak/Ibu masih memiliki {count} pertanyaan yang belum dijawab. "
        "Mohon tunggu jawaban panitia sebelum mengirim pertanyaan baru.",
        "en": "You still have {count} questions waiting for an answer. "
        "Please wait for the organisers' answers before asking a new one.",
    },
    "question.duplicate": {
        "id": "Pertanyaan yang sama sudah terkirim (nomor {number}) dan belum dijawab. "
        "Mohon tunggu jawaban panitia.",
        "en": "The same question has already been sent (number {number}) and is waiting "
        "for an answer. Please wait for the organisers' reply.",
    },
    "question.to_organisers": {
        "id": "❓ <b>Pertanyaan #{number}</b> dari {who}\n{details}\n\n{text}\n\n"
        "<i>Balas pesan ini untuk menjawab, atau ketik /jawab {number} diikuti jawabannya.</i>",
        "en": "❓ <b>Question #{number}</b> from {who}\n{details}\n\n{text}\n\n"
        "<i>Reply to this message to answer, or type /reply {number} followed by the answer.</i>",
    },
    "question.answer": {
        "id": "💬 <b>Jawaban panitia</b> (pertanyaan nomor {number})\n"
        "Pertanyaan: <i>{question}</i>\nJawaban: {answer}",
        "en": "💬 <b>The organisers' answer</b> (question number {number})\n"
        "Question: <i>{question}</i>\nAnswer: {answer}",
    },
    # ---- answering
    "question.answered_note": {
        "id": "✅ Pertanyaan #{number} dari {who} sudah dijawab oleh {by}:\n{answer}",
        "en": "✅ Question #{number} from {who} was answered by {by}:\n{answer}",
    },
    "question.answer_sent": {
        "id": "✅ Jawaban atas pertanyaan #{number} ({who}) sedang dikirim.",
        "en": "✅ The answer to question #{number} ({who}) is on its way.",
    },
    "question.already": {
        "id": "Pertanyaan #{number} sudah dijawab oleh {by}; jawaban Bapak/Ibu tidak dikirim.\n"
        "Jawaban sebelumnya: {answer}",
        "en": "Question #{number} was already answered by {by}; your answer was not sent.\n"
        "The earlier answer: {answer}",
    },
    "question.unknown": {
        "id": "Tidak ada pertanyaan nomor {number}. Ketik /jawab untuk melihat pertanyaan "
        "yang belum dijawab.",
        "en": "There is no question number {number}. Type /reply to see the open questions.",
    },
    "question.answer_missing": {
        "id": "Tulis jawabannya setelah nomor: /jawab {number} …",
        "en": "Write the answer after the number: /reply {number} …",
    },
    "question.usage": {
        "id": "Format: /jawab NOMOR jawaban, misalnya <code>/jawab 12 Ruang makan ada di "
        "Gedung B.</code> Bisa juga dengan membalas langsung pesan pertanyaannya. "
        "Ketik /jawab saja untuk melihat pertanyaan yang belum dijawab.",
        "en": "Format: /reply NUMBER answer, e.g. <code>/reply 12 The dining hall is in "
        "Building B.</code> You can also reply to the question message itself. "
        "Type /reply alone to see the open questions.",
    },
    "question.answer_too_long": {
        "id": "Jawaban terlalu panjang ({length} karakter; paling banyak {limit} karakter); "
        "tidak dikirim.",
        "en": "The answer is too long ({length} characters; at most {limit} characters); not sent.",
    },
    "question.none_open": {
        "id": "Tidak ada pertanyaan yang belum dijawab.",
        "en": "There are no open questions.",
    },
    "question.open_header": {
        "id": "<b>Pertanyaan yang belum dijawab: {count}</b>",
        "en": "<b>Open questions: {count}</b>",
    },
    "question.open_line": {
        "id": "<b>#{number}</b> · {who} ({unit}) · {when}\n{text}",
        "en": "<b>#{number}</b> · {who} ({unit}) · {when}\n{text}",
    },
    "question.when_today": {"id": "pukul {time}", "en": "at {time}"},
    "question.when_day": {"id": "{date}, pukul {time}", "en": "{date}, at {time}"},
    "question.open_more": {"id": "… dan {count} lainnya.", "en": "… and {count} more."},
    "question.open_hint": {
        "id": "<i>Jawab dengan /jawab NOMOR jawaban, atau balas pesan pertanyaannya.</i>",
        "en": "<i>Answer with /reply NUMBER answer, or reply to the question message.</i>",
    },
    # ---- /peserta
    "peserta.summary": {
        "id": "<b>Pendaftaran peserta</b>\n"
        "Terdaftar: <b>{registered}</b> dari {roster} orang di daftar peserta; "
        "belum mendaftar: {missing}\nNonaktif (memblokir bot): {inactive}",
        "en": "<b>Participants' registration</b>\n"
        "Registered: <b>{registered}</b> of {roster} people on the roster; "
        "not registered yet: {missing}\nInactive (blocked the bot): {inactive}",
    },
    "peserta.off_roster": {
        "id": "\nTerdaftar tanpa ada di daftar peserta: {count}",
        "en": "\nRegistered without being on the roster: {count}",
    },
    "peserta.by_position": {
        "id": "<b>Per jabatan</b> (terdaftar/daftar peserta)",
        "en": "<b>By position</b> (registered/roster)",
    },
    "peserta.by_group": {
        "id": "<b>Per kelompok</b> (terdaftar/daftar peserta)",
        "en": "<b>By group</b> (registered/roster)",
    },
    "peserta.tally": {
        "id": "{label}: {registered}/{total}",
        "en": "{label}: {registered}/{total}",
    },
    "peserta.no_position": {"id": "(tanpa jabatan)", "en": "(no position)"},
    "peserta.no_group": {"id": "(tanpa kelompok)", "en": "(no group)"},
    "peserta.empty_roster": {
        "id": "Daftar peserta belum diimpor dan belum ada yang mendaftar. "
        "Kirim berkas daftar peserta dengan /impor.",
        "en": "No roster has been imported and nobody has registered yet. "
        "Send the roster file with /import.",
    },
    "peserta.missing_header": {
        "id": "<b>Belum mendaftar</b>: {count} orang (halaman {page}/{pages})",
        "en": "<b>Not registered yet</b>: {count} people (page {page}/{pages})",
    },
    "peserta.inactive_header": {
        "id": "<b>Nonaktif</b> (memblokir bot): {count} orang (halaman {page}/{pages})",
        "en": "<b>Inactive</b> (blocked the bot): {count} people (page {page}/{pages})",
    },
    "peserta.person": {
        "id": "{number}. {name} — {unit} · {where}",
        "en": "{number}. {name} — {unit} · {where}",
    },
    "peserta.nobody_missing": {
        "id": "Semua orang di daftar peserta sudah mendaftar.",
        "en": "Everyone on the roster has registered.",
    },
    "peserta.nobody_inactive": {
        "id": "Tidak ada peserta yang nonaktif.",
        "en": "No participant is inactive.",
    },
    "btn.peserta_missing": {
        "id": "📋 Belum mendaftar ({count})",
        "en": "📋 Not registered ({count})",
    },
    "btn.peserta_inactive": {"id": "🚫 Nonaktif ({count})", "en": "🚫 Inactive ({count})"},
    "btn.peserta_prev": {"id": "◀ Sebelumnya", "en": "◀ Previous"},
    "btn.peserta_next": {"id": "Berikutnya ▶", "en": "Next ▶"},
    "btn.peserta_summary": {"id": "↩️ Ringkasan", "en": "↩️ Summary"},
}
