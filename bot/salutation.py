"""How the bot addresses a participant: "Bapak"/"Ibu" (Mr/Ms) and the name as the roster writes it.

The roster's optional `salutation` column (Bapak/Ibu) wins; else the NIP's 15th digit, the
sex digit (1 male, 2 female), decides; when neither says, the name stands alone.
"""

from __future__ import annotations

import re

from bot.nip import NIP_LENGTH

__all__ = [
    "SALUTATIONS",
    "academic_title",
    "addressed",
    "normalise_salutation",
    "salutation_of",
    "sort_name",
    "starts_with_word",
]

SALUTATIONS: tuple[str, ...] = ("Bapak", "Ibu")
_ALIASES = {"bapak": "Bapak", "bpk": "Bapak", "pak": "Bapak", "ibu": "Ibu", "bu": "Ibu"}
_EN = {"Bapak": "Mr", "Ibu": "Ms"}
_SEX_DIGIT = 14  # index of the NIP's 15th digit
# Titles written before a name (academic and the hajj's): "Dr. ", "Drs. ", "Ir. ", "H. ".
_LEADING = re.compile(r"^(?:(?:Prof|Dr|Drs|Dra|Ir|dr|drg|H|Hj)\.\s*|(?:Prof|Dr)\s+)+")
# Academic titles that replace "Mr"/"Ms" in English ("Dr Siti Aminah, M.Pd.").
_ACADEMIC = {"prof": "Prof", "dr": "Dr"}


def normalise_salutation(value: str) -> str | None:
    """'Bapak' or 'Ibu' for a roster cell (Bapak, bpk., Pak, Ibu, Bu, any case); '' for an
    empty cell; None when it is something else."""
    text = value.strip().rstrip(".").lower()
    if not text:
        return ""
    return _ALIASES.get(text)


def salutation_of(nip: str, salutation: str = "") -> str:
    """'Bapak', 'Ibu', or '' when neither the roster nor the NIP says."""
    chosen = normalise_salutation(salutation)
    if chosen:
        return chosen
    if len(nip) == NIP_LENGTH:
        return {"1": "Bapak", "2": "Ibu"}.get(nip[_SEX_DIGIT], "")
    return ""


def addressed(lang: str, name: str, nip: str, salutation: str = "") -> str:
    """ "Bapak Andri Wijaya, S.STP." (id) or "Mr Andri Wijaya, S.STP." (en); plain text, the
    caller escapes it."""
    title = salutation_of(nip, salutation)
    if lang == "en" and academic_title(name):
        # "Dr Siti Aminah, M.Pd.": an academic title takes the place of Mr/Ms in English
        return re.sub(r"^(Prof|Dr)\.\s*", r"\1 ", name.strip())
    if lang == "en" and _LEADING.match(name.strip()):
        # "Drs. Heru Wahyudi, M.Si.", "Ir. H. Ahmad": a title before the name stands in
        # English as written, never after "Mr" ("Mr Drs." reads as a mistake)
        return name
    if not title:
        return name
    return f"{_EN[title] if lang == 'en' else title} {name}"


def sort_name(name: str) -> str:
    """The name to sort by: without the titles before it and the degrees after its comma
    ("Dr. Zainal Arifin, M.Si." sorts as "zainal arifin")."""
    bare = _LEADING.sub("", name.strip()).split(",", 1)[0]
    return bare.strip().casefold()


def academic_title(name: str) -> str:
    """'Dr' or 'Prof' when the name starts with that academic title (the first one), else ''."""
    match = re.match(r"^(Prof|Dr)\b\.?", name.strip())
    return _ACADEMIC[match.group(1).lower()] if match else ""


def starts_with_word(group: str, word: str) -> bool:
    """True when `group` already starts with `word` ("Kelompok 1" with "Kelompok"), so a
    label "Kelompok: " in front of it would repeat it."""
    head = group.strip().split(maxsplit=1)
    return bool(head) and head[0].lower() == word.lower()
