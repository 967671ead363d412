"""Text helpers for German content."""

from django.utils.text import slugify

GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def normalise_line_endings(text: str) -> str:
    """LF line breaks only: browsers post a textarea's line breaks as CRLF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def german_slugify(text: str) -> str:
    """German umlauts as readers spell them in addresses.

    "Prüfung für Käufer" -> "pruefung-fuer-kaeufer" (Django alone: "prufung-fur-kaufer").
    """
    return slugify(text.translate(GERMAN_TRANSLITERATION))


# Characters XML 1.0 forbids even when escaped (everything below 0x20 except tab, newline and
# carriage return, plus the two non-characters U+FFFE/U+FFFF). A pasted headline with "\x0b" in it
# would otherwise make every feed and sitemap that lists it unparseable (TRUST.md F2).
_XML_FORBIDDEN = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])


def strip_control_characters(text: str) -> str:
    """``text`` without the characters XML cannot carry; tab and line breaks stay."""
    if not text:
        return text
    return text.translate(_XML_FORBIDDEN)
