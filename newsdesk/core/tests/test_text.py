from newsdesk.core.text import german_slugify


def test_german_slugs_keep_umlauts_readable():
    assert german_slugify("Prüfung für Käufer: Größe & Maß") == "pruefung-fuer-kaeufer-groesse-mass"
