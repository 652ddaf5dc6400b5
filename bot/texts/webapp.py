"""Texts of the Mini App (issue 11): the pages' words, served to the page as JSON, and the
chat's buttons that open it. Placeholders in the page's texts are filled by the page."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ---- in the chat
    "webapp.open_timeline": {"id": "📅 Buka linimasa", "en": "📅 Open timeline"},
    "webapp.menu_button": {"id": "Linimasa", "en": "Timeline"},
    "webapp.setting_url": {
        "id": "harus berupa alamat https lengkap, misalnya https://retret.example.go.id/webapp/",
        "en": "must be a full https address, such as https://retret.example.go.id/webapp/",
    },
    # ---- the check-in code asked for on the page (the chat's asks to type it in the chat)
    "webapp.needs_code": {
        "id": "Masukkan kode presensi {title} yang ditampilkan panitia di lokasi.",
        "en": "Enter the check-in code for {title} shown by the committee on site.",
    },
    "webapp.wrong_code": {
        "id": "Kode presensi salah. Silakan coba lagi.",
        "en": "Wrong check-in code. Please try again.",
    },
    # ---- both pages
    "webapp.loading": {"id": "Memuat…", "en": "Loading…"},
    "webapp.unauthorised": {
        "id": "Halaman ini hanya dapat dibuka dari bot di Telegram. Silakan tutup dan buka kembali dari chat bot.",
        "en": "This page opens only from the bot in Telegram. Please close it and open it again from the bot's chat.",
    },
    "webapp.forbidden": {
        "id": "Halaman ini khusus untuk panitia.",
        "en": "This page is for organisers only.",
    },
    "webapp.not_registered": {
        "id": "Bapak/Ibu belum terdaftar sebagai peserta. Silakan daftar melalui chat bot dengan /daftar.",
        "en": "You are not registered as a participant yet. Please register in the bot's chat with /register.",
    },
    "webapp.offline": {
        "id": "Koneksi terputus; mencoba lagi…",
        "en": "Connection lost; trying again…",
    },
    "webapp.error": {
        "id": "Terjadi kesalahan. Silakan coba lagi sebentar lagi.",
        "en": "Something went wrong. Please try again in a moment.",
    },
    "webapp.updated": {"id": "Diperbarui pukul {time}", "en": "Updated at {time}"},
    "webapp.to_dashboard": {"id": "📊 Dasbor panitia", "en": "📊 Organisers' dashboard"},
    "webapp.to_timeline": {"id": "📅 Linimasa saya", "en": "📅 My timeline"},
    # ---- the participant's timeline
    "webapp.timeline_title": {"id": "Linimasa {name}", "en": "{name}'s timeline"},
    "webapp.day_n": {"id": "Hari ke-{n}", "en": "Day {n}"},
    "webapp.now": {"id": "Sekarang pukul {time}", "en": "Now {time}"},
    "webapp.current": {"id": "Sedang berlangsung", "en": "Under way"},
    "webapp.next": {"id": "Berikutnya", "en": "Next"},
    "webapp.location": {"id": "Lokasi", "en": "Location"},
    "webapp.speaker": {"id": "Narasumber", "en": "Speaker"},
    "webapp.no_sessions": {
        "id": "Tidak ada agenda Bapak/Ibu pada hari ini.",
        "en": "Nothing on your agenda this day.",
    },
    "webapp.att_done": {"id": "✅ Kehadiran tercatat", "en": "✅ Checked in"},
    "webapp.att_open": {
        "id": "Presensi dibuka sampai pukul {close}",
        "en": "Check-in open until {close}",
    },
    "webapp.att_upcoming": {
        "id": "Presensi dibuka pukul {open}–{close}",
        "en": "Check-in opens {open}–{close}",
    },
    "webapp.att_missed": {"id": "Tidak tercatat hadir", "en": "Not checked in"},
    "webapp.btn_checkin": {"id": "✅ Hadir", "en": "✅ Check in"},
    "webapp.code_label": {"id": "Kode presensi", "en": "Check-in code"},
    "webapp.btn_send": {"id": "Kirim", "en": "Send"},
    "webapp.refl_head": {"id": "Refleksi {date}", "en": "Reflection, {date}"},
    "webapp.refl_done": {
        "id": "✅ Sudah lengkap. Terima kasih.",
        "en": "✅ Complete. Thank you.",
    },
    "webapp.refl_started": {
        "id": "{answered} dari {total} pertanyaan terjawab. Lanjutkan dengan /refleksi di chat.",
        "en": "{answered} of {total} questions answered. Carry on with /reflect in the chat.",
    },
    "webapp.refl_open": {
        "id": "Belum diisi. Ketik /refleksi di chat.",
        "en": "Not started yet. Type /reflect in the chat.",
    },
    # ---- the organisers' dashboard
    "webapp.dashboard_title": {"id": "Dasbor panitia", "en": "Organisers' dashboard"},
    "webapp.registrations": {"id": "Pendaftaran", "en": "Registrations"},
    "webapp.registered_of": {
        "id": "{registered} dari {roster} peserta terdaftar",
        "en": "{registered} of {roster} participants registered",
    },
    "webapp.off_roster": {
        "id": "{count} terdaftar di luar daftar peserta",
        "en": "{count} registered who are not on the list",
    },
    "webapp.by_position": {"id": "Per jabatan", "en": "By position"},
    "webapp.by_group": {"id": "Per kelompok", "en": "By group"},
    "webapp.no_group": {"id": "Tanpa kelompok", "en": "No group"},
    "webapp.attendance": {"id": "Kehadiran {date}", "en": "Attendance, {date}"},
    "webapp.present_of": {
        "id": "{present} dari {expected} hadir",
        "en": "{present} of {expected} present",
    },
    "webapp.missing": {"id": "Belum hadir", "en": "Not checked in yet"},
    "webapp.all_present": {"id": "Semua sudah hadir.", "en": "Everyone is present."},
    "webapp.state_upcoming": {"id": "Presensi belum dibuka", "en": "Check-in not open yet"},
    "webapp.state_open": {"id": "Presensi dibuka", "en": "Check-in open"},
    "webapp.state_closed": {"id": "Presensi ditutup", "en": "Check-in closed"},
    "webapp.no_assembly": {
        "id": "Tidak ada apel atau sesi berpresensi hari ini.",
        "en": "No assembly or check-in session today.",
    },
    "webapp.response": {
        "id": "{finished} dari {registered} selesai ({rate}); {started} sedang mengisi",
        "en": "{finished} of {registered} finished ({rate}); {started} in progress",
    },
    "webapp.average": {
        "id": "Rata-rata {average} dari {answers} jawaban",
        "en": "Average {average} from {answers} answers",
    },
    "webapp.no_reflection": {
        "id": "Belum ada hari refleksi.",
        "en": "No reflection day yet.",
    },
    "webapp.queue": {"id": "Antrean pesan otomatis", "en": "Automatic message queue"},
    "webapp.q_pending": {"id": "menunggu", "en": "waiting"},
    "webapp.q_sent": {"id": "terkirim", "en": "sent"},
    "webapp.q_failed": {"id": "gagal", "en": "failed"},
    "webapp.q_expired": {"id": "kedaluwarsa", "en": "expired"},
    "webapp.q_uncertain": {"id": "belum pasti", "en": "uncertain"},
    "webapp.broadcast_running": {
        "id": "Pengumuman sedang dikirim",
        "en": "Announcement being sent",
    },
    "webapp.broadcast_last": {
        "id": "Laporan pengumuman terakhir",
        "en": "Last announcement's report",
    },
    "webapp.broadcast_line": {
        "id": "#{id} ({when}): {sent} terkirim, {failed} gagal, {blocked} memblokir bot, {stopped} dihentikan, {remaining} tersisa, dari {total}",
        "en": "#{id} ({when}): {sent} sent, {failed} failed, {blocked} blocked the bot, {stopped} stopped, {remaining} to go, of {total}",
    },
    "webapp.no_broadcast": {"id": "Belum ada pengumuman.", "en": "No announcements yet."},
}
