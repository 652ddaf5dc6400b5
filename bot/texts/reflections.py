"""Texts of the evening reflection and the retreat journal (issue 9)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "cmd.refleksi": {"id": "Refleksi hari ini", "en": "Today's reflection"},
    "kind.journal": {"id": "jurnal retret", "en": "retreat journal"},
    # ---- the agenda file's reflection block
    "problem.question_options_unused": {
        "id": "Daftar pilihan (options) hanya untuk pertanyaan pilihan (choice); hapus atau "
        "ubah jenisnya menjadi choice.",
        "en": "Options belong to choice questions only; remove them or make the type choice.",
    },
    "problem.duplicate_option": {
        "id": "Pilihan ini sudah ada dalam daftar pilihan pertanyaan yang sama.",
        "en": "This option is already in the same question's list of options.",
    },
    # ---- scheduled
    "refl.prompt": {
        "id": "🌙 <b>Refleksi hari ini, {name}</b>\n{date}\n\n"
        "Mohon luangkan beberapa menit untuk {count} pertanyaan singkat tentang hari ini. "
        "Setiap jawaban langsung tersimpan; Bapak/Ibu dapat berhenti kapan saja dan melanjutkan "
        "dengan /refleksi.",
        "en": "🌙 <b>Today's reflection, {name}</b>\n{date}\n\n"
        "Please take a few minutes for {count} short questions about today. Every answer is "
        "saved at once; you may stop at any time and continue with /reflect.",
    },
    "refl.nudge": {
        "id": "🌙 {name}, refleksi hari ini ({date}) belum selesai. "
        "Jika berkenan, lanjutkan sekarang; jawaban yang sudah diberikan tetap tersimpan.",
        "en": "🌙 {name}, today's reflection ({date}) is not finished yet. If you can, "
        "continue now; the answers you gave are kept.",
    },
    "refl.nudge_new": {
        "id": "🌙 {name}, refleksi hari ini ({date}) belum diisi. Jika berkenan, mohon luangkan "
        "beberapa menit sekarang untuk {count} pertanyaan singkat.",
        "en": "🌙 {name}, today's reflection ({date}) is not filled in yet. If you can, please "
        "take a few minutes now for {count} short questions.",
    },
    "refl.btn_start": {"id": "📝 Mulai refleksi", "en": "📝 Start the reflection"},
    "refl.btn_resume": {"id": "📝 Lanjutkan refleksi", "en": "📝 Continue the reflection"},
    # ---- the conversation
    "refl.intro": {
        "id": "📝 <b>Refleksi {date}</b>\nSatu pertanyaan setiap kali. /batal untuk berhenti "
        "sejenak; jawaban yang sudah diberikan tetap tersimpan.",
        "en": "📝 <b>Reflection, {date}</b>\nOne question at a time. /cancel to pause; the "
        "answers you gave are kept.",
    },
    "refl.resume": {
        "id": "📝 <b>Melanjutkan refleksi {date}</b>\n{done} dari {total} pertanyaan sudah "
        "dijawab dan tersimpan.",
        "en": "📝 <b>Continuing the reflection of {date}</b>\n{done} of {total} questions "
        "answered and saved.",
    },
    "refl.question_head": {"id": "Pertanyaan {n} dari {total}", "en": "Question {n} of {total}"},
    "refl.how_rating": {
        "id": "Pilih angka 1–{max} dengan tombol di bawah.",
        "en": "Choose 1–{max} with the buttons below.",
    },
    "refl.how_choice": {
        "id": "Pilih salah satu dengan tombol di bawah.",
        "en": "Choose one with the buttons below.",
    },
    "refl.how_text": {
        "id": "Tuliskan jawaban Bapak/Ibu sebagai pesan (paling banyak {limit} karakter).",
        "en": "Write your answer as a message (at most {limit} characters).",
    },
    "refl.current": {
        "id": "Jawaban saat ini: <i>{answer}</i>",
        "en": "Current answer: <i>{answer}</i>",
    },
    "refl.chosen": {"id": "✔️ Jawaban: <b>{answer}</b>", "en": "✔️ Answer: <b>{answer}</b>"},
    "refl.done": {
        "id": "🙏 Terima kasih, refleksi hari ini sudah lengkap.",
        "en": "🙏 Thank you, today's reflection is complete.",
    },
    "refl.edited": {"id": "✅ Jawaban diubah.", "en": "✅ Answer changed."},
    "refl.summary_head": {"id": "📝 <b>Refleksi {date}</b>", "en": "📝 <b>Reflection, {date}</b>"},
    "refl.btn_edit": {"id": "✏️ Ubah jawaban {n}", "en": "✏️ Edit answer {n}"},
    "refl.editable_until": {
        "id": "Jawaban dapat diubah sampai {date} pukul {time}.",
        "en": "Answers can be changed until {date}, {time}.",
    },
    "refl.read_only": {
        "id": "Refleksi hari ini sudah ditutup dan tidak dapat diubah lagi.",
        "en": "This reflection is closed and can no longer be changed.",
    },
    "refl.already_started": {
        "id": "Refleksi ini sudah dimulai. Silakan jawab pertanyaan terakhir di atas, atau ketik "
        "/refleksi untuk menampilkannya lagi.",
        "en": "This reflection has already started. Please answer the last question above, or "
        "type /reflect to see it again.",
    },
    "refl.closed": {
        "id": "Refleksi {date} sudah ditutup; tidak ada yang diubah.",
        "en": "The reflection of {date} is closed; nothing was changed.",
    },
    "refl.not_yet": {
        "id": "Refleksi pertama dibuka pada hari pertama kegiatan, {date}.",
        "en": "The first reflection opens on the event's first day, {date}.",
    },
    "refl.none_today": {
        "id": "Hari ini tidak ada refleksi.",
        "en": "There is no reflection today.",
    },
    "refl.no_agenda": {
        "id": "Agenda belum tersedia, jadi refleksi belum dapat dimulai.",
        "en": "There is no agenda yet, so the reflection cannot start.",
    },
    "refl.already": {
        "id": "Jawaban ini sudah tercatat.",
        "en": "This answer is already recorded.",
    },
    "refl.paused": {
        "id": "⏸ Refleksi dijeda; jawaban yang sudah diberikan tetap tersimpan. "
        "Ketik /refleksi untuk melanjutkan.",
        "en": "⏸ Reflection paused; the answers you gave are kept. Type /reflect to continue.",
    },
    "refl.use_text": {
        "id": "Refleksi menunggu jawaban berupa teks atau tombol; pesan ini tidak disimpan.",
        "en": "The reflection waits for a text or a button; this message was not saved.",
    },
    # ---- bad answers
    "refl.bad_rating": {
        "id": "Mohon pilih angka 1–{max} dengan tombol.",
        "en": "Please choose 1–{max} with the buttons.",
    },
    "refl.bad_choice": {
        "id": "Mohon pilih salah satu dengan tombol.",
        "en": "Please choose one with the buttons.",
    },
    "refl.bad_text": {
        "id": "Pertanyaan ini dijawab dengan teks, bukan tombol.",
        "en": "This question takes a text, not a button.",
    },
    "refl.empty": {"id": "Jawaban tidak boleh kosong.", "en": "The answer cannot be empty."},
    "refl.too_long": {
        "id": "Jawaban terlalu panjang ({length} karakter; paling banyak {limit} karakter). "
        "Mohon diringkas lalu kirim kembali; tidak ada yang disimpan.",
        "en": "The answer is too long ({length} characters; at most {limit} characters). Please "
        "shorten it and send it again; nothing was saved.",
    },
    "refl.unknown_question": {
        "id": "Pertanyaan ini tidak lagi ada dalam refleksi; tidak ada yang disimpan.",
        "en": "This question is no longer in the reflection; nothing was saved.",
    },
    # ---- the journal
    "refl.journal_head": {
        "id": "📔 <b>Jurnal retret, {name}</b>\n{event}\n\n"
        "Pelajaran dan rencana aksi yang Bapak/Ibu tuliskan selama kegiatan:",
        "en": "📔 <b>Your retreat journal, {name}</b>\n{event}\n\n"
        "The lessons and action plans you wrote during the event:",
    },
    "refl.journal_day": {"id": "<b>Hari ke-{n} · {date}</b>", "en": "<b>Day {n} · {date}</b>"},
    "refl.journal_end": {
        "id": "Terima kasih atas partisipasi Bapak/Ibu. Selamat mewujudkan rencana aksi di unit "
        "kerja Bapak/Ibu!",
        "en": "Thank you for taking part. Every success in carrying out your action plan in "
        "your unit!",
    },
    "refl.journal_none": {
        "id": "🙏 Terima kasih, {name}, atas partisipasi Bapak/Ibu dalam {event}. "
        "Selamat kembali ke unit kerja Bapak/Ibu!",
        "en": "🙏 Thank you, {name}, for taking part in {event}. Safe travels back to your unit!",
    },
}
