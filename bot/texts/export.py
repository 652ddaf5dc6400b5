"""Texts of the XLSX export (issue 9, item 4) and of the reflection messages in `preview`
(item 7): sheet names, column headers, the words in cells, the command line and /ekspor."""

from __future__ import annotations

__all__ = ["TEXTS"]

TEXTS: dict[str, dict[str, str]] = {
    # ---- preview: the journal's answers, in place of anyone's own
    "export.preview_answer": {"id": "(jawaban peserta)", "en": "(the participant's answer)"},
    # ---- the broadcast audience "has not finished today's reflection" (issue 8, item 1)
    "btn.bc_not_reflected": {
        "id": "Belum selesai refleksi hari ini",
        "en": "Today's reflection not finished",
    },
    "bc.aud_not_reflected": {
        "id": "belum menyelesaikan refleksi {date}",
        "en": "not finished the reflection of {date}",
    },
    # ---- the command line
    "export.help": {
        "id": "tulis semua data kegiatan ke satu berkas XLSX untuk laporan panitia",
        "en": "write all of the event's data to one XLSX file for the committee's report",
    },
    "export.help_file": {
        "id": "berkas XLSX yang ditulis (ditimpa bila sudah ada)",
        "en": "the XLSX file to write (replaced if it exists)",
    },
    "export.not_xlsx": {
        "id": "Nama berkas ekspor harus berakhiran .xlsx: {path}",
        "en": "The export file's name must end in .xlsx: {path}",
    },
    "export.cannot_write": {
        "id": "Berkas {path} tidak dapat ditulis: {reason}",
        "en": "Cannot write {path}: {reason}",
    },
    "export.written": {
        "id": "Ekspor ditulis ke {path}: {people} orang di daftar peserta dan pendaftaran, "
        "{reflections} refleksi, {announcements} pengumuman, {questions} pertanyaan.",
        "en": "Export written to {path}: {people} people on the roster and registered, "
        "{reflections} reflections, {announcements} announcements, {questions} questions.",
    },
    # ---- /ekspor
    "help.export_admin": {
        "id": "\n/ekspor — semua data kegiatan dalam satu berkas XLSX (hanya di obrolan pribadi)",
        "en": "\n/export — all of the event's data in one XLSX file (private chat only)",
    },
    "cmd.ekspor": {"id": "Ekspor data kegiatan (XLSX)", "en": "Export the event's data (XLSX)"},
    "export.caption": {
        "id": "📊 Ekspor data kegiatan per {date} pukul {time}.\n"
        "Lembar: peserta, agenda, kehadiran, refleksi, pengumuman, pertanyaan, pengiriman.",
        "en": "📊 The event's data as of {date}, {time}.\n"
        "Sheets: participants, agenda, attendance, reflections, announcements, questions, "
        "deliveries.",
    },
    "export.filename": {"id": "ekspor-retret-{stamp}.xlsx", "en": "retreat-export-{stamp}.xlsx"},
    # ---- sheets
    "export.sheet.participants": {"id": "Peserta", "en": "Participants"},
    "export.sheet.agenda": {"id": "Agenda", "en": "Agenda"},
    "export.sheet.attendance": {"id": "Kehadiran", "en": "Attendance"},
    "export.sheet.reflections": {"id": "Refleksi", "en": "Reflections"},
    "export.sheet.announcements": {"id": "Pengumuman", "en": "Announcements"},
    "export.sheet.questions": {"id": "Pertanyaan", "en": "Questions"},
    "export.sheet.deliveries": {"id": "Pengiriman pesan", "en": "Message deliveries"},
    # ---- column headers
    "export.col.nip": {"id": "NIP", "en": "NIP"},
    "export.col.name": {"id": "Nama", "en": "Name"},
    "export.col.position": {"id": "Jabatan", "en": "Position"},
    "export.col.unit": {"id": "Unit kerja", "en": "Unit"},
    "export.col.group": {"id": "Kelompok", "en": "Group"},
    "export.col.phone": {"id": "Telepon", "en": "Phone"},
    "export.col.on_roster": {"id": "Ada di daftar peserta", "en": "On the roster"},
    "export.col.registered": {"id": "Terdaftar di bot", "en": "Registered with the bot"},
    "export.col.registered_at": {"id": "Waktu pendaftaran", "en": "Registered at"},
    "export.col.language": {"id": "Bahasa", "en": "Language"},
    "export.col.reminders": {"id": "Pengingat sesi", "en": "Session reminders"},
    "export.col.active": {
        "id": "Aktif (tidak memblokir bot)",
        "en": "Active (has not blocked the bot)",
    },
    "export.col.session_id": {"id": "Kode sesi", "en": "Session ID"},
    "export.col.date": {"id": "Tanggal", "en": "Date"},
    "export.col.start": {"id": "Mulai", "en": "Starts"},
    "export.col.end": {"id": "Selesai", "en": "Ends"},
    "export.col.title": {"id": "Judul", "en": "Title"},
    "export.col.kind": {"id": "Jenis", "en": "Kind"},
    "export.col.location": {"id": "Tempat", "en": "Location"},
    "export.col.speaker": {"id": "Narasumber", "en": "Speaker"},
    "export.col.audience": {"id": "Sasaran", "en": "Audience"},
    "export.col.checkin": {"id": "Presensi", "en": "Takes attendance"},
    "export.col.present": {"id": "Hadir", "en": "Present"},
    "export.col.checked_at": {"id": "Waktu presensi", "en": "Checked in at"},
    "export.col.method": {"id": "Cara presensi", "en": "Check-in method"},
    "export.col.day_number": {"id": "Hari ke-", "en": "Day"},
    "export.col.finished": {"id": "Selesai diisi", "en": "Finished"},
    "export.col.number": {"id": "Nomor", "en": "Number"},
    "export.col.created_at": {"id": "Dibuat", "en": "Created at"},
    "export.col.body": {"id": "Isi", "en": "Text"},
    "export.col.file": {"id": "Berkas", "en": "File"},
    "export.col.status": {"id": "Status", "en": "Status"},
    "export.col.send_at": {"id": "Dijadwalkan", "en": "Scheduled for"},
    "export.col.started_at": {"id": "Mulai dikirim", "en": "Sending started"},
    "export.col.finished_at": {"id": "Selesai dikirim", "en": "Sending finished"},
    "export.col.recipients": {"id": "Penerima", "en": "Recipients"},
    "export.col.sent": {"id": "Terkirim", "en": "Sent"},
    "export.col.failed": {"id": "Gagal", "en": "Failed"},
    "export.col.blocked": {"id": "Diblokir", "en": "Blocked"},
    "export.col.stopped": {"id": "Dihentikan", "en": "Stopped"},
    "export.col.waiting": {"id": "Belum terkirim", "en": "Not sent yet"},
    "export.col.asked_at": {"id": "Ditanyakan", "en": "Asked at"},
    "export.col.question": {"id": "Pertanyaan", "en": "Question"},
    "export.col.answer": {"id": "Jawaban", "en": "Answer"},
    "export.col.answered_by": {"id": "Dijawab oleh", "en": "Answered by"},
    "export.col.answered_at": {"id": "Waktu jawaban", "en": "Answered at"},
    "export.col.purpose": {"id": "Pesan", "en": "Message"},
    "export.col.about": {"id": "Tentang", "en": "About"},
    "export.col.item": {"id": "Rincian", "en": "Detail"},
    "export.col.first_queued": {"id": "Pertama diantrekan", "en": "First queued"},
    "export.col.last_sent": {"id": "Terakhir terkirim", "en": "Last sent"},
    "export.col.expired": {"id": "Kedaluwarsa", "en": "Expired"},
    "export.col.uncertain": {"id": "Mungkin ganda", "en": "Possibly twice"},
    # ---- words in cells
    "export.yes": {"id": "ya", "en": "yes"},
    "export.no": {"id": "tidak", "en": "no"},
    "export.language.id": {"id": "Bahasa Indonesia", "en": "Indonesian"},
    "export.language.en": {"id": "Bahasa Inggris", "en": "English"},
    "export.media.text": {"id": "teks", "en": "text"},
    "export.media.photo": {"id": "foto", "en": "photo"},
    "export.media.document": {"id": "dokumen", "en": "document"},
    "export.bc_status.scheduled": {"id": "terjadwal", "en": "scheduled"},
    "export.bc_status.sending": {"id": "sedang dikirim", "en": "sending"},
    "export.bc_status.stopped": {"id": "dihentikan", "en": "stopped"},
    "export.bc_status.done": {"id": "selesai", "en": "done"},
    "export.bc_status.cancelled": {"id": "dibatalkan", "en": "cancelled"},
    "export.q_status.open": {"id": "belum dijawab", "en": "open"},
    "export.q_status.answered": {"id": "dijawab", "en": "answered"},
    "export.purpose.briefing": {"id": "ringkasan pagi", "en": "morning briefing"},
    "export.purpose.reminder": {"id": "pengingat", "en": "reminder"},
    "export.purpose.prompt": {"id": "ajakan refleksi", "en": "reflection prompt"},
    "export.purpose.nudge": {"id": "imbauan", "en": "nudge"},
    "export.purpose.journal": {"id": "jurnal retret", "en": "retreat journal"},
    "export.purpose.broadcast": {"id": "pengumuman", "en": "announcement"},
    "export.purpose.question": {"id": "pertanyaan ke panitia", "en": "question to the organisers"},
    "export.purpose.answer": {"id": "jawaban panitia", "en": "organisers' answer"},
    "export.purpose.answered": {"id": "tanda sudah dijawab", "en": "answered notice"},
    "export.purpose.change": {"id": "pemberitahuan perubahan", "en": "change notice"},
    "export.purpose.alert": {"id": "peringatan untuk panitia", "en": "alert to the organisers"},
    "export.purpose.error": {"id": "laporan kesalahan", "en": "error report"},
}
