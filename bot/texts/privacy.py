"""Personal data (SPEC §12, issue 10 item 1): /profil, /hapusdata and `purge`."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ---- /profil: everything held on the participant
    "privacy.profile": {
        "id": "<b>Data Bapak/Ibu yang disimpan bot</b>\n"
        "Nama: {name}\nNIP: <code>{nip}</code>\nJabatan: {position}\nUnit kerja: {unit}\n"
        "{group}\nNomor telepon: {phone}\nStatus: {verified}\n\n"
        "Bahasa: {language}\nPengingat sesi: {reminders}\nTerdaftar: {registered}\n"
        "ID Telegram: <code>{user_id}</code>\n\n"
        "<b>Kehadiran</b>: {attended}\n{attendance}"
        "<b>Refleksi</b>: {reflections} hari\n<b>Pertanyaan kepada panitia</b>: {questions}\n\n"
        "Untuk menghapus data ini: /hapusdata. Entri Bapak/Ibu dalam daftar peserta panitia "
        "tetap ada.",
        "en": "<b>Your data held by the bot</b>\n"
        "Name: {name}\nNIP: <code>{nip}</code>\nPosition: {position}\nUnit: {unit}\n"
        "{group}\nPhone: {phone}\nStatus: {verified}\n\n"
        "Language: {language}\nSession reminders: {reminders}\nRegistered: {registered}\n"
        "Telegram ID: <code>{user_id}</code>\n\n"
        "<b>Check-ins</b>: {attended}\n{attendance}"
        "<b>Days with a reflection</b>: {reflections}\n"
        "<b>Questions to the organisers</b>: {questions}\n\n"
        "To delete this data: /forget. Your entry on the committee's participant list stays.",
    },
    "privacy.when": {"id": "{date} pukul {time}", "en": "{date} at {time}"},
    "privacy.attended": {"id": "{count} kali", "en": "{count}"},
    "privacy.attended_line": {"id": "• {title} ({date})\n", "en": "• {title} ({date})\n"},
    "privacy.attended_gone": {
        "id": "• sesi yang tidak lagi ada di agenda ({session})\n",
        "en": "• a session no longer on the agenda ({session})\n",
    },
    "privacy.no_phone": {"id": "tidak ada", "en": "none"},
    # ---- /hapusdata
    "privacy.forget_ask": {
        "id": "🗑 <b>Hapus data Bapak/Ibu?</b>\n"
        "Yang dihapus: pendaftaran, {reflections} refleksi, {questions} pertanyaan, "
        "{attended} catatan kehadiran, percakapan yang belum selesai, dan pesan yang belum "
        "terkirim. Catatan pengiriman hanya disimpan sebagai jumlah. Panitia diberi tahu "
        "(nama dan unit kerja saja).\n"
        "Entri Bapak/Ibu dalam daftar peserta panitia tetap ada. Setelah ini Bapak/Ibu dapat "
        "mendaftar kembali dengan /daftar.\n\nPenghapusan tidak dapat dibatalkan.",
        "en": "🗑 <b>Delete your data?</b>\n"
        "This deletes your registration, any unfinished conversation, messages not yet sent, "
        "and your reflections (days: {reflections}), questions ({questions}) and check-ins "
        "({attended}). "
        "Delivery records keep counts only. The organisers are told (name and unit only).\n"
        "Your entry on the committee's participant list stays. Afterwards you can register "
        "again with /register.\n\nThis cannot be undone.",
    },
    "privacy.btn_yes": {"id": "🗑 Ya, hapus", "en": "🗑 Yes, delete"},
    "privacy.btn_no": {"id": "Batal", "en": "Cancel"},
    "privacy.forget_done": {
        "id": "✅ Data Bapak/Ibu sudah dihapus. Terima kasih telah menggunakan Retret Bot. "
        "Untuk mendaftar kembali: /daftar.",
        "en": "✅ Your data has been deleted. Thank you for using Retret Bot. "
        "To register again: /register.",
    },
    "privacy.forget_kept": {
        "id": "Baik, tidak ada yang dihapus.",
        "en": "All right, nothing was deleted.",
    },
    "privacy.forget_nothing": {
        "id": "Bot tidak menyimpan data pendaftaran Bapak/Ibu, jadi tidak ada yang perlu dihapus.",
        "en": "The bot holds no registration of yours, so there is nothing to delete.",
    },
    "privacy.forget_notice": {
        "id": "🗑 {name} ({unit}) menghapus datanya dari bot (/hapusdata). Entri daftar "
        "peserta tetap ada.",
        "en": "🗑 {name} ({unit}) deleted their data from the bot (/forget). The participant "
        "list entry stays.",
    },
    "cmd.hapusdata": {"id": "Hapus data saya", "en": "Delete my data"},
    "help.privacy": {
        "id": "\n/hapusdata — hapus data Bapak/Ibu dari bot",
        "en": "\n/forget — delete your data from the bot",
    },
    # ---- python -m bot purge --before YYYY-MM-DD
    "privacy.cli_help": {
        "id": "hapus data pribadi acara yang sudah selesai (pendaftaran, refleksi, "
        "pertanyaan, kehadiran, rincian pengiriman, daftar peserta)",
        "en": "remove a finished event's personal data (registrations, reflections, "
        "questions, attendance, delivery details, participant list)",
    },
    "privacy.cli_help_before": {
        "id": "hanya jika hari terakhir acara sebelum tanggal ini (YYYY-MM-DD)",
        "en": "only if the event's last day is before this date (YYYY-MM-DD)",
    },
    "privacy.cli_help_yes": {
        "id": "hapus tanpa meminta konfirmasi",
        "en": "remove without asking for confirmation",
    },
    "privacy.cli_no_agenda": {
        "id": "basis data tidak memuat acara; tidak ada yang dihapus",
        "en": "the database holds no event; nothing removed",
    },
    "privacy.cli_not_before": {
        "id": "acara {event} berakhir {last}, tidak sebelum {before}; tidak ada yang dihapus",
        "en": "the event {event} ends on {last}, not before {before}; nothing removed",
    },
    "privacy.cli_not_finished": {
        "id": "acara {event} belum selesai (hari terakhir {last}, hari ini {today}); "
        "tidak ada yang dihapus",
        "en": "the event {event} has not finished (last day {last}, today {today}); "
        "nothing removed",
    },
    "privacy.cli_plan": {
        "id": "Data pribadi acara {event} (berakhir {last}) yang akan dihapus:",
        "en": "Personal data of the event {event} (ended {last}) to be removed:",
    },
    "privacy.cli_removed": {
        "id": "Data pribadi acara {event} dihapus:",
        "en": "Personal data of the event {event} removed:",
    },
    "privacy.cli_line": {"id": "  {label}: {count}", "en": "  {label}: {count}"},
    "privacy.cli_confirm": {
        "id": 'Hapus sekarang? Ketik "ya" untuk melanjutkan: ',
        "en": 'Remove now? Type "yes" to go on: ',
    },
    "privacy.cli_aborted": {
        "id": "Dibatalkan; tidak ada yang dihapus.",
        "en": "Cancelled; nothing removed.",
    },
    "privacy.cli_vacuumed": {
        "id": "Berkas basis data dipadatkan (VACUUM) dan jurnal WAL dikosongkan: {size}.",
        "en": "Database file compacted (VACUUM) and its WAL emptied: {size}.",
    },
    "privacy.cli_wal_busy": {
        "id": "Berkas basis data dipadatkan (VACUUM): {size}. Jurnal WAL belum dapat dikosongkan "
        "karena basis data sedang dibaca proses lain (bot masih berjalan?): hentikan bot, lalu "
        "jalankan perintah ini sekali lagi.",
        "en": "Database file compacted (VACUUM): {size}. Its WAL could not be emptied because "
        "another process is reading the database (is the bot still running?): stop the bot and "
        "run this command once more.",
    },
    "privacy.kind.participants": {"id": "peserta terdaftar", "en": "registered participants"},
    "privacy.kind.users": {"id": "akun Telegram", "en": "Telegram accounts"},
    "privacy.kind.roster": {"id": "entri daftar peserta", "en": "participant list entries"},
    "privacy.kind.invites": {"id": "kode undangan", "en": "invite codes"},
    "privacy.kind.reflections": {"id": "refleksi (hari)", "en": "reflections (days)"},
    "privacy.kind.answers": {"id": "jawaban refleksi", "en": "reflection answers"},
    "privacy.kind.questions": {"id": "pertanyaan", "en": "questions"},
    "privacy.kind.attendance": {"id": "catatan kehadiran", "en": "check-ins"},
    "privacy.kind.codes": {"id": "kode presensi", "en": "check-in codes"},
    "privacy.kind.conversations": {"id": "percakapan", "en": "conversations"},
    "privacy.kind.attempts": {"id": "catatan percobaan", "en": "attempt records"},
    "privacy.kind.deliveries": {
        "id": "rincian pengiriman (hanya jumlah yang disimpan)",
        "en": "delivery details (counts kept)",
    },
    "privacy.kind.recipients": {
        "id": "penerima pengumuman (hanya jumlah yang disimpan)",
        "en": "announcement recipients (counts kept)",
    },
    "privacy.kind.errors": {"id": "catatan gangguan", "en": "error records"},
}
