"""Texts added by the "tester" task (trying the newest features as participants and organisers
would)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # an organiser answers a question whose asker has since deleted their data
    "tester.question_deleted": {
        "id": "Pertanyaan #{number} sudah dihapus: penanya menghapus datanya (/hapusdata) atau "
        "data acara sudah dihapus. Jawaban tidak dikirim. Ketik /jawab untuk melihat pertanyaan "
        "yang belum dijawab.",
        "en": "Question #{number} has been deleted: the asker deleted their data (/forget) or "
        "the event's data was removed. No answer was sent. Type /reply to see the open "
        "questions.",
    },
}
