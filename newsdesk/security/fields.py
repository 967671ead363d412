"""Form fields that clean what no editor means to type.

Control characters arrive by pasting from PDFs, terminals and old CMS exports. They are
invisible in the newsroom, make RSS/Atom and sitemaps invalid XML (Django's feed generator
refuses them with a 500) and can hide text in a headline. Line breaks, tabs and carriage returns
stay; format characters such as the soft hyphen or the zero-width joiner of emoji stay too,
because German typography and emoji need them.
"""

from __future__ import annotations

import re

from django import forms

# C0 controls except tab, line feed and carriage return; DEL and the C1 controls (mojibake of
# Windows-1252 text); and the Unicode non-characters XML forbids.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def strip_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


class CleanCharField(forms.CharField):
    """A CharField whose value loses its control characters before any validation."""

    def to_python(self, value):
        if isinstance(value, str):
            value = strip_control_characters(value)
        return super().to_python(value)
