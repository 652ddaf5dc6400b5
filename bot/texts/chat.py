"""Texts of the chat, the schedule's messages and the command line, in Indonesian and English.

HTML (Telegram's subset); values put into placeholders are escaped by the caller.
"""

TEXTS: dict[str, dict[str, str]] = {
    # ---- languages and menus
    "lang.name": {"id": "Bahasa Indonesia", "en": "English"},
    "lang.choose": {
        "id": "Pilih bahasa / Choose your language:",
        "en": "Choose your language / Pilih bahasa:",
    },
    "lang.set": {"id": "Bahasa diubah ke Bahasa Indonesia.", "en": "Language set to English."},
    "lang.unchanged": {
        "id": "Bahasa tetap Bahasa Indonesia.",
        "en": "The language stays English.",
    },
    "btn.lang_id": {"id": "🇮🇩 Bahasa Indonesia", "en": "🇮🇩 Bahasa Indonesia"},
    "btn.lang_en": {"id": "🇬🇧 English", "en": "🇬🇧 English"},
    "cmd.start": {"id": "Mulai", "en": "Start"},
    "cmd.daftar": {"id": "Daftar sebagai peserta", "en": "Register as a participant"},
    "cmd.agenda": {"id": "Agenda hari ini", "en": "Today's agenda"},
    "cmd.sekarang": {"id": "Sesi sekarang dan berikutnya", "en": "Session now and next"},
    "cmd.besok": {"id": "Agenda besok", "en": "Tomorrow's agenda"},
    "cmd.kalender": {
        "id": "Agenda untuk kalender ponsel",
        "en": "Agenda for your phone's calendar",
    },
    "cmd.hadir": {"id": "Presensi apel atau sesi", "en": "Check in to an assembly or session"},
    "cmd.pengingat": {"id": "Pengingat sesi aktif/nonaktif", "en": "Session reminders on/off"},
    "cmd.profil": {"id": "Data pendaftaran saya", "en": "My registration data"},
    "cmd.bahasa": {"id": "Ganti bahasa", "en": "Change language"},
    "cmd.bantuan": {"id": "Bantuan", "en": "Help"},
    "cmd.batal": {"id": "Batalkan percakapan", "en": "Cancel the conversation"},
    "cmd.kehadiran": {"id": "Kehadiran dan kode presensi", "en": "Attendance and check-in code"},
    "cmd.ubah": {"id": "Pindahkan jadwal sesi", "en": "Move a session"},
    "cmd.status": {"id": "Status bot", "en": "Bot status"},
    # ---- welcome and registration
    "start.welcome": {
        "id": "Selamat datang di <b>{event}</b>!\n"
        "Saya asisten digital retret: agenda, pengingat apel dan sesi, serta pengumuman panitia.",
        "en": "Welcome to <b>{event}</b>!\n"
        "I am the retreat's digital assistant: agenda, reminders for assemblies and sessions, "
        "and the committee's announcements.",
    },
    "agenda.description": {"id": "ℹ️ {description}", "en": "ℹ️ {description}"},
    "agenda.details_header": {
        "id": "ℹ️ <b>Rincian {date}</b>: pakaian, perlengkapan dan tempat berkumpul",
        "en": "ℹ️ <b>Details for {date}</b>: what to wear, what to bring, where to gather",
    },
    "btn.details": {"id": "ℹ️ Rincian", "en": "ℹ️ Details"},
    "admin.overlap": {
        "id": "⚠️ Jika <b>{title}</b> dipindah ke {new}, waktunya bertabrakan dengan sesi lain "
        "untuk peserta yang sama:",
        "en": "⚠️ Moving <b>{title}</b> to {new} would overlap other sessions for the same "
        "participants:",
    },
    "admin.not_moved": {
        "id": "Jadwal tidak diubah.",
        "en": "The schedule was not changed.",
    },
    "btn.move_anyway": {"id": "Tetap pindahkan", "en": "Move anyway"},
    "btn.cancel": {"id": "Batal", "en": "Cancel"},
    "start.organiser": {
        "id": "Selamat datang. Bapak/Ibu terdaftar sebagai <b>panitia</b>; tidak perlu mendaftar dengan NIP.",
        "en": "Welcome. You are registered as an <b>organiser</b>; there is no need to register with a NIP.",
    },
    "start.welcome_back": {
        "id": "Selamat datang kembali, <b>{name}</b>",
        "en": "Welcome back, <b>{name}</b>",
    },
    "reg.ask_nip": {
        "id": "Silakan kirim <b>NIP</b> Bapak/Ibu (18 digit, boleh dengan spasi).\n/batal untuk berhenti.",
        "en": "Please send your <b>NIP</b> (18 digits, spaces allowed).\n/cancel to stop.",
    },
    "reg.nip_retry": {
        "id": "{reason}\nSilakan kirim ulang NIP Bapak/Ibu, atau /batal.",
        "en": "{reason}\nPlease send your NIP again, or /cancel.",
    },
    "reg.not_on_roster": {
        "id": "NIP <code>{nip}</code> tidak ada dalam daftar peserta retret. "
        "Periksa kembali NIP Bapak/Ibu, atau hubungi panitia di meja registrasi.",
        "en": "NIP <code>{nip}</code> is not on the retreat's participant list. "
        "Please check your NIP, or contact the committee at the registration desk.",
    },
    "reg.taken": {
        "id": "NIP ini sudah terdaftar pada akun Telegram lain. Panitia sudah diberi tahu; "
        "jika itu bukan Bapak/Ibu, silakan temui panitia.",
        "en": "This NIP is already registered to another Telegram account. The committee has "
        "been told; if that was not you, please see the committee.",
    },
    "reg.taken_admin": {
        "id": "⚠️ Akun lain mencoba mendaftar sebagai <b>{name}</b> ({unit}): {who} "
        "(ID Telegram <code>{user_id}</code>). Data itu sudah terikat pada ID Telegram "
        "<code>{bound}</code>. Jika peserta berganti ponsel atau akun, lepaskan akun lama "
        "agar ia dapat mendaftar ulang.",
        "en": "⚠️ Another account tried to register as <b>{name}</b> ({unit}): {who} "
        "(Telegram ID <code>{user_id}</code>). That registration belongs to Telegram ID "
        "<code>{bound}</code>. If the participant changed phone or account, release the old "
        "account so that they can register again.",
    },
    "btn.unbind": {"id": "Lepaskan akun lama", "en": "Release the old account"},
    "reg.unbound": {
        "id": "✅ Akun lama <b>{name}</b> ({unit}) dilepas. Peserta dapat mendaftar ulang.",
        "en": "✅ The old account of <b>{name}</b> ({unit}) was released. They can register again.",
    },
    "reg.unbind_none": {
        "id": "Akun itu sudah tidak terdaftar; tidak ada yang diubah.",
        "en": "That account is no longer registered; nothing was changed.",
    },
    "reg.confirm": {
        "id": "Apakah ini data Bapak/Ibu?\n\n<b>{name}</b>\n{position} — {unit}\n{group}",
        "en": "Is this you?\n\n<b>{name}</b>\n{position} — {unit}\n{group}",
    },
    "reg.confirm_open": {
        "id": "NIP ini belum ada dalam daftar panitia. Bapak/Ibu tetap dapat mendaftar sebagai "
        "<b>{name}</b> (belum terverifikasi). Lanjutkan?",
        "en": "This NIP is not on the committee's list yet. You can still register as "
        "<b>{name}</b> (unverified). Continue?",
    },
    "btn.yes_me": {"id": "✅ Ya, benar", "en": "✅ Yes, that's me"},
    "btn.not_me": {"id": "❌ Bukan saya", "en": "❌ Not me"},
    "reg.rejected": {
        "id": "Baik, tidak ada yang disimpan. Periksa NIP Bapak/Ibu lalu /daftar lagi, "
        "atau hubungi panitia.",
        "en": "All right, nothing was saved. Check your NIP and /register again, "
        "or contact the committee.",
    },
    "reg.done": {
        "id": "✅ Pendaftaran berhasil. Selamat bergabung, <b>{name}</b>\n{group}\n\nSaya akan mengirim ringkasan pagi dan pengingat sebelum setiap apel "
        "dan sesi Bapak/Ibu. Ketik /bantuan untuk melihat semua yang bisa saya lakukan.",
        "en": "✅ You are registered. Welcome, <b>{name}</b>\n{group}\n\n"
        "I will send a morning briefing and a reminder before each of your assemblies and "
        "sessions. Type /help to see everything I can do.",
    },
    "reg.already": {
        "id": "Bapak/Ibu sudah terdaftar sebagai <b>{name}</b> ({position}, {unit}).",
        "en": "You are already registered as <b>{name}</b> ({position}, {unit}).",
    },
    "reg.bad_link": {
        "id": "Tautan pendaftaran ini tidak dikenal atau sudah tidak berlaku. "
        "Bapak/Ibu dapat mendaftar dengan NIP.",
        "en": "This registration link is unknown or no longer valid. You can register with "
        "your NIP.",
    },
    "reg.needed": {
        "id": "Bapak/Ibu belum terdaftar. Ketik /daftar untuk mendaftar dengan NIP Bapak/Ibu.",
        "en": "You are not registered yet. Type /register to register with your NIP.",
    },
    "reg.no_group": {"id": "belum ditentukan", "en": "not assigned yet"},
    # ---- invite-only registration and limits on guessing (NIP, invite and check-in codes)
    "reg.invite_only": {
        "id": "Pendaftaran retret ini hanya melalui tautan atau kode QR undangan dari panitia; "
        "NIP yang diketik tidak dapat digunakan. Silakan buka tautan atau pindai kode QR pada "
        "kartu undangan Bapak/Ibu. Jika Bapak/Ibu belum menerimanya, hubungi panitia di meja "
        "registrasi.",
        "en": "Registration for this retreat is only through the committee's invitation link "
        "or QR code; a typed NIP cannot be used. Please open the link or scan the QR code on "
        "your invitation card. If you have not received one, please contact the committee at "
        "the registration desk.",
    },
    "reg.bad_link_invite": {
        "id": "Tautan pendaftaran ini tidak dikenal atau sudah tidak berlaku.",
        "en": "This registration link is unknown or no longer valid.",
    },
    "attempts.wait_nip": {
        "id": "Terlalu banyak percobaan pendaftaran yang tidak berhasil dari akun ini. "
        "Silakan coba lagi pukul {time}. Jika memerlukan bantuan, hubungi panitia di meja "
        "registrasi.",
        "en": "Too many unsuccessful registration attempts from this account. "
        "Please try again at {time}. If you need help, please contact the committee at the "
        "registration desk.",
    },
    "attempts.wait_checkin": {
        "id": "Terlalu banyak kode presensi yang salah untuk <b>{title}</b>. "
        "Silakan coba lagi pukul {time}. Jika memerlukan bantuan, hubungi panitia di lokasi.",
        "en": "Too many wrong check-in codes for <b>{title}</b>. "
        "Please try again at {time}. If you need help, please ask the committee on site.",
    },
    "attempts.nip_admin": {
        "id": "⚠️ Percobaan pendaftaran berulang: akun id <code>{user_id}</code> mencapai batas "
        "{count} percobaan dalam {minutes} menit dan ditahan hingga pukul {time}. "
        "NIP yang dicoba (disamarkan): {nips}.",
        "en": "⚠️ Repeated registration attempts: account id <code>{user_id}</code> reached "
        "the limit of {count} attempts in {minutes} minutes and is held until {time}. "
        "NIPs tried (masked): {nips}.",
    },
    "attempts.checkin_admin": {
        "id": "⚠️ Kode presensi <b>{title}</b> salah {count} kali dalam {minutes} menit dari "
        "akun id <code>{user_id}</code> ({name}); presensinya ditahan hingga pukul {time}.",
        "en": "⚠️ Wrong check-in code for <b>{title}</b> {count} times in {minutes} minutes "
        "from account id <code>{user_id}</code> ({name}); their check-in is held until {time}.",
    },
    # ---- agenda
    "agenda.none": {
        "id": "Agenda belum tersedia. Panitia akan segera mengunggahnya.",
        "en": "The agenda is not available yet. The committee will upload it soon.",
    },
    "agenda.header": {
        "id": "📅 <b>{date}</b>\nHari ke-{n} dari {total} · {event} · waktu {zone}",
        "en": "📅 <b>{date}</b>\nDay {n} of {total} · {event} · times in {zone}",
    },
    "agenda.empty_day": {
        "id": "Tidak ada acara untuk Bapak/Ibu hari itu.",
        "en": "Nothing on for you that day.",
    },
    "agenda.line": {"id": "<b>{time}</b> {title}", "en": "<b>{time}</b> {title}"},
    "agenda.location": {"id": "📍 {location}", "en": "📍 {location}"},
    "agenda.speaker": {"id": "🎤 {speaker}", "en": "🎤 {speaker}"},
    "agenda.guest_note": {
        "id": "ℹ️ Ini agenda umum. Setelah /daftar, Bapak/Ibu akan melihat agenda kelompok sendiri.",
        "en": "ℹ️ This is the general agenda. After /register you see your own group's agenda.",
    },
    "agenda.no_tomorrow": {
        "id": "Besok tidak ada acara retret. Retret {when} {date}.",
        "en": "There is nothing on tomorrow. The retreat {when} {date}.",
    },
    "agenda.outside": {
        "id": "Tidak ada acara retret pada {day}. Retret {when} {date}.",
        "en": "There is nothing on {day}. The retreat {when} {date}.",
    },
    "agenda.when_starts": {"id": "dimulai", "en": "starts on"},
    "agenda.when_ended": {"id": "berakhir", "en": "ended on"},
    "agenda.no_day": {
        "id": "Retret berlangsung {total} hari; tidak ada hari ke-{n}.",
        "en": "The retreat lasts {total} days; there is no day {n}.",
    },
    "agenda.bad_arg": {
        "id": "Saya tidak mengerti “{arg}”. Contoh: /agenda, /agenda besok, /agenda 2, "
        "/agenda 2025-05-16.",
        "en": "I don't understand “{arg}”. Examples: /agenda, /agenda tomorrow, /agenda 2, "
        "/agenda 2025-05-16.",
    },
    "btn.prev_day": {"id": "◀ {day}", "en": "◀ {day}"},
    "btn.next_day": {"id": "{day} ▶", "en": "{day} ▶"},
    "now.current": {"id": "▶️ <b>Sedang berlangsung</b>", "en": "▶️ <b>Now</b>"},
    "now.none": {
        "id": "Saat ini tidak ada sesi yang berlangsung (pukul {time}).",
        "en": "No session is under way right now (it is {time}).",
    },
    "now.ends": {"id": "sampai pukul {time}", "en": "until {time}"},
    "now.next": {
        "id": "⏭ <b>Berikutnya</b>, {minutes} lagi",
        "en": "⏭ <b>Next</b>, in {minutes}",
    },
    "now.next_tomorrow": {
        "id": "⏭ <b>Berikutnya</b>, {date}",
        "en": "⏭ <b>Next</b>, {date}",
    },
    "now.nothing_more": {
        "id": "Tidak ada sesi lagi. Terima kasih atas partisipasi Bapak/Ibu!",
        "en": "No more sessions. Thank you for taking part!",
    },
    "ask.assembly": {"id": "🇮🇩 <b>Apel berikutnya</b>", "en": "🇮🇩 <b>Next assembly</b>"},
    "ask.no_assembly": {
        "id": "Tidak ada apel lagi dalam agenda Bapak/Ibu.",
        "en": "No more assemblies on your agenda.",
    },
    "ask.meal": {"id": "🍽 <b>{meal}</b>", "en": "🍽 <b>{meal}</b>"},
    "ask.no_meal": {
        "id": "Saya tidak menemukan jadwal {meal} berikutnya dalam agenda.",
        "en": "I can't find the next {meal} on the agenda.",
    },
    "meal.breakfast": {"id": "Sarapan", "en": "Breakfast"},
    "meal.lunch": {"id": "Makan siang", "en": "Lunch"},
    "meal.dinner": {"id": "Makan malam", "en": "Dinner"},
    "ask.where_found": {
        "id": "🔎 <b>Yang cocok dengan “{topic}”</b>",
        "en": "🔎 <b>Matching “{topic}”</b>",
    },
    "ask.where_none": {
        "id": "Saya tidak menemukan “{topic}” dalam agenda. Coba /agenda.",
        "en": "I can't find “{topic}” on the agenda. Try /agenda.",
    },
    "ask.greeting": {
        "id": "Halo{name}\nAda yang bisa saya bantu? Misalnya “jadwal besok” atau “apel jam berapa”.",
        "en": "Hello{name}\nHow can I help? Try “tomorrow's schedule” or “when is the assembly”.",
    },
    "ask.thanks": {"id": "Sama-sama! 🙏", "en": "You're welcome! 🙏"},
    "calendar.caption": {
        "id": "📅 Agenda Bapak/Ibu untuk kalender ponsel: buka berkas ini lalu pilih “Tambahkan”.",
        "en": "📅 Your agenda for your phone's calendar: open this file and choose “Add”.",
    },
    "calendar.speaker": {"id": "Narasumber", "en": "Speaker"},
    # ---- help and fallbacks
    "help.text": {
        "id": "<b>Yang bisa saya lakukan</b>\n"
        "/agenda — agenda hari ini (/agenda besok, /agenda 2)\n"
        "/sekarang — sesi yang sedang berlangsung dan berikutnya\n"
        "/besok — agenda besok\n"
        "/kalender — agenda untuk kalender ponsel\n"
        "/hadir — presensi apel atau sesi\n"
        "/refleksi — refleksi hari ini\n"
        "/pengumuman — pengumuman terakhir dari panitia\n"
        "/pengingat — pengingat sesi aktif/nonaktif\n"
        "/profil — data pendaftaran Bapak/Ibu\n"
        "/bahasa — ganti bahasa\n"
        "/daftar — pendaftaran\n"
        "/batal — batalkan percakapan\n\n"
        "Bapak/Ibu juga dapat bertanya langsung, misalnya “apel jam berapa?”, “makan siang di mana”, "
        "“sesi berikutnya”, atau “hari kedua”.",
        "en": "<b>What I can do</b>\n"
        "/agenda — today's agenda (/agenda tomorrow, /agenda 2)\n"
        "/now — the session under way and the next one\n"
        "/tomorrow — tomorrow's agenda\n"
        "/calendar — the agenda for your phone's calendar\n"
        "/checkin — check in to an assembly or session\n"
        "/reflect — today's reflection\n"
        "/news — the latest announcements from the organisers\n"
        "/reminders — session reminders on/off\n"
        "/me — your registration data\n"
        "/language — change language\n"
        "/register — registration\n"
        "/cancel — leave a conversation\n\n"
        "You can also just ask, e.g. “when is the assembly?”, “where is lunch”, "
        "“what's next”, or “day two”.",
    },
    "help.admin": {
        "id": "\n\n<b>Panitia</b>\n/kehadiran [sesi] — kehadiran dan kode presensi\n"
        "/ubah ID JJ.MM [JJ.MM] — pindahkan sesi\n"
        "/umumkan — kirim pengumuman kepada peserta\n/impor — impor agenda atau daftar peserta\n"
        "/status — status bot",
        "en": "\n\n<b>Committee</b>\n/attendance [session] — attendance and check-in code\n"
        "/reschedule ID HH.MM [HH.MM] — move a session\n"
        "/broadcast — send an announcement to participants\n/import — import agenda or roster\n"
        "/status — bot status",
    },
    "fallback.text": {
        "id": "Maaf, saya belum mengerti. Coba tombol di bawah, atau tanyakan misalnya "
        "“jadwal besok” atau “apel jam berapa”.",
        "en": "Sorry, I didn't get that. Try the buttons below, or ask e.g. "
        "“tomorrow's schedule” or “when is the assembly”.",
    },
    "fallback.ask": {
        "id": "\nUntuk pertanyaan kepada panitia, kirim /tanya diikuti pertanyaannya.",
        "en": "\nFor a question to the organisers, send /ask followed by your question.",
    },
    "btn.today": {"id": "📅 Agenda hari ini", "en": "📅 Today"},
    "btn.now": {"id": "⏱ Sekarang", "en": "⏱ Now"},
    "btn.tomorrow": {"id": "➡️ Besok", "en": "➡️ Tomorrow"},
    "btn.help": {"id": "❓ Bantuan", "en": "❓ Help"},
    "btn.register": {"id": "📝 Daftar", "en": "📝 Register"},
    "fallback.media": {
        "id": "Saya hanya dapat membaca pesan teks dan perintah. Ketik /bantuan untuk menu.",
        "en": "I can only read text messages and commands. Type /help for the menu.",
    },
    "fallback.too_long": {
        "id": "Pesan Bapak/Ibu terlalu panjang ({length} karakter; paling banyak {limit} karakter).",
        "en": "Your message is too long ({length} characters; at most {limit} characters).",
    },
    "fallback.unknown_command": {
        "id": "Perintah {command} tidak dikenal. Ketik /bantuan untuk daftar perintah.",
        "en": "Unknown command {command}. Type /help for the list of commands.",
    },
    "fallback.stale_button": {
        "id": "Tombol ini sudah tidak berlaku.",
        "en": "This button is no longer valid.",
    },
    "fallback.group": {
        "id": "Silakan chat saya secara pribadi: @{bot}",
        "en": "Please chat with me privately: @{bot}",
    },
    "fallback.edited": {
        "id": "Pesan yang diedit tidak saya proses; silakan kirim pesan baru.",
        "en": "I don't process edited messages; please send a new one.",
    },
    "cancel.done": {
        "id": "Dibatalkan. Ketik /bantuan untuk menu.",
        "en": "Cancelled. Type /help for the menu.",
    },
    "cancel.nothing": {
        "id": "Tidak ada percakapan yang perlu dibatalkan.",
        "en": "There is no conversation to cancel.",
    },
    "error.generic": {
        "id": "Maaf, terjadi gangguan. Panitia sudah diberi tahu; silakan coba lagi sebentar lagi.",
        "en": "Sorry, something went wrong. The committee has been told; please try again shortly.",
    },
    # ---- profile and preferences
    "profile.text": {
        "id": "<b>Data Bapak/Ibu</b>\nNama: {name}\nNIP: <code>{nip}</code>\nJabatan: {position}\n"
        "Unit kerja: {unit}\n{group}\nBahasa: {language}\nPengingat sesi: {reminders}\n"
        "Status: {verified}\nTerdaftar: {registered}\nID Telegram: <code>{user_id}</code>",
        "en": "<b>Your data</b>\nName: {name}\nNIP: <code>{nip}</code>\nPosition: {position}\n"
        "Unit: {unit}\n{group}\nLanguage: {language}\nSession reminders: {reminders}\n"
        "Status: {verified}\nRegistered: {registered}\nTelegram ID: <code>{user_id}</code>",
    },
    "profile.verified": {"id": "terverifikasi (daftar panitia)", "en": "verified (committee list)"},
    "profile.unverified": {"id": "belum terverifikasi", "en": "unverified"},
    "state.on": {"id": "aktif", "en": "on"},
    "state.off": {"id": "nonaktif", "en": "off"},
    "reminders.state": {
        "id": "🔔 Pengingat sesi: <b>{state}</b>.\nPengingat apel dan pengumuman panitia selalu dikirim.",
        "en": "🔔 Session reminders: <b>{state}</b>.\nAssembly reminders and committee "
        "announcements always come.",
    },
    "btn.reminders_on": {"id": "🔔 Aktifkan pengingat", "en": "🔔 Turn reminders on"},
    "btn.reminders_off": {"id": "🔕 Matikan pengingat", "en": "🔕 Turn reminders off"},
    # ---- scheduled messages
    "briefing.greeting": {
        "id": "🌅 <b>Selamat pagi, {name}</b>\n{date} · hari ke-{n} dari {total}",
        "en": "🌅 <b>Good morning, {name}</b>\n{date} · day {n} of {total}",
    },
    "briefing.assembly": {
        "id": "🇮🇩 <b>{title}</b> pukul <b>{time}</b>\n📍 {location}",
        "en": "🇮🇩 <b>{title}</b> at <b>{time}</b>\n📍 {location}",
    },
    "briefing.agenda": {
        "id": "<b>Agenda Bapak/Ibu hari ini</b> ({zone})",
        "en": "<b>Your agenda today</b> ({zone})",
    },
    "briefing.closing": {
        "id": "Semangat dan tetap BerAKHLAK! /sekarang untuk sesi berikutnya.",
        "en": "Stay motivated and true to BerAKHLAK! /now shows the next session.",
    },
    "reminder.text": {
        "id": "⏰ <b>{title}</b> dimulai {minutes} lagi, pukul {time}.",
        "en": "⏰ In {minutes}, at {time}: <b>{title}</b>.",
    },
    "reminder.checkin": {
        "id": "Tekan <b>Hadir</b> setibanya di lokasi (presensi dibuka pukul {open}–{close}).",
        "en": "Press <b>Check in</b> when you arrive (check-in open {open}–{close}).",
    },
    "btn.checkin": {"id": "✅ Hadir", "en": "✅ Check in"},
    "change.moved": {
        "id": "🔄 <b>Perubahan jadwal</b>\n<b>{title}</b> ({date}) dipindahkan dari pukul {old} "
        "ke pukul <b>{new}</b>.",
        "en": "🔄 <b>Schedule change</b>\n<b>{title}</b> ({date}) moved from {old} to <b>{new}</b>.",
    },
    "change.added": {
        "id": "🆕 <b>Tambahan jadwal</b>\n<b>{title}</b>, {date} pukul <b>{new}</b>.",
        "en": "🆕 <b>Added to the schedule</b>\n<b>{title}</b>, {date} at <b>{new}</b>.",
    },
    "change.removed": {
        "id": "❌ <b>Dibatalkan</b>\n<b>{title}</b> ({date}, pukul {old}) ditiadakan.",
        "en": "❌ <b>Cancelled</b>\n<b>{title}</b> ({date}, {old}) will not take place.",
    },
    "change.relocated": {
        "id": "📍 <b>Pindah lokasi</b>\n<b>{title}</b> ({date}, pukul {new}) kini di <b>{location}</b>.",
        "en": "📍 <b>New location</b>\n<b>{title}</b> ({date}, {new}) is now at <b>{location}</b>.",
    },
    # ---- attendance
    "checkin.done": {
        "id": "✅ Kehadiran Bapak/Ibu di <b>{title}</b> tercatat pukul {time}.",
        "en": "✅ Your attendance at <b>{title}</b> is recorded at {time}.",
    },
    "checkin.already": {
        "id": "Bapak/Ibu sudah tercatat hadir di <b>{title}</b>.",
        "en": "You are already checked in to <b>{title}</b>.",
    },
    "checkin.closed": {
        "id": "Presensi <b>{title}</b> dibuka pukul {open} sampai pukul {close}.",
        "en": "Check-in for <b>{title}</b> is open from {open} to {close}.",
    },
    "checkin.nothing_open": {
        "id": "Saat ini tidak ada apel atau sesi yang membuka presensi.",
        "en": "No assembly or session is open for check-in right now.",
    },
    "checkin.ask_code": {
        "id": "Ketik <b>kode presensi</b> {title} yang ditampilkan panitia di lokasi.\n/batal untuk berhenti.",
        "en": "Type the <b>check-in code</b> for {title} shown by the committee on site.\n/cancel to stop.",
    },
    "checkin.wrong_code": {
        "id": "Kode presensi salah. Coba lagi, atau /batal.",
        "en": "Wrong check-in code. Try again, or /cancel.",
    },
    "checkin.not_for_you": {
        "id": "<b>{title}</b> tidak termasuk agenda Bapak/Ibu.",
        "en": "<b>{title}</b> is not on your agenda.",
    },
    "attendance.header": {
        "id": "<b>Kehadiran: {title}</b>\n{date}, pukul {time} · 📍 {location}\n"
        "Hadir <b>{present}</b> dari {expected}",
        "en": "<b>Attendance: {title}</b>\n{date}, {time} · 📍 {location}\nPresent <b>{present}</b> of {expected}",
    },
    "attendance.code": {
        "id": "Kode presensi: <code>{code}</code> (tampilkan di lokasi)",
        "en": "Check-in code: <code>{code}</code> (show it on site)",
    },
    "attendance.missing_header": {"id": "<b>Belum hadir</b>", "en": "<b>Not checked in</b>"},
    "attendance.group": {
        "id": "<b>{group}</b> ({count}):\n{names}",
        "en": "<b>{group}</b> ({count}):\n{names}",
    },
    "attendance.more": {"id": "• dan {count} lainnya", "en": "• and {count} more"},
    "attendance.all_present": {"id": "Semua sudah hadir. 👏", "en": "Everyone is here. 👏"},
    "attendance.no_session": {
        "id": "Tidak ada sesi dengan presensi yang berlangsung atau akan datang. "
        "Sebutkan ID sesi: /kehadiran ID",
        "en": "No check-in session under way or coming up. Name one: /attendance ID",
    },
    "attendance.unknown_session": {
        "id": "Sesi <code>{id}</code> tidak ada dalam agenda.",
        "en": "There is no session <code>{id}</code> on the agenda.",
    },
    "btn.nudge": {
        "id": "📣 Ingatkan yang belum hadir ({count})",
        "en": "📣 Nudge those missing ({count})",
    },
    "attendance.nudge": {
        "id": "📣 Panitia: Bapak/Ibu belum tercatat hadir di <b>{title}</b>. Segera menuju "
        "{location} dan tekan <b>Hadir</b>.",
        "en": "📣 Committee: you are not checked in to <b>{title}</b> yet. Please go to "
        "{location} and press <b>Check in</b>.",
    },
    "attendance.nudged": {
        "id": "Pengingat dikirim ke {count} peserta.",
        "en": "Reminder queued for {count} participants.",
    },
    # ---- organisers: reschedule, status
    "admin.ubah_usage": {
        "id": "Format: <code>/ubah ID JJ.MM [JJ.MM]</code>, misalnya <code>/ubah d2-kemendagri 10.30</code>.",
        "en": "Usage: <code>/reschedule ID HH.MM [HH.MM]</code>, e.g. <code>/reschedule d2-kemendagri 10:30</code>.",
    },
    "admin.bad_time": {
        "id": "Waktu “{value}” tidak valid; gunakan JJ.MM, misalnya 10.30.",
        "en": "Time “{value}” is not valid; use HH:MM, e.g. 10:30.",
    },
    "admin.end_before_start": {
        "id": "Waktu selesai harus setelah waktu mulai.",
        "en": "The end time must be after the start time.",
    },
    "admin.moved": {
        "id": "✅ <b>{title}</b> dipindah ke {new}. Pengingat ikut berpindah; "
        "{count} peserta diberi tahu.",
        "en": "✅ <b>{title}</b> moved to {new}. Reminders moved with it; "
        "{count} participants notified.",
    },
    "import.ask": {
        "id": "Kirim berkas <b>agenda</b> (YAML, CSV, XLSX) atau <b>daftar peserta</b> (CSV, XLSX "
        "dengan kolom nip) sebagai dokumen. Berkas yang bermasalah ditolak utuh. /batal untuk berhenti.",
        "en": "Send an <b>agenda</b> (YAML, CSV, XLSX) or <b>participant list</b> (CSV, XLSX with "
        "a nip column) file as a document. A file with problems is refused whole. /cancel to stop.",
    },
    "import.too_big": {
        "id": "Berkas terlalu besar (paling besar {limit} MB).",
        "en": "The file is too large (at most {limit} MB).",
    },
    "import.more": {"id": "\n… dan {count} masalah lain.", "en": "\n… and {count} more problems."},
    "cmd.impor": {
        "id": "Impor agenda atau daftar peserta",
        "en": "Import the agenda or participant list",
    },
    "status.text": {
        "id": "<b>Status Retret Bot</b>\nBerjalan sejak {since} ({uptime})\nJam acara: {now}{rehearsal}\n"
        "Peserta: {active} aktif, {inactive} nonaktif (memblokir bot) · daftar peserta {roster}\n"
        "Antrean pesan: {pending} menunggu, {sent} terkirim, {failed} gagal, {expired} kedaluwarsa, "
        "{skipped} dilewati, {uncertain} mungkin terkirim ganda\nJadwal otomatis: {due} menunggu, {done} selesai{before}\n"
        "{late}"
        "<b>Kesalahan terakhir</b>\n{errors}",
        "en": "<b>Retret Bot status</b>\nUp since {since} ({uptime})\nEvent clock: {now}{rehearsal}\n"
        "Participants: {active} active, {inactive} inactive (blocked the bot) · roster {roster}\n"
        "Message queue: {pending} waiting, {sent} sent, {failed} failed, {expired} expired, "
        "{skipped} skipped, {uncertain} possibly delivered twice\nAutomatic messages: {due} waiting, {done} done{before}\n"
        "{late}"
        "<b>Last errors</b>\n{errors}",
    },
    "attendance.nudge_closed": {
        "id": "Pengingat baru dapat dikirim setelah presensi dibuka, sampai sesi berakhir.",
        "en": "A nudge can be sent from the moment check-in opens until the session ends.",
    },
    "status.late_header": {
        "id": "<b>⚠️ Tidak sampai tepat waktu</b>\n",
        "en": "<b>⚠️ Not delivered in time</b>\n",
    },
    "status.late_expired": {
        "id": "• {kind}: {count} pesan kedaluwarsa sebelum terkirim\n",
        "en": "• {kind}: {count} messages expired before they could be sent\n",
    },
    "status.late_at_risk": {
        "id": "• {kind}: {count} dari {total} penerima diperkirakan terlambat (antrean penuh)\n",
        "en": "• {kind}: {count} of {total} recipients expected to get it late (queue full)\n",
    },
    "status.late_more": {"id": "… dan {count} lainnya\n", "en": "… and {count} more\n"},
    "status.lead": {"id": "{minutes} menit sebelum", "en": "{minutes} minutes before"},
    "status.lead_start": {"id": "saat mulai", "en": "at the start"},
    "status.before_start": {
        "id": " · {count} terlewat sebelum bot berjalan (tidak dikirim)",
        "en": " · {count} passed before the bot was running (not sent)",
    },
    "status.rehearsal": {
        "id": " (gladi, ×{speed}, dimulai {real} waktu nyata)",
        "en": " (rehearsal, ×{speed}, started {real} real time)",
    },
    "status.no_errors": {"id": "tidak ada", "en": "none"},
    "admin.error_report": {
        "id": "⚠️ Kesalahan: <code>{error}</code>",
        "en": "⚠️ Error: <code>{error}</code>",
    },
    "group.line": {"id": "Kelompok: {group}", "en": "Group: {group}"},
    "group.word": {"id": "Kelompok", "en": "Group"},
    "time.on_date": {"id": "{date}, pukul {time}", "en": "{date}, {time}"},
    "kind.briefing": {"id": "ringkasan", "en": "briefing"},
    "kind.reminder": {"id": "pengingat", "en": "reminder"},
    "kind.prompt": {"id": "refleksi", "en": "reflection"},
    "kind.nudge": {"id": "refleksi lanjutan", "en": "follow-up reflection"},
    # ---- free-text answers added for issue 7 item 4
    "ask.tonight": {"id": "🌙 <b>Nanti malam</b>", "en": "🌙 <b>Tonight</b>"},
    "ask.no_tonight": {
        "id": "Tidak ada kegiatan lagi malam ini dalam agenda Bapak/Ibu.",
        "en": "Nothing more on your agenda tonight.",
    },
}
