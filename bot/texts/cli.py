"""The command line's own words (SPEC §4): help, usage errors, results, errors, preview.

argparse looks its words up through gettext when it uses them; `ARGPARSE` maps the ones an
organiser meets (argparse's message ids, as written in its source) to keys here.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ---- results and errors of the commands
    "cli.agenda_imported": {
        "id": "Agenda diimpor: {sessions} sesi dalam {days} hari ({added} baru, {changed} berubah, "
        "{removed} dihapus); {notified} pemberitahuan perubahan diantrekan.",
        "en": "Agenda imported: {sessions} sessions over {days} days ({added} new, {changed} changed, "
        "{removed} removed); {notified} change notices queued.",
    },
    "cli.roster_imported": {
        "id": "Daftar peserta diimpor: {added} baru, {updated} diperbarui, {unchanged} tetap; total {total}.",
        "en": "Participant list imported: {added} new, {updated} updated, {unchanged} unchanged; {total} in all.",
    },
    "cli.refused": {
        "id": "Berkas ditolak ({count} masalah); data yang berlaku tidak diubah:",
        "en": "File refused ({count} problems); the data in force is unchanged:",
    },
    # ---- backup and check --backup (issue 10)
    "cli.backup_written": {
        "id": "Cadangan ditulis ke {path} ({size}); diperiksa: utuh, skema {schema}, "
        "{participants} peserta terdaftar.",
        "en": "Backup written to {path} ({size}); checked: sound, schema {schema}, "
        "{participants} registered participants.",
    },
    "cli.backup_ok": {
        "id": "OK: cadangan {path} utuh (PRAGMA integrity_check: ok), skema {schema}, "
        "{participants} peserta terdaftar.",
        "en": "OK: the backup {path} is sound (PRAGMA integrity_check: ok), schema {schema}, "
        "{participants} registered participants.",
    },
    "cli.backup_exists": {
        "id": "Berkas {path} sudah ada dan tidak ditimpa; pilih nama lain atau tambahkan --force.",
        "en": "{path} already exists and was not overwritten; choose another name or add --force.",
    },
    "cli.backup_no_database": {
        "id": "DATABASE_PATH: basis data {path} tidak ditemukan; tidak ada yang dicadangkan.",
        "en": "DATABASE_PATH: no database at {path}; nothing to back up.",
    },
    "cli.backup_same_file": {
        "id": "Cadangan tidak dapat ditulis ke basis data itu sendiri ({path}).",
        "en": "The backup cannot be written over the database itself ({path}).",
    },
    "cli.backup_is_folder": {
        "id": "{path} adalah folder; sebutkan nama berkas cadangan, mis. {path}/retret-cadangan.db",
        "en": "{path} is a folder; name the backup file, e.g. {path}/retret-backup.db",
    },
    "cli.backup_cannot_write": {
        "id": "Cadangan tidak dapat ditulis ke {path}: {reason}",
        "en": "Cannot write the backup to {path}: {reason}",
    },
    "cli.backup_failed": {
        "id": "Basis data {path} tidak dapat dibaca untuk dicadangkan: {reason}",
        "en": "Cannot read the database {path} to back it up: {reason}",
    },
    "cli.backup_missing": {
        "id": "Berkas cadangan tidak ditemukan: {path}",
        "en": "No such backup file: {path}",
    },
    "cli.backup_unreadable": {
        "id": "Cadangan {path} rusak atau bukan basis data SQLite (pesan SQLite: {reason})",
        "en": "The backup {path} is damaged or not an SQLite database (SQLite says: {reason})",
    },
    "cli.backup_damaged": {
        "id": "Cadangan {path} rusak: PRAGMA integrity_check menemukan {count} masalah, "
        "yang pertama: {first}",
        "en": "The backup {path} is damaged: PRAGMA integrity_check found {count} problems, "
        "the first: {first}",
    },
    "cli.backup_not_ours": {
        "id": "{path} adalah basis data SQLite, tetapi bukan basis data bot ini.",
        "en": "{path} is an SQLite database, but not this bot's database.",
    },
    "cli.backup_newer": {
        "id": "Cadangan {path} memakai skema {found}, sedangkan versi bot ini mengenal sampai "
        "skema {known}; pulihkan dengan versi bot yang lebih baru.",
        "en": "The backup {path} has schema {found}, while this version of the bot knows up to "
        "schema {known}; restore it with a newer version of the bot.",
    },
    "cli.check_ok": {
        "id": "OK: pengaturan, basis data (skema {schema}) dan agenda ({sessions} sesi) valid.",
        "en": "OK: settings, database (schema {schema}) and agenda ({sessions} sessions) are valid.",
    },
    "cli.check_no_token": {
        "id": "BOT_TOKEN belum diisi: perintah run memerlukannya "
        "(token dari @BotFather, ditulis di .env).",
        "en": "BOT_TOKEN is not set: the run command needs it "
        "(the token from @BotFather, written in .env).",
    },
    "cli.event_file_missing": {
        "id": "EVENT_FILE: berkas tidak ditemukan: {path}",
        "en": "EVENT_FILE: no such file: {path}",
    },
    "cli.no_file": {"id": "Berkas tidak ditemukan: {path}", "en": "File not found: {path}"},
    "cli.preview_none": {
        "id": "Tidak ada pesan otomatis pada tanggal itu.",
        "en": "No automatic messages on that date.",
    },
    "cli.bad_bot": {
        "id": "Nama pengguna bot tidak valid: {bot} (5–32 huruf Latin, angka atau _, boleh diawali @).",
        "en": "Invalid bot username: {bot} (5–32 Latin letters, digits or _, optionally starting with @).",
    },
    "cli.invites_none": {
        "id": "Daftar peserta kosong; impor dulu dengan import-roster.",
        "en": "The participant list is empty; import it first with import-roster.",
    },
    "cli.qr_written": {
        "id": "{count} kode QR ditulis ke {dir}; cetak {index}.",
        "en": "Wrote {count} QR codes to {dir}; print {index}.",
    },
    "cli.qr_dir_bad": {
        "id": "Tidak dapat menulis ke folder {dir}: {reason}",
        "en": "Cannot write to the folder {dir}: {reason}",
    },
    "cli.qr_title": {"id": "Kartu undangan pendaftaran", "en": "Registration invite cards"},
    "cli.qr_scan": {"id": "Pindai untuk mendaftar", "en": "Scan to register"},
    "cli.error": {"id": "kesalahan: {message}", "en": "error: {message}"},
    "cli.bad_token": {
        "id": "BOT_TOKEN: token ditolak Telegram (periksa dengan @BotFather)",
        "en": "BOT_TOKEN: Telegram rejected the token (check it with @BotFather)",
    },
    "cli.no_bot_api": {
        "id": "TELEGRAM_BASE_URL: Bot API tidak dapat dihubungi ({reason})",
        "en": "TELEGRAM_BASE_URL: cannot reach the Bot API ({reason})",
    },
    "cli.database_unavailable": {
        "id": "DATABASE_PATH: basis data {path} tidak dapat dibuka ({detail})",
        "en": "DATABASE_PATH: cannot open the database {path} ({detail})",
    },
    "cli.database_newer": {
        "id": "DATABASE_PATH: basis data {path} memakai skema {found}, sedangkan versi bot ini "
        "mengenal sampai skema {known}; gunakan versi bot yang lebih baru.",
        "en": "DATABASE_PATH: the database {path} has schema {found}, while this version of the "
        "bot knows up to schema {known}; use a newer version of the bot.",
    },
    "cli.bad_date": {
        "id": "tanggal tidak sah: {value} (tulis TTTT-BB-HH)",
        "en": "not a valid date: {value} (write YYYY-MM-DD)",
    },
    # ---- preview
    "cli.preview_legend": {
        "id": "Pratinjau pesan otomatis dalam Bahasa Indonesia. Bapak/Ibu {{nama}} diganti nama\n"
        "setiap penerima; ringkasan pagi di sini memuat semua sesi, peserta menerima sesinya saja.\n"
        "Penerima: peserta terdaftar saat ini. Jam dalam {zone}.",
        "en": "Preview of the automatic messages in English. Mr/Ms {{name}} becomes each\n"
        "recipient's name; the morning briefing here holds every session, each participant gets\n"
        "their own. Recipients: participants registered now. Times in {zone}.",
    },
    "cli.preview_name": {"id": "Bapak/Ibu {{nama}}", "en": "Mr/Ms {{name}}"},
    "cli.preview_day": {
        "id": "{date} · hari ke-{n} dari {total}",
        "en": "{date} · day {n} of {total}",
    },
    "cli.preview_line": {
        "id": "{time}  {kind:<20} {audience:>4} penerima  {text}",
        "en": "{time}  {kind:<20} {audience:>4} recipients  {text}",
    },
    "cli.preview_on_demand": {
        "id": "Dikirim bila diperlukan (contoh dengan sesi “{title}”):",
        "en": "Sent when needed (examples with the session “{title}”):",
    },
    "cli.preview_example": {"id": "{kind:<25} {text}", "en": "{kind:<25} {text}"},
    "cli.kind.briefing": {"id": "ringkasan pagi", "en": "morning briefing"},
    "cli.kind.reminder": {"id": "pengingat", "en": "reminder"},
    "cli.kind.assembly": {"id": "pengingat apel", "en": "assembly reminder"},
    "cli.kind.change": {"id": "pemberitahuan perubahan", "en": "change notice"},
    "cli.kind.checkin_nudge": {"id": "imbauan presensi", "en": "check-in nudge"},
    # ---- help
    "cli.help.description": {
        "id": "Retret Bot: bot Telegram untuk retret pelatihan. Tanpa perintah: run.",
        "en": "Retret Bot: a Telegram bot for a training retreat. Without a command: run.",
    },
    "cli.help.commands": {"id": "perintah", "en": "commands"},
    "cli.help.command": {"id": "PERINTAH", "en": "COMMAND"},
    "cli.help.lang": {
        "id": "bahasa keluaran perintah: id atau en (bawaan: DEFAULT_LANGUAGE)",
        "en": "language of the command's output: id or en (default: DEFAULT_LANGUAGE)",
    },
    "cli.help.verbose": {
        "id": "tampilkan juga baris log (mis. penerapan migrasi basis data)",
        "en": "also show log lines (e.g. database migrations being applied)",
    },
    "cli.help.run": {
        "id": "jalankan bot (long polling, atau webhook dengan --webhook atau WEBHOOK_URL)",
        "en": "run the bot (long polling, or a webhook with --webhook or WEBHOOK_URL)",
    },
    "cli.help.rehearse_from": {
        "id": "gladi: mulai jam acara pada waktu setempat ini, mis. 2025-05-15 04:25",
        "en": "rehearsal: start the event clock at this local time, e.g. 2025-05-15 04:25",
    },
    "cli.help.speed": {
        "id": "gladi: kecepatan jam acara, mis. 60",
        "en": "rehearsal: event clock speed, e.g. 60",
    },
    "cli.help.import_agenda": {
        "id": "impor agenda (YAML, CSV, XLSX), menggantikan agenda yang berlaku",
        "en": "import the agenda (YAML, CSV, XLSX), replacing the one in force",
    },
    "cli.help.import_roster": {
        "id": "impor daftar peserta (CSV, XLSX); data dengan NIP sama diperbarui",
        "en": "import the participant list (CSV, XLSX); entries with the same NIP are updated",
    },
    "cli.help.file": {"id": "berkas yang diimpor", "en": "the file to import"},
    "cli.help.file_meta": {"id": "BERKAS", "en": "FILE"},
    "cli.help.preview": {
        "id": "pratinjau setiap pesan otomatis, urut waktu, untuk rapat panitia",
        "en": "preview every automatic message, in time order, for a committee meeting",
    },
    "cli.help.preview_description": {
        "id": "Setiap pesan otomatis urut waktu: jam, jenis, jumlah penerima dan teksnya dalam "
        "satu baris, dipotong pada batas kata dengan “…” bila melebihi {width} karakter. "
        "Nama penerima tampil sebagai Bapak/Ibu {{nama}}.",
        "en": "Every automatic message in time order: time, kind, number of recipients and its "
        "text on one line, cut at a word with “…” beyond {width} characters. The recipient's "
        "name shows as Mr/Ms {{name}}.",
    },
    "cli.help.date": {"id": "hanya tanggal ini (TTTT-BB-HH)", "en": "only this day (YYYY-MM-DD)"},
    "cli.help.date_meta": {"id": "TANGGAL", "en": "DATE"},
    "cli.help.preview_lang": {
        "id": "bahasa pesan: id atau en (bawaan: DEFAULT_LANGUAGE)",
        "en": "language of the messages: id or en (default: DEFAULT_LANGUAGE)",
    },
    "cli.help.full": {
        "id": "cetak setiap pesan utuh, baris demi baris, tanpa dipotong",
        "en": "print each message whole, line by line, uncut",
    },
    "cli.help.invites": {
        "id": "tautan pendaftaran sekali ketuk untuk setiap peserta",
        "en": "one-tap registration links for the participant list",
    },
    "cli.help.bot": {"id": "nama pengguna bot, mis. retret_bot", "en": "the bot's username"},
    "cli.help.qr": {
        "id": "tulis juga kode QR (PNG) setiap peserta dan index.html untuk dicetak",
        "en": "also write a QR code PNG per participant and a printable index.html",
    },
    "cli.help.qr_meta": {"id": "FOLDER", "en": "DIR"},
    "cli.help.check": {
        "id": "periksa pengaturan, basis data dan agenda",
        "en": "check the settings, database and agenda",
    },
    "cli.help.backup": {
        "id": "salin basis data ke BERKAS (aman selagi bot berjalan), lalu periksa salinannya",
        "en": "copy the database to FILE (safe while the bot runs), then check the copy",
    },
    "cli.help.backup_file": {
        "id": "berkas cadangan yang akan ditulis (tidak ditimpa bila sudah ada)",
        "en": "the backup file to write (not overwritten if it exists)",
    },
    "cli.help.force": {
        "id": "timpa BERKAS bila sudah ada",
        "en": "overwrite FILE if it exists",
    },
    "cli.help.check_backup": {
        "id": "periksa berkas cadangan ini saja (PRAGMA integrity_check dan versi skema)",
        "en": "check only this backup file (PRAGMA integrity_check and schema version)",
    },
    # ---- argparse's own words, by its message ids (see ARGPARSE)
    "cli.argparse.usage": {"id": "penggunaan: ", "en": "usage: "},
    "cli.argparse.positionals": {"id": "argumen", "en": "positional arguments"},
    "cli.argparse.options": {"id": "pilihan", "en": "options"},
    "cli.argparse.help": {
        "id": "tampilkan bantuan ini lalu keluar",
        "en": "show this help message and exit",
    },
    "cli.argparse.required": {
        "id": "argumen berikut wajib diisi: %s",
        "en": "the following arguments are required: %s",
    },
    "cli.argparse.unrecognized": {
        "id": "argumen tidak dikenal: %s",
        "en": "unrecognized arguments: %s",
    },
    "cli.argparse.argument": {
        "id": "argumen %(argument_name)s: %(message)s",
        "en": "argument %(argument_name)s: %(message)s",
    },
    "cli.argparse.invalid_value": {
        "id": "nilai tidak sah: %(value)r",
        "en": "invalid value: %(value)r",
    },
    "cli.argparse.invalid_choice": {
        "id": "pilihan tidak dikenal: %(value)r (pilih salah satu: %(choices)s)",
        "en": "invalid choice: %(value)r (choose from %(choices)s)",
    },
    "cli.argparse.one_argument": {"id": "perlu satu nilai", "en": "expected one argument"},
    "cli.argparse.ambiguous": {
        "id": "pilihan %(option)s tidak jelas, bisa berarti %(matches)s",
        "en": "ambiguous option: %(option)s could match %(matches)s",
    },
    "cli.argparse.not_allowed": {
        "id": "tidak dapat dipakai bersama argumen %s",
        "en": "not allowed with argument %s",
    },
    "cli.argparse.explicit": {
        "id": "nilai %r diabaikan",
        "en": "ignored explicit argument %r",
    },
}

# argparse's message ids (Python 3.11-3.13 source) and the key that says them.
ARGPARSE: dict[str, str] = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "expected one argument": "cli.argparse.one_argument",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "not allowed with argument %s": "cli.argparse.not_allowed",
    "ignored explicit argument %r": "cli.argparse.explicit",
}
