"""Name keys for searching: spelling and transliteration variants of a name share a key.

Every word is folded to ASCII (Олександр → Oleksandr, Müller → Muller), common transliteration
pairs are unified (kh/h, dj/j, dsch/j) and the result is coded with the Cologne phonetics, the
German standard for name matching: Mohammed, Muhammad and Mohamad all become 662.
"""

import re

import cologne_phonetics
from anyascii import anyascii

_WORD = re.compile(r"[a-z]+")
_VARIANTS = [("dsch", "j"), ("tsch", "ch"), ("kh", "h"), ("dj", "j"), ("dzh", "j"), ("zh", "j")]


def fold(text: str) -> str:
    """Lower-case ASCII letters only, one space between words."""
    return " ".join(_WORD.findall(anyascii(text).lower()))


def words(text: str) -> list[str]:
    return fold(text).split()


def key(word: str) -> str:
    for written, spoken in _VARIANTS:
        word = word.replace(written, spoken)
    coded = cologne_phonetics.encode(word)
    return coded[0][1] if coded else ""


def name_words(*names: str) -> dict[str, str]:
    """Each distinct folded word of `names` with its key; a name of several words
    (Al-Hijazi, Abdul Rahman) also as one word, since people write it both ways."""
    found: dict[str, str] = {}
    for name in names:
        parts = words(name)
        for word in [*parts, "".join(parts)] if len(parts) > 1 else parts:
            found[word] = key(word)
    return found
