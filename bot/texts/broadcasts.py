"""Texts of organisers' announcements (/umumkan), participants' /pengumuman and the
broadcast lines of /status (issue 8, items 1, 2 and 5)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "cmd.umumkan": {"id": "Kirim pengumuman", "en": "Send an announcement"},
    "cmd.pengumuman": {"id": "Pengumuman terakhir", "en": "Latest announcements"},
    "bc.when": {"id": "{date} pukul {time}", "en": "{date} at {time}"},
    "bc.ask_message": {
        "id": "📢 <b>Pengumuman baru</b>\nKirim isi pengumuman: teks, atau foto atau dokumen "
        "dengan keterangan. Format yang Bapak/Ibu ketik (tebal, miring, tautan) ikut terkirim.\n"
        "Ketik /batal untuk membatalkan.",
        "en": "📢 <b>New announcement</b>\nSend the announcement: a text, or a photo or document "
        "with a caption. The formatting you type (bold, italic, links) is kept.\n"
        "Type /cancel to stop.",
    },
    "bc.scheduled_header": {
        "id": "🕑 <b>Pengumuman terjadwal</b>\n",
        "en": "🕑 <b>Scheduled announcements</b>\n",
    },
    "bc.scheduled_line": {
        "id": "• #{id} {when}: {preview}\n",
        "en": "• #{id} {when}: {preview}\n",
    },
    "bc.kind_photo": {"id": "[foto]", "en": "[photo]"},
    "bc.kind_document": {"id": "[dokumen {name}]", "en": "[document {name}]"},
    "bc.unsupported": {
        "id": "Pengumuman dapat berupa teks, foto, atau dokumen. Silakan kirim salah satunya, "
        "atau ketik /batal.",
        "en": "An announcement can be a text, a photo or a document. Please send one of these, "
        "or type /cancel.",
    },
    "bc.too_long": {
        "id": "Teks terlalu panjang ({length} karakter, paling banyak {limit}). Silakan persingkat.",
        "en": "The text is too long ({length} characters, at most {limit}). Please shorten it.",
    },
    "bc.choose_audience": {
        "id": "👥 <b>Penerima</b>: {audience}\nPilih penerima dengan tombol (boleh lebih dari "
        "satu), lalu tekan <b>Pratinjau</b>. Beberapa pilihan dalam satu jenis berarti salah "
        "satunya; pilihan dari jenis yang berbeda harus terpenuhi semuanya.",
        "en": "👥 <b>Recipients</b>: {audience}\nChoose recipients with the buttons (several "
        "allowed), then press <b>Preview</b>. Several choices of one kind mean any of them; "
        "choices of different kinds must all hold.",
    },
    "bc.choose_values": {
        "id": "👥 <b>Penerima</b>: {audience}\nPilih {what} (tekan lagi untuk menghapus):",
        "en": "👥 <b>Recipients</b>: {audience}\nChoose {what} (press again to remove):",
    },
    "bc.what_positions": {"id": "jabatan", "en": "positions"},
    "bc.what_groups": {"id": "kelompok", "en": "groups"},
    "bc.what_units": {"id": "unit kerja", "en": "units"},
    "bc.what_absent": {
        "id": "apel atau sesi hari ini yang belum dihadiri",
        "en": "today's assemblies or sessions not checked in to",
    },
    "bc.media_unusable": {
        "id": "Pesan ini tidak dapat dijadikan pengumuman. Kirim teks, foto, atau dokumen, "
        "atau ketik /batal. Rancangan yang sedang dibuat tetap tersimpan.",
        "en": "This cannot be made into an announcement. Send a text, a photo or a document, "
        "or type /cancel. The draft so far is kept.",
    },
    "bc.aud_everyone": {"id": "semua peserta terdaftar", "en": "everyone registered"},
    "bc.aud_positions": {"id": "jabatan {values}", "en": "position {values}"},
    "bc.aud_groups": {"id": "kelompok {values}", "en": "group {values}"},
    "bc.aud_units": {"id": "unit {values}", "en": "unit {values}"},
    "bc.aud_absent": {
        "id": "belum presensi di {values}",
        "en": "not checked in to {values}",
    },
    "bc.aud_and": {"id": ", dan ", "en": ", and "},
    "bc.preview": {
        "id": "👆 Pesan di atas akan diterima persis seperti itu.\n👥 Penerima: {audience}\n"
        "Jumlah penerima: <b>{count}</b> peserta{inactive}",
        "en": "👆 Recipients will get the message above exactly as shown.\n👥 Recipients: "
        "{audience}\nNumber of recipients: <b>{count}</b>{inactive}",
    },
    "bc.preview_inactive": {
        "id": "\n({count} peserta nonaktif karena memblokir bot tidak dihitung dan tidak akan "
        "dikirimi.)",
        "en": "\n({count} inactive participants who blocked the bot are not counted and will "
        "not be sent it.)",
    },
    "bc.no_recipients": {
        "id": "\n⚠️ Tidak ada penerima. Silakan ubah pilihan penerima.",
        "en": "\n⚠️ Nobody would receive it. Please change the recipients.",
    },
    "bc.ask_time": {
        "id": "🕑 Kapan dikirim? Ketik jam untuk hari ini, mis. <code>14.30</code>, atau tanggal "
        "dan jam, mis. <code>2025-05-16 07.00</code>. Jam acara sekarang: {now}.",
        "en": "🕑 When should it go? Type a time for today, e.g. <code>14.30</code>, or a date "
        "and time, e.g. <code>2025-05-16 07.00</code>. Event time now: {now}.",
    },
    "bc.bad_time": {
        "id": "Waktu tidak dikenali: <code>{value}</code>. Contoh: <code>14.30</code> atau "
        "<code>2025-05-16 07.00</code>.",
        "en": "Time not understood: <code>{value}</code>. For example <code>14.30</code> or "
        "<code>2025-05-16 07.00</code>.",
    },
    "bc.past_time": {
        "id": "Waktu itu ({when}) sudah lewat. Silakan ketik waktu yang akan datang.",
        "en": "That time ({when}) has passed. Please type a time still to come.",
    },
    "bc.scheduled": {
        "id": "🕑 Pengumuman #{id} dijadwalkan {when} untuk {audience}. Penerima dihitung saat "
        "pengiriman dimulai. Ketik /umumkan untuk melihat atau membatalkannya.",
        "en": "🕑 Announcement #{id} is scheduled for {when}, to {audience}. Recipients are "
        "counted when sending starts. Type /broadcast to see or cancel it.",
    },
    "bc.sending": {
        "id": "📤 Pengumuman #{id} dikirim ke {count} peserta. Kemajuannya tampil di pesan berikut.",
        "en": "📤 Announcement #{id} is going to {count} participants. Its progress follows.",
    },
    "bc.discarded": {
        "id": "Pengumuman dibatalkan, tidak ada yang dikirim.",
        "en": "Announcement cancelled; nothing was sent.",
    },
    "bc.cancelled": {
        "id": "Pengumuman terjadwal #{id} dibatalkan; tidak akan dikirim.",
        "en": "Scheduled announcement #{id} cancelled; it will not be sent.",
    },
    "bc.cancelled_no_draft": {
        "id": "Pengumuman terjadwal #{id} dibatalkan; tidak akan dikirim. Tidak ada pengumuman "
        "baru yang dibuat; ketik /umumkan untuk membuatnya.",
        "en": "Scheduled announcement #{id} cancelled; it will not be sent. No new announcement "
        "was started; type /broadcast to write one.",
    },
    "bc.cancel_too_late": {
        "id": "Pengumuman #{id} tidak dapat dibatalkan lagi (sudah mulai dikirim atau sudah "
        "dibatalkan).",
        "en": "Announcement #{id} can no longer be cancelled (it has started or was cancelled).",
    },
    "bc.stopped": {
        "id": "Dihentikan: {count} pesan tidak dikirim.",
        "en": "Stopped: {count} messages will not be sent.",
    },
    "bc.not_running": {
        "id": "Pengiriman ini sudah selesai atau sudah dihentikan.",
        "en": "This delivery has finished or was already stopped.",
    },
    "bc.progress": {
        "id": "📤 <b>Pengumuman #{id} sedang dikirim</b>\nTerkirim: {sent} · gagal: {failed} · "
        "memblokir bot: {blocked} · sisa: {remaining} (dari {total})",
        "en": "📤 <b>Announcement #{id} is being sent</b>\nSent: {sent} · failed: {failed} · "
        "blocked the bot: {blocked} · remaining: {remaining} (of {total})",
    },
    "bc.report": {
        "id": "📊 <b>Laporan pengiriman pengumuman #{id}</b>\nPenerima: {total}\nTerkirim: {sent}\n"
        "Gagal: {failed}\nMemblokir bot: {blocked}",
        "en": "📊 <b>Delivery report of announcement #{id}</b>\nRecipients: {total}\nSent: {sent}\n"
        "Failed: {failed}\nBlocked the bot: {blocked}",
    },
    "bc.report_stopped": {
        "id": "\nDihentikan, tidak dikirim: {stopped}",
        "en": "\nStopped, not sent: {stopped}",
    },
    "bc.report_unreached": {
        "id": "\n\n<b>Tidak terjangkau</b>\n{names}",
        "en": "\n\n<b>Not reached</b>\n{names}",
    },
    "bc.report_more": {"id": "\n… dan {count} lainnya", "en": "\n… and {count} more"},
    "btn.bc_positions": {"id": "Jabatan ▸", "en": "Position ▸"},
    "btn.bc_groups": {"id": "Kelompok ▸", "en": "Group ▸"},
    "btn.bc_units": {"id": "Unit ▸", "en": "Unit ▸"},
    "btn.bc_absent": {"id": "Belum presensi ▸", "en": "Not checked in ▸"},
    "btn.bc_everyone": {"id": "Semua peserta", "en": "Everyone"},
    "btn.bc_back": {"id": "◀ Kembali", "en": "◀ Back"},
    "btn.bc_prev": {"id": "◀", "en": "◀"},
    "btn.bc_next_page": {"id": "▶", "en": "▶"},
    "btn.bc_preview": {"id": "Pratinjau ▸", "en": "Preview ▸"},
    "btn.bc_send_now": {"id": "Kirim sekarang", "en": "Send now"},
    "btn.bc_schedule": {"id": "Jadwalkan", "en": "Schedule"},
    "btn.bc_change": {"id": "Ubah penerima", "en": "Change recipients"},
    "btn.bc_stop": {"id": "⏹ Hentikan", "en": "⏹ Stop"},
    "btn.bc_cancel_scheduled": {"id": "Batalkan #{id}", "en": "Cancel #{id}"},
    "news.header": {
        "id": "📢 <b>Pengumuman terakhir</b>",
        "en": "📢 <b>Latest announcements</b>",
    },
    "news.none": {
        "id": "Belum ada pengumuman untuk Bapak/Ibu.",
        "en": "There are no announcements for you yet.",
    },
    "news.item": {"id": "\n\n<b>{when}</b>\n{body}", "en": "\n\n<b>{when}</b>\n{body}"},
    "status.bc_header": {"id": "<b>Pengumuman</b>\n", "en": "<b>Announcements</b>\n"},
    "status.bc_scheduled": {
        "id": "Terjadwal: {count}{next}\n",
        "en": "Scheduled: {count}{next}\n",
    },
    "status.bc_next": {"id": " (berikutnya #{id}, {when})", "en": " (next #{id}, {when})"},
    "status.bc_running": {
        "id": "Sedang dikirim #{id}: {sent} terkirim, {failed} gagal, {blocked} memblokir bot, "
        "{remaining} sisa dari {total}\n",
        "en": "Being sent #{id}: {sent} sent, {failed} failed, {blocked} blocked the bot, "
        "{remaining} remaining of {total}\n",
    },
    "status.bc_last": {
        "id": "Laporan terakhir #{id} ({when}): {sent} terkirim, {failed} gagal, {blocked} "
        "memblokir bot{stopped} dari {total}\n",
        "en": "Last report #{id} ({when}): {sent} sent, {failed} failed, {blocked} blocked the "
        "bot{stopped} of {total}\n",
    },
    "status.bc_stopped": {"id": ", {count} dihentikan", "en": ", {count} stopped"},
    "status.bc_none": {"id": "Belum ada pengumuman.\n", "en": "No announcements yet.\n"},
}
