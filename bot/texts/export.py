"""Texts of the export (issue 9, item 4) and of the reflection messages in `preview` (item 7)."""

from __future__ import annotations

__all__ = ["TEXTS"]

TEXTS: dict[str, dict[str, str]] = {
    # ---- preview: the journal's answers, in place of anyone's own
    "export.preview_answer": {"id": "(jawaban peserta)", "en": "(the participant's answer)"},
}
