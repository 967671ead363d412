"""What a German Impressum must say, checked when the Redaktion saves it.

§ 5 DDG: name, a postal address where documents can be served (no P.O. box), a fast electronic
contact (e-mail); § 18 Abs. 2 MStV: for journalistic offers a responsible person with name and
address. The check reads the page's Markdown; it warns, it does not refuse: an editor fixing one
line must still be able to save.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

IMPRESSUM_SLUG = "impressum"
PRIVACY_SLUG = "datenschutz"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
POSTCODE_CITY = re.compile(r"\b\d{5}\s+\w+")
PO_BOX = re.compile(r"\bPostfach\b", re.IGNORECASE)
RESPONSIBLE = re.compile(r"(Verantwortlich|V\.\s?i\.\s?S\.\s?d\.)[^\n]*\d{5}", re.IGNORECASE)


def impressum_problems(body: str) -> list[str]:
    """Missing Impressum details, in plain words; empty when everything is there."""
    problems = []
    if not POSTCODE_CITY.search(body):
        problems.append(_("Impressum: Es fehlt eine ladungsfähige Anschrift mit Postleitzahl."))
    if PO_BOX.search(body):
        problems.append(_("Impressum: Ein Postfach ist keine ladungsfähige Anschrift."))
    if not EMAIL.search(body):
        problems.append(
            _("Impressum: Es fehlt eine E-Mail-Adresse für die schnelle Kontaktaufnahme.")
        )
    if not RESPONSIBLE.search(body):
        problems.append(
            _(
                "Impressum: Es fehlt der Verantwortliche nach § 18 Abs. 2 MStV mit Name und "
                "Anschrift (eine Zeile „Verantwortlich …: Name, Straße, PLZ Ort“)."
            )
        )
    return problems
