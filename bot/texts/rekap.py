"""Texts of /rekap (/summary), the organisers' reflection figures with a chart (issue 9, item 3)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "cmd.rekap": {
        "id": "Rekap refleksi hari ini, dengan grafik",
        "en": "Today's reflection figures, with a chart",
    },
    "help.rekap_admin": {
        "id": "\n/rekap [hari] — rekap refleksi: yang sudah mengisi, rata-rata penilaian, "
        "nilai BerAKHLAK, dengan grafik (/rekap kemarin, /rekap 2)",
        "en": "\n/summary [day] — reflection figures: who has answered, the average rating, "
        "the BerAKHLAK values, with a chart (/summary yesterday, /summary 2)",
    },
    # ---- the day asked for
    "rekap.bad_arg": {
        "id": "Saya tidak mengerti “{arg}”. Contoh: /rekap, /rekap kemarin, /rekap 2, "
        "/rekap 2025-05-16.",
        "en": "I don't understand “{arg}”. Examples: /summary, /summary yesterday, "
        "/summary 2, /summary 2025-05-16.",
    },
    "rekap.outside": {
        "id": "{date} bukan hari retret. Retret berlangsung {first} sampai {last}.",
        "en": "{date} is not a day of the retreat. The retreat runs from {first} to {last}.",
    },
    "rekap.no_agenda": {
        "id": "Agenda belum diimpor, jadi belum ada hari refleksi untuk direkap.",
        "en": "No agenda has been imported yet, so there is no reflection day to sum up.",
    },
    # ---- the figures
    "rekap.head": {
        "id": "📊 <b>Rekap refleksi hari ke-{n}</b>\n{date}",
        "en": "📊 <b>Reflection figures, day {n}</b>\n{date}",
    },
    "rekap.response": {
        "id": "Selesai mengisi: <b>{finished}</b> dari {registered} peserta terdaftar "
        "(<b>{rate}</b>)\nBelum selesai: {started} · belum memulai: {not_started}",
        "en": "Finished: <b>{finished}</b> of {registered} registered participants "
        "(<b>{rate}</b>)\nStarted, not finished: {started} · not started: {not_started}",
    },
    "rekap.nobody": {
        "id": "Belum ada peserta yang terdaftar.",
        "en": "No participant has registered yet.",
    },
    "rekap.by_group": {
        "id": "<b>Per kelompok</b> (selesai/terdaftar)",
        "en": "<b>By group</b> (finished/registered)",
    },
    "rekap.group_line": {
        "id": "{group}: {finished}/{registered} ({rate})",
        "en": "{group}: {finished}/{registered} ({rate})",
    },
    "rekap.no_group": {"id": "(tanpa kelompok)", "en": "(no group)"},
    "rekap.average": {
        "id": "Rata-rata <b>{average}</b> dari {max} ({count} jawaban)",
        "en": "Average <b>{average}</b> of {max} ({count} answers)",
    },
    "rekap.rating_count": {"id": "{rating}★ {count}", "en": "{rating}★ {count}"},
    "rekap.choice_line": {"id": "{option}: {count}", "en": "{option}: {count}"},
    "rekap.no_answers": {"id": "Belum ada jawaban.", "en": "No answers yet."},
    "rekap.privacy": {
        "id": "<i>Hanya angka; jawaban per peserta ada di berkas ekspor.</i>",
        "en": "<i>Figures only; each participant's answers are in the export file.</i>",
    },
    # ---- the chart
    "rekap.caption": {
        "id": "📊 Grafik refleksi hari ke-{n}, {date}",
        "en": "📊 Reflection chart, day {n}, {date}",
    },
    "rekap.chart_title": {
        "id": "Refleksi hari ke-{n} — {date}",
        "en": "Reflection, day {n} — {date}",
    },
    "rekap.chart_groups": {
        "id": "Selesai mengisi per kelompok: {finished} dari {registered} ({rate})",
        "en": "Finished by group: {finished} of {registered} ({rate})",
    },
    "rekap.chart_lowest": {
        "id": "Ditampilkan {shown} dari {total} kelompok, yang persentasenya terendah",
        "en": "Showing the {shown} of {total} groups with the lowest share",
    },
    "rekap.chart_percent": {"id": "% peserta terdaftar", "en": "% of registered participants"},
    "rekap.chart_average": {
        "id": "Rata-rata {average} dari {max} ({count} jawaban)",
        "en": "Average {average} of {max} ({count} answers)",
    },
}
