"""Wording (tester's finding H): participants are addressed "Bapak/Ibu", never "Anda"; an
academic title replaces Mr/Ms in English; numbers are written the language's way; the answer
to a question says which question and quotes it."""

from __future__ import annotations

import re

from bot.agenda_io import DEFAULT_QUESTIONS, sample_agenda
from bot.salutation import addressed
from bot.texts import TEXTS, t

SITI_NIP = "197204181998032004"  # a woman's NIP (15th digit 2)


def test_no_indonesian_text_says_anda() -> None:
    saying = [k for k, v in TEXTS.items() if re.search(r"\bAnda\b", v["id"])]
    assert saying == [], saying
    questions = [*DEFAULT_QUESTIONS, *sample_agenda().questions]
    said = [q.id for q in questions if re.search(r"\bAnda\b", q.text.get("id", ""))]
    assert said == [], said


def test_named_texts_say_bapak_ibu() -> None:
    assert t("id", "question.sent", number=1).startswith("✅ Pertanyaan Bapak/Ibu (nomor 1)")
    assert "/profil — data pendaftaran Bapak/Ibu" in t("id", "help.text")
    assert "Bapak/Ibu juga dapat bertanya langsung" in t("id", "help.text")
    nudge = t("id", "attendance.nudge", title="Apel", location="Lapangan")
    assert "📣 Panitia: Bapak/Ibu belum tercatat hadir" in nudge, nudge


def test_an_academic_title_replaces_mr_or_ms_in_english() -> None:
    assert addressed("en", "Dr. Siti Aminah, M.Pd.", SITI_NIP) == "Dr Siti Aminah, M.Pd."
    assert addressed("id", "Dr. Siti Aminah, M.Pd.", SITI_NIP) == "Ibu Dr. Siti Aminah, M.Pd."
    assert addressed("en", "Siti Aminah, M.Pd.", SITI_NIP) == "Ms Siti Aminah, M.Pd."


def test_a_title_before_the_name_is_never_put_after_mr_or_ms_in_english() -> None:
    """Found trying /start in English: "Welcome, Mr Drs. Heru Wahyudi, M.Si."."""
    assert addressed("en", "Drs. Heru Wahyudi, M.Si.", "196805121994031005") == (
        "Drs. Heru Wahyudi, M.Si."
    )
    assert addressed("en", "Ir. H. Ahmad Fauzi", "196805121994031005") == "Ir. H. Ahmad Fauzi"
    assert addressed("en", "Hj. Siti Aminah", SITI_NIP) == "Hj. Siti Aminah"
    # Indonesian keeps Bapak/Ibu before any title
    assert addressed("id", "Drs. Heru Wahyudi, M.Si.", "196805121994031005") == (
        "Bapak Drs. Heru Wahyudi, M.Si."
    )


def test_limits_are_written_the_languages_way() -> None:
    from bot.timefmt import fmt_count  # here: on the parent only this test fails

    too_long_id = t(
        "id", "fallback.too_long", length=fmt_count(5000, "id"), limit=fmt_count(2000, "id")
    )
    assert too_long_id == (
        "Pesan Bapak/Ibu terlalu panjang (5.000 karakter; paling banyak 2.000 karakter)."
    ), too_long_id
    assert "2,000 characters" in t("en", "refl.how_text", limit=fmt_count(2000, "en"))


def test_the_answer_names_the_question_then_quotes_it() -> None:
    text = t("id", "question.answer", number=1, question="Di mana?", answer="Gedung B.")
    assert text.startswith("💬 <b>Jawaban panitia</b> (pertanyaan nomor 1)\nPertanyaan: "), text
    assert "\nJawaban: Gedung B." in text, text
    english = t("en", "question.answer", number=1, question="Where?", answer="Building B.")
    assert english.startswith("💬 <b>The organisers' answer</b> (question number 1)\n"), english
    assert "Question: " in english and "\nAnswer: Building B." in english, english
