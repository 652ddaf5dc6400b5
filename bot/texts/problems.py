"""Texts for problems found in imported agenda and roster files, and in NIPs typed in chat."""

TEXTS: dict[str, dict[str, str]] = {
    # --- where a problem is -------------------------------------------------------------
    "problem.where_row_col": {
        "id": "Baris {row}, kolom {column}",
        "en": "Row {row}, column {column}",
    },
    "problem.where_row": {"id": "Baris {row}", "en": "Row {row}"},
    "problem.where_col": {"id": "Kolom {column}", "en": "Field {column}"},
    "problem.where_item_col": {
        "id": "Sesi ke-{row}, kolom {column}",
        "en": "Session {row}, field {column}",
    },
    "problem.where_item": {"id": "Sesi ke-{row}", "en": "Session {row}"},
    "import.read_as_agenda": {
        "id": "Berkas dibaca sebagai agenda, karena baris judulnya memuat kolom: {columns}.",
        "en": "The file was read as an agenda, as its header row has the columns: {columns}.",
    },
    "import.read_as_roster": {
        "id": "Berkas dibaca sebagai daftar peserta, karena baris judulnya memuat kolom: "
        "{columns}.",
        "en": "The file was read as a roster, as its header row has the columns: {columns}.",
    },
    "problem.refused": {
        "id": "Berkas ditolak; data yang berlaku tidak diubah. Ditemukan {count} masalah:",
        "en": "The file was refused; the data in force is unchanged. {count} problem(s) found:",
    },
    # --- the file as a whole ------------------------------------------------------------
    "problem.file_type": {
        "id": "Jenis berkas “{filename}” tidak didukung. Gunakan berkas {allowed}.",
        "en": "The file type of “{filename}” is not supported. Please use {allowed}.",
    },
    "problem.file_unreadable": {
        "id": "Berkas “{filename}” tidak dapat dibaca ({detail}).",
        "en": "The file “{filename}” cannot be read ({detail}).",
    },
    "problem.empty_file": {
        "id": "Berkas kosong: tidak ada data yang bisa dibaca.",
        "en": "The file is empty: there is no data to read.",
    },
    "problem.bad_encoding": {
        "id": "Isi berkas CSV tidak dapat dibaca. Simpan ulang sebagai “CSV UTF-8”.",
        "en": "The CSV file's text cannot be read. Please save it again as “CSV UTF-8”.",
    },
    "problem.bad_csv": {
        "id": "Berkas CSV rusak di sekitar baris {line} ({detail}).",
        "en": "The CSV file is malformed around line {line} ({detail}).",
    },
    "problem.bad_xlsx": {
        "id": "Berkas Excel tidak dapat dibuka. Pastikan berformat .xlsx dan tidak rusak.",
        "en": "The Excel file cannot be opened. Make sure it is a valid .xlsx file.",
    },
    "problem.file_too_big": {
        "id": "Berkas terlalu besar (paling besar {limit} MB). Agenda atau daftar peserta yang "
        "wajar jauh lebih kecil; periksa apakah berkasnya benar.",
        "en": "The file is too large (at most {limit} MB). A real agenda or roster is far "
        "smaller; check that this is the right file.",
    },
    "problem.xlsx_too_big": {
        "id": "Isi berkas Excel terlalu besar setelah dibuka (lebih dari {limit} MB). "
        "Simpan hanya lembar data yang diperlukan, tanpa gambar.",
        "en": "The Excel file unpacks to too much (over {limit} MB). "
        "Keep only the sheet with the data, without pictures.",
    },
    "problem.csv_field_count": {
        "id": "Baris ini berisi {count} kolom, sedangkan baris judul {expected} kolom. "
        'Periksa tanda kutip (") yang tidak ditutup atau pemisah yang kurang/berlebih.',
        "en": "This row has {count} fields where the header row has {expected}. "
        'Check for a quote (") left open or a missing or extra separator.',
    },
    "problem.unknown_table": {
        "id": "Berkas ini bukan agenda maupun daftar peserta: baris judulnya harus "
        "memuat kolom agenda ({agenda}) atau kolom daftar peserta ({roster}).",
        "en": "This file is neither an agenda nor a roster: its header row must hold the "
        "agenda columns ({agenda}) or the roster columns ({roster}).",
    },
    "problem.missing_column": {
        "id": "Kolom wajib “{column}” tidak ada di baris judul.",
        "en": "The required column “{column}” is missing from the header row.",
    },
    "problem.duplicate_column": {
        "id": "Kolom “{column}” muncul lebih dari sekali di baris judul.",
        "en": "The column “{column}” appears more than once in the header row.",
    },
    "problem.yaml_syntax": {
        "id": "Penulisan YAML salah di baris {line} ({detail}). "
        "Periksa indentasi, titik dua, dan tanda kutip.",
        "en": "YAML syntax error on line {line} ({detail}). "
        "Check the indentation, colons and quotes.",
    },
    "problem.yaml_too_deep": {
        "id": "YAML bersarang terlalu dalam di baris {line} (lebih dari {limit} tingkat). "
        "Agenda hanya perlu beberapa tingkat; periksa tanda kurung dan indentasi.",
        "en": "The YAML nests too deep at line {line} (more than {limit} levels). "
        "An agenda needs only a few; check the brackets and indentation.",
    },
    "problem.yaml_too_big": {
        "id": "Berkas YAML berisi lebih dari {limit} nilai bila setiap alias (*nama) "
        "dituliskan lengkap. Tulis agenda tanpa pengulangan alias seperti itu.",
        "en": "The YAML holds more than {limit} values once every alias (*name) is written "
        "out. Write the agenda without such repetition.",
    },
    "problem.yaml_alias_loop": {
        "id": "Alias YAML di baris {line} merujuk ke dirinya sendiri (berulang tanpa akhir).",
        "en": "The YAML alias at line {line} refers to itself (an endless loop).",
    },
    "problem.not_a_mapping": {
        "id": "Bagian ini harus berisi pasangan “nama: nilai”.",
        "en": "This part must contain “name: value” pairs.",
    },
    "problem.not_a_list": {
        "id": "Bagian ini harus berupa daftar (setiap butir diawali “- ”).",
        "en": "This part must be a list (each item starting with “- ”).",
    },
    "problem.unknown_field": {
        "id": "Nama kolom “{field}” tidak dikenal (mungkin salah ketik). Yang dikenal: {allowed}.",
        "en": "Unknown field “{field}” (perhaps a typo). Known fields: {allowed}.",
    },
    "problem.required": {
        "id": "Wajib diisi.",
        "en": "This is required.",
    },
    "problem.too_long": {
        "id": "Terlalu panjang: {length} karakter, paling banyak {limit}.",
        "en": "Too long: {length} characters, at most {limit}.",
    },
    "problem.control_char": {
        "id": "Berisi karakter kendali {char} yang tidak terlihat dan tidak diperbolehkan; "
        "ketik ulang teksnya.",
        "en": "Holds the invisible control character {char}, which is not allowed; "
        "type the text again.",
    },
    "problem.line_break": {
        "id": "Harus satu baris: hapus ganti baris (Enter) di dalamnya.",
        "en": "Must be one line: remove the line break (Enter) in it.",
    },
    "problem.too_many_items": {
        "id": "Terlalu banyak butir: {count}, paling banyak {limit}.",
        "en": "Too many entries: {count}, at most {limit}.",
    },
    "problem.bad_text": {
        "id": "Isian “{value}” harus berupa teks biasa; beri tanda kutip bila perlu.",
        "en": "“{value}” must be plain text; put it in quotes if needed.",
    },
    # --- agenda -------------------------------------------------------------------------
    "problem.no_sessions": {
        "id": "Agenda tidak berisi satu sesi pun.",
        "en": "The agenda contains no sessions.",
    },
    "problem.too_many_sessions": {
        "id": "Agenda berisi lebih dari {limit} sesi; itu melebihi agenda retret mana pun. "
        "Periksa apakah berkasnya benar.",
        "en": "The agenda has more than {limit} sessions, more than any retreat needs. "
        "Check that this is the right file.",
    },
    "problem.agenda_too_long": {
        "id": "Agenda mencakup {days} hari ({first} s.d. {last}); paling lama {limit} hari. "
        "Periksa tanggal yang salah ketik.",
        "en": "The agenda spans {days} days ({first} to {last}); at most {limit}. "
        "Check for a mistyped date.",
    },
    "problem.date_out_of_range": {
        "id": "Tanggal {value} terlalu jauh dari hari ini ({today}); tanggal harus dalam "
        "{years} tahun dari sekarang. Periksa tahunnya.",
        "en": "The date {value} is too far from today ({today}); dates must be within "
        "{years} years of now. Check the year.",
    },
    "problem.duplicate_id": {
        "id": "ID “{id}” sudah dipakai di baris {first_row}; setiap sesi perlu ID sendiri.",
        "en": "The ID “{id}” is already used in row {first_row}; every session needs its own ID.",
    },
    "problem.duplicate_id.yaml": {
        "id": "ID “{id}” sudah dipakai oleh sesi ke-{first_row}; setiap sesi perlu ID sendiri.",
        "en": "The ID “{id}” is already used by session {first_row}; "
        "every session needs its own ID.",
    },
    "problem.bad_id": {
        "id": "ID “{value}” tidak sah: gunakan 1–40 huruf, angka, “-” atau “_”, tanpa spasi.",
        "en": "Invalid ID “{value}”: use 1–40 letters, digits, “-” or “_”, without spaces.",
    },
    "problem.bad_date": {
        "id": "Tanggal “{value}” tidak sah; tulis TTTT-BB-HH, misalnya 2025-05-15.",
        "en": "Invalid date “{value}”; write YYYY-MM-DD, e.g. 2025-05-15.",
    },
    "problem.bad_time": {
        "id": "Jam “{value}” tidak sah; tulis JJ.MM atau JJ:MM antara 00.00 dan 23.59.",
        "en": "Invalid time “{value}”; write HH:MM or HH.MM between 00:00 and 23:59.",
    },
    "problem.end_before_start": {
        "id": "Jam selesai ({end:%H.%M}) harus sesudah jam mulai ({start:%H.%M}).",
        "en": "The end time ({end:%H:%M}) must be after the start time ({start:%H:%M}).",
    },
    "problem.bad_kind": {
        "id": "Jenis kegiatan “{value}” tidak dikenal. Pilih salah satu: {allowed}.",
        "en": "Unknown kind “{value}”. Choose one of: {allowed}.",
    },
    "problem.bad_remind": {
        "id": "Pengingat “{value}” tidak sah: tulis menit sebelum mulai (0–1440), "
        "dipisah “;”, misalnya 30;5.",
        "en": "Invalid reminders “{value}”: give minutes before the start (0–1440), "
        "separated by “;”, e.g. 30;5.",
    },
    "problem.bad_minutes": {
        "id": "“{value}” harus bilangan bulat menit antara 0 dan 1440.",
        "en": "“{value}” must be a whole number of minutes from 0 to 1440.",
    },
    "problem.bad_timezone": {
        "id": "Zona waktu “{value}” tidak dikenal; gunakan misalnya Asia/Jakarta, "
        "Asia/Makassar atau Asia/Jayapura.",
        "en": "Unknown time zone “{value}”; use e.g. Asia/Jakarta, Asia/Makassar or Asia/Jayapura.",
    },
    "problem.bad_bool": {
        "id": "“{value}” harus ya atau tidak (true/false).",
        "en": "“{value}” must be yes or no (true/false).",
    },
    "problem.bad_audience": {
        "id": "Peserta sasaran “{value}” tidak sah: tulis “all” atau nama jabatan/kelompok.",
        "en": "Invalid audience “{value}”: write “all” or names of positions/groups.",
    },
    "problem.bad_question": {
        "id": "Jenis pertanyaan “{value}” tidak dikenal. Pilih salah satu: {allowed}.",
        "en": "Unknown question type “{value}”. Choose one of: {allowed}.",
    },
    "problem.question_no_options": {
        "id": "Pertanyaan pilihan (choice) perlu daftar pilihan (options) yang tidak kosong.",
        "en": "A choice question needs a non-empty list of options.",
    },
    "problem.duplicate_question_id": {
        "id": "ID pertanyaan “{id}” dipakai lebih dari sekali.",
        "en": "The question ID “{id}” is used more than once.",
    },
    # --- roster and NIP (NIP texts are also shown to participants in chat) -----------------
    "problem.bad_salutation": {
        "id": "Sapaan “{value}” tidak dikenal. Pilih salah satu: {allowed}, atau kosongkan "
        "agar diambil dari NIP.",
        "en": "Unknown salutation “{value}”. Choose one of: {allowed}, or leave it empty to "
        "take it from the NIP.",
    },
    "problem.too_many_rows": {
        "id": "Daftar peserta berisi lebih dari {limit} baris. Periksa apakah berkasnya benar.",
        "en": "The roster has more than {limit} rows. Check that this is the right file.",
    },
    "problem.duplicate_nip": {
        "id": "NIP {nip} sudah tercantum di baris {first_row}.",
        "en": "The NIP {nip} is already listed in row {first_row}.",
    },
    "problem.nip_as_number": {
        "id": "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang. "
        "Ubah format kolom NIP menjadi Teks, lalu ketik ulang NIP-nya.",
        "en": "The NIP is stored as a number, so its last digits are lost. "
        "Format the NIP column as Text and type the NIP again.",
    },
    "problem.nip_not_digits": {
        "id": "NIP hanya boleh berisi angka (spasi boleh). Ada karakter lain: {chars}",
        "en": "A NIP may contain only digits (spaces are fine). Other characters found: {chars}",
    },
    "problem.nip_length": {
        "id": "NIP harus 18 digit; yang Bapak/Ibu kirim {length} digit.",
        "en": "A NIP has 18 digits; this one has {length}.",
    },
    "problem.nip_birth_date": {
        "id": "8 digit pertama NIP adalah tanggal lahir (TTTTBBHH, tahun 1940–2015); "
        "“{value}” bukan tanggal lahir yang sah. Mohon periksa kembali NIP Bapak/Ibu.",
        "en": "The first 8 digits of a NIP are the birth date (YYYYMMDD, year 1940–2015); "
        "“{value}” is not a valid birth date. Please check your NIP.",
    },
    "problem.nip_start_date": {
        "id": "Digit ke-9 sampai ke-14 NIP adalah bulan pengangkatan (TTTTBB); "
        "“{value}” bukan bulan yang sah. Mohon periksa kembali NIP Bapak/Ibu.",
        "en": "Digits 9 to 14 of a NIP are the month of appointment (YYYYMM); "
        "“{value}” is not a valid month. Please check your NIP.",
    },
    "problem.nip_start_too_early": {
        "id": "Menurut NIP ini, pengangkatan ({start}) terjadi sebelum usia 18 tahun "
        "(lahir {birth}). Mohon periksa kembali NIP Bapak/Ibu.",
        "en": "According to this NIP, the appointment ({start}) came before the age of 18 "
        "(born {birth}). Please check your NIP.",
    },
    "problem.nip_start_future": {
        "id": "Bulan pengangkatan dalam NIP ini ({start}) masih di masa depan. "
        "Mohon periksa kembali NIP Bapak/Ibu.",
        "en": "The month of appointment in this NIP ({start}) is in the future. "
        "Please check your NIP.",
    },
    "problem.nip_sex_digit": {
        "id": "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2, bukan {digit}. "
        "Mohon periksa kembali NIP Bapak/Ibu.",
        "en": "Digit 15 of a NIP (sex) must be 1 or 2, not {digit}. Please check your NIP.",
    },
    "problem.nip_sequence": {
        "id": "Tiga digit terakhir NIP (nomor urut) tidak boleh 000. "
        "Mohon periksa kembali NIP Bapak/Ibu.",
        "en": "The last three digits of a NIP (sequence number) cannot be 000. "
        "Please check your NIP.",
    },
}
