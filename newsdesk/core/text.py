"""Text helpers for German content."""

from django.utils.text import slugify

GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def german_slugify(text: str) -> str:
    """German umlauts as readers spell them in addresses.

    "Prüfung für Käufer" -> "pruefung-fuer-kaeufer" (Django alone: "prufung-fur-kaufer").
    """
    return slugify(text.translate(GERMAN_TRANSLITERATION))
