"""Free-text understanding of agenda questions, in Indonesian and English."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

__all__ = ["MAX_CHARS", "MAX_WORDS", "Intent", "IntentKind", "Meal", "match_intent"]

IntentKind = Literal[
    "today",
    "tomorrow",
    "day_after",
    "yesterday",
    "day",
    "last_day",
    "tonight",
    "now",
    "next",
    "assembly",
    "meal",
    "where",
    "details",
    "help",
    "greeting",
    "thanks",
]
Meal = Literal["breakfast", "lunch", "dinner"]


@dataclass(frozen=True)
class Intent:
    """What a free-text message asks for."""

    kind: IntentKind
    day: int | None = None  # kind "day": 1-based day number
    meal: Meal | None = None  # kind "meal": None means "the next meal"
    topic: str | None = None  # kind "where": words to look up in titles/locations, lowercased
    on: str | None = None  # kind "details": the /agenda argument of the day asked about

    @property
    def day_arg(self) -> str | None:
        """The /agenda argument showing the day this asks about; None if it asks no day."""
        if self.kind == "day":
            return str(self.day)
        return _DAY_ARGS.get(self.kind)


_DAY_ARGS: dict[str, str] = {
    "today": "hariini",
    "tomorrow": "besok",
    "day_after": "lusa",
    "yesterday": "kemarin",
    "last_day": "terakhir",
}


# A message longer than this is not "plainly an agenda question"; it gets the help reply.
MAX_CHARS = 300
MAX_WORDS = 30
MAX_DAY = 31

# ---------------------------------------------------------------------------
# Tables. Phrases are written as space-separated canonical words and match as
# a contiguous run of words in the normalised message.
# ---------------------------------------------------------------------------

# Chat abbreviations and spelling variants -> canonical word(s).
ABBREVIATIONS: dict[str, str] = {
    "jdwl": "jadwal",
    "jdw": "jadwal",
    "bsk": "besok",
    "besuk": "besok",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tomorrows": "tomorrow",
    "todays": "today",
    "kmrn": "kemarin",
    "kmarin": "kemarin",
    "kemaren": "kemarin",
    "skrg": "sekarang",
    "skg": "sekarang",
    "skrng": "sekarang",
    "skrang": "sekarang",
    "dmn": "di mana",
    "dmna": "di mana",
    "dimana": "di mana",
    "dimanakah": "di mana",
    "kpn": "kapan",
    "ntar": "nanti",
    "ntr": "nanti",
    "nnti": "nanti",
    "entar": "nanti",
    "yg": "yang",
    "trakhir": "terakhir",
    "terakir": "terakhir",
    "trkhr": "terakhir",
    "jm": "jam",
    "brp": "berapa",
    "brapa": "berapa",
    "mkn": "makan",
    "mkan": "makan",
    "maem": "makan",
    "mlm": "malam",
    "pgi": "pagi",
    "hr": "hari",
    "hri": "hari",
    "sdg": "sedang",
    "lg": "lagi",
    "abis": "habis",
    "hbs": "habis",
    "stlh": "setelah",
    "sth": "setelah",
    "slnjtnya": "selanjutnya",
    "brktnya": "berikutnya",
    "ga": "tidak",
    "gak": "tidak",
    "gk": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "enggak": "tidak",
    "tdk": "tidak",
    "ijin": "izin",
    "whats": "what",
    "wheres": "where",
    "whens": "when",
    "cant": "can not",
    "cannot": "can not",
    "terimakasih": "terima kasih",
    "trimakasih": "terima kasih",
    "trmksh": "terima kasih",
    "makasi": "makasih",
    "maksih": "makasih",
    "mksh": "makasih",
    "thx": "thanks",
    "tq": "thanks",
    "ty": "thanks",
    "tks": "thanks",
    "trims": "thanks",
    "hallo": "halo",
    "helo": "halo",
    "hello": "halo",
    "hy": "hai",
    "hii": "hai",
    "hi": "hai",
    "hey": "hai",
    "assalamualaikum": "salam",
    "assalamu": "salam",
    "appel": "apel",
    "apelnya": "apel",
}


def _word_set(words: str) -> frozenset[str]:
    """A set of words written space-separated."""
    return frozenset(words.split())


# Intent kind -> phrases, in the priority order documented on `match_intent`.
DAY_AFTER = ("lusa", "besok lusa", "day after tomorrow")
TOMORROW = ("besok", "esok", "tomorrow", "next day", "hari berikutnya", "hari selanjutnya")
YESTERDAY = ("kemarin", "yesterday", "previous day", "hari sebelumnya")
LAST_DAY = ("hari terakhir", "last day", "final day")
TONIGHT = ("nanti malam", "malam ini", "tonight", "this evening")
MEALS: dict[Meal, tuple[str, ...]] = {
    "breakfast": ("sarapan", "makan pagi", "breakfast"),
    "lunch": ("makan siang", "ishoma", "lunch"),
    "dinner": ("makan malam", "dinner", "supper"),
}
ANY_MEAL = ("makan", "meal", "meals", "food", "eat")  # a meal, unspecified: the next one
ASSEMBLY = ("apel", "assembly", "roll call")
WHERE_MARKERS = ("di mana", "lokasi", "tempat", "ruang mana", "ruangan mana", "where", "location")
WHEN_MARKERS = ("kapan", "jam berapa", "pukul berapa", "when", "what time")
NEXT = (
    "berikutnya",
    "selanjutnya",
    "sesi berikut",
    "acara berikut",
    "habis ini",
    "setelah ini",
    "sesudah ini",
    "next",
    "after this",
    "coming up",
    "upcoming",
)
NOW = (
    "sekarang",
    "saat ini",
    "sedang berlangsung",
    "lagi berlangsung",
    "now",
    "currently",
    "happening",
)
TODAY = (
    "hari ini",
    "jadwal",
    "agenda",
    "acara",
    "kegiatan",
    "rundown",
    "today",
    "schedule",
    "programme",
    "what on",
    "what is on",
)
HELP = ("bantuan", "help", "menu", "tolong", "perintah", "panduan", "commands", "cara pakai")
THANKS = (
    "terima kasih",
    "makasih",
    "thanks",
    "thank you",
    "thank",
    "hatur nuhun",
    "nuhun",
    "matur nuwun",
    "suwun",
)
GREETING = (
    "halo",
    "hai",
    "salam",
    "selamat pagi",
    "selamat siang",
    "selamat sore",
    "selamat malam",
    "pagi",
    "siang",
    "sore",
    "malam",
    "apa kabar",
    "good morning",
    "good afternoon",
    "good evening",
    "how are you",
)
# Words that may surround a greeting, thanks or help request without changing it.
COURTESY = _word_set(
    "pak bu bapak ibu kak mas mbak min admin bot semua semuanya all everyone there "
    "ya yaa dong nih sih deh kok banyak atas infonya info nya a lot so much very much "
    "you guys sir maam wr wb untuk for"
)
# Messages about one's own circumstances are for the organisers, not agenda questions.
BLOCKERS = (
    "sakit",
    "izin",
    "cuti",
    "telat",
    "terlambat",
    "darurat",
    "hilang",
    "tidak bisa",
    "tidak hadir",
    "tidak ikut",
    "sick",
    "emergency",
    "can not",
    "lupa bawa",
    "ketinggalan",
)
# What to wear and what to bring: answered from the sessions' descriptions. Wearing words
# ask by themselves; bringing words only with a question word ("bawa apa?"), since "boleh
# bawa laptop?" and "can I bring my laptop" ask permission, not what the agenda says.
WEAR = (
    "baju",
    "pakaian",
    "pakai baju",
    "pakai apa",
    "seragam",
    "busana",
    "perlengkapan",
    "dress code",
    "dresscode",
    "attire",
    "outfit",
    "uniform",
    "wear",
)
BRING = ("bawa", "dibawa", "membawa", "bawaan", "bring")
BRING_ASKS = ("apa", "what", "anything")
# Words dropped from a "where" topic besides the intent phrases themselves.
TOPIC_STOPWORDS = _word_set(
    "di ke ya yang ada apa itu ini nya kah sih nih dong pak bu kak min mas mbak tolong mohon "
    "info tanya mau saya kita kami akan nanti diadakan dilaksanakan berlangsung dan sesi "
    "pagi siang sore malam hari the a an is are of for at in on will be held session event "
    "please tell me datang hadir tiba mulai dimulai mulainya selesai berakhir ngisi mengisi materi "
    "dibagikan diberikan does do we start starts begin begins speak speaks give gives go it "
    "free there"
)
# Real words that must never be "corrected" into a nearby keyword ("apakah" asks yes or no:
# it is not "apa", what).
KNOWN_WORDS = _word_set(
    "there launch super salam seragam kapal kamar makam macam kawan senang besar lama dinas cari "
    "hati jari harus commander commanders apakah"
)

DIGIT_WORDS: dict[str, int] = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
}
ORDINAL_WORDS: dict[str, int] = {
    "pertama": 1,
    "kesatu": 1,
    "kedua": 2,
    "ketiga": 3,
    "keempat": 4,
    "kelima": 5,
    "keenam": 6,
    "ketujuh": 7,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
}
DAY_WORDS = ("hari", "day")

# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

Phrase = tuple[str, ...]

_APOSTROPHES = str.maketrans("", "", "'’`´")
_NON_WORD = re.compile(r"[\W_]+")
_ORDINAL_SUFFIX = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
_GLUED_NUMBER = re.compile(r"(ke|hari|day)(\d{1,2})")
_SUFFIXES = ("nya", "kah", "lah")


@cache
def _phrases(texts: tuple[str, ...]) -> tuple[Phrase, ...]:
    """Split written phrases into word tuples."""
    return tuple(tuple(t.split()) for t in texts)


_ALL_PHRASES: tuple[Phrase, ...] = _phrases(
    (
        *DAY_AFTER,
        *TOMORROW,
        *YESTERDAY,
        *LAST_DAY,
        *TONIGHT,
        *(p for ps in MEALS.values() for p in ps),
        *ANY_MEAL,
        *ASSEMBLY,
        *WHERE_MARKERS,
        *WHEN_MARKERS,
        *NEXT,
        *NOW,
        *TODAY,
        *HELP,
        *THANKS,
        *GREETING,
        *BLOCKERS,
    )
)
_VOCABULARY: frozenset[str] = frozenset(
    {w for p in _ALL_PHRASES for w in p}
    | {w for v in ABBREVIATIONS.values() for w in v.split()}
    | set(DIGIT_WORDS)
    | set(ORDINAL_WORDS)
    | set(DAY_WORDS)
)
# What-to-wear words are kept as written (never "corrected" into a keyword) but are no typo
# targets themselves: "being" must not become "bring".
_DETAIL_WORDS: frozenset[str] = frozenset(w for p in _phrases((*WEAR, *BRING)) for w in p)
_KNOWN: frozenset[str] = _VOCABULARY | TOPIC_STOPWORDS | COURTESY | KNOWN_WORDS | _DETAIL_WORDS
# Only longer keywords are typo-corrected; short ones collide with ordinary words.
_FUZZY_TARGETS: tuple[str, ...] = tuple(sorted(w for w in _VOCABULARY if len(w) >= 5))


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance, or limit + 1 once it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _correct(word: str) -> str:
    """Map a word to its canonical keyword: exact, minus a suffix, or a close typo."""
    if word in _KNOWN or not word.isalpha() or len(word) < 4:
        return word
    for suffix in _SUFFIXES:
        stem = word.removesuffix(suffix)
        if stem != word and (stem in _VOCABULARY or stem in _DETAIL_WORDS):
            return stem
    best: list[str] = []
    best_distance = 3
    for target in _FUZZY_TARGETS:
        limit = 1 if len(target) < 8 else 2
        d = _distance(word, target, limit)
        if d <= limit and d < best_distance:
            best, best_distance = [target], d
        elif d <= limit and d == best_distance:
            best.append(target)
    return best[0] if len(best) == 1 else word


def _words(text: str) -> list[str]:
    """Casefold, strip punctuation, expand abbreviations and fix typos: canonical words."""
    text = _NON_WORD.sub(" ", text.casefold().translate(_APOSTROPHES))
    words: list[str] = []
    for raw in text.split():
        if _ORDINAL_SUFFIX.fullmatch(raw):
            raw = raw[:-2]
        glued = _GLUED_NUMBER.fullmatch(raw)
        parts = [glued[1], glued[2]] if glued else [raw]
        for part in parts:
            for word in ABBREVIATIONS.get(part, part).split():
                words.append(_correct(word))
    return words


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------


def _spans(words: Sequence[str], phrases: Iterable[Phrase]) -> list[range]:
    """Every place where one of the phrases occurs in the words."""
    found: list[range] = []
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == phrase:
                found.append(range(i, i + n))
    return found


def _has(words: Sequence[str], texts: tuple[str, ...]) -> bool:
    """Whether any of the written phrases occurs in the words."""
    return bool(_spans(words, _phrases(texts)))


def _number(word: str) -> int | None:
    """A day number written as digits or a cardinal word."""
    if word.isdecimal():
        return int(word)
    return DIGIT_WORDS.get(word)


def _day_number(words: Sequence[str]) -> int | None:
    """Day number from "hari kedua", "hari ke 2", "hari 2", "day two", "second day"."""
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        before = words[i - 1] if i > 0 else ""
        found: int | None = None
        if word in DAY_WORDS:
            if after == "ke" and i + 2 < len(words):
                found = _number(words[i + 2])
            else:
                found = ORDINAL_WORDS.get(after) if word == "hari" else None
                found = found or _number(after)
            if found is None and word == "day":
                found = ORDINAL_WORDS.get(before) or (int(before) if before.isdecimal() else None)
        if found is not None and 1 <= found <= MAX_DAY:
            return found
    return None


def _meal(words: Sequence[str]) -> Intent | None:
    """A question about a meal: a specific one, or just "makan"."""
    for meal, phrases in MEALS.items():
        if _has(words, phrases):
            return Intent("meal", meal=meal)
    return Intent("meal") if _has(words, ANY_MEAL) else None


def _topic(words: Sequence[str]) -> str | None:
    """What a where/when question is about: the words that are not question words."""
    covered: set[int] = set()
    keyword_phrases = _phrases((*WHERE_MARKERS, *WHEN_MARKERS, *NEXT, *NOW, *TODAY, *TONIGHT))
    for span in _spans(words, keyword_phrases):
        covered.update(span)
    topic: list[str] = []
    for i, word in enumerate(words):
        stem = word.removesuffix("nya")
        stem = stem if len(stem) >= 4 else word
        if i in covered or word in TOPIC_STOPWORDS or stem in TOPIC_STOPWORDS:
            continue
        topic.append(stem)
    return " ".join(topic) or None


def _only_courtesy(words: Sequence[str], phrases: tuple[str, ...], allowance: int = 2) -> bool:
    """Whether the message is that phrase plus courtesy words and little else."""
    covered: set[int] = set()
    for span in _spans(words, _phrases(phrases)):
        covered.update(span)
    if not covered:
        return False
    rest = [w for i, w in enumerate(words) if i not in covered and w not in COURTESY]
    return len(rest) <= allowance


def _day_asked(words: Sequence[str]) -> Intent | None:
    """The day a message names: a number, the day after tomorrow, tomorrow, yesterday or
    the last day, in that priority; None when it names none of them."""
    day = _day_number(words)
    if day is not None:
        return Intent("day", day=day)
    named: tuple[tuple[IntentKind, tuple[str, ...]], ...] = (
        ("day_after", DAY_AFTER),
        ("tomorrow", TOMORROW),
        ("yesterday", YESTERDAY),
        ("last_day", LAST_DAY),
    )
    for kind, phrases in named:
        if _has(words, phrases):
            return Intent(kind)
    return None


def _asks_details(words: Sequence[str]) -> bool:
    """Whether a message asks what to wear or what to bring."""
    return _has(words, WEAR) or (_has(words, BRING) and _has(words, BRING_ASKS))


def match_intent(text: str) -> Intent | None:
    """Understand an agenda question; None when the text is not plainly one.

    Priority when several apply: what to wear or bring (on the day it names) > day
    number > the day after tomorrow > tomorrow > yesterday > last day > meal (a plain
    "makan" tonight is dinner) > assembly > where > tonight > next > now > today > help >
    thanks > greeting.
    """
    if len(text) > MAX_CHARS:
        return None
    words = _words(text)
    if not words or len(words) > MAX_WORDS or _has(words, BLOCKERS):
        return None
    day = _day_asked(words)
    if _asks_details(words):
        return Intent("details", on=day.day_arg if day is not None else None)
    if day is not None:
        return day
    tonight = _has(words, TONIGHT)
    meal = _meal(words)
    if meal is not None:
        return Intent("meal", meal="dinner") if meal.meal is None and tonight else meal
    if _has(words, ASSEMBLY):
        return Intent("assembly")
    # "closing ceremony time": a trailing "time" asks when, like "what time"
    asks_when = _has(words, WHEN_MARKERS) or words[-1] == "time"
    if _has(words, WHERE_MARKERS) or asks_when:
        topic = _topic(words[:-1] if words[-1] == "time" else words)
        if topic is not None:
            return Intent("where", topic=topic)
    if tonight and not _has(words, THANKS):  # "terima kasih untuk malam ini" is thanks
        return Intent("tonight")
    simple: tuple[tuple[IntentKind, tuple[str, ...]], ...] = (
        ("next", NEXT),
        ("now", NOW),
        ("today", TODAY),
    )
    for kind, phrases in simple:
        if _has(words, phrases):
            return Intent(kind)
    social: tuple[tuple[IntentKind, tuple[str, ...]], ...] = (
        ("help", HELP),
        ("thanks", THANKS),
        ("greeting", GREETING),
    )
    for kind, phrases in social:
        if _only_courtesy(words, phrases):
            return Intent(kind)
    return None
