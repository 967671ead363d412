#!/usr/bin/env python3
"""Writes ``bench/search_judged.json``, the judged query set of ``bench/search.py``.

Run once on a database with the demo newsroom and ``newsdesk generate --articles 20000``
(seed 2026) loaded; the file is checked in, so the benchmark never re-judges. Relevance is
given by article slug (stable across databases, unlike ids), graded 2 (about exactly this) or
1 (about it in part):

- demo newsroom: judged by hand from the articles (``DEMO`` below);
- synthetic newsroom: from the generator's ground truth, not from text matching: an article is
  about the product it is linked to. For a product query, its linked articles are relevant
  (2 when the headline names the product); for product + aspect ("Akkulaufzeit Galaxy S7"),
  linked articles whose headline is about that aspect are 2, other linked ones that mention it
  are 1. Each aspect query is also asked in other words (its parts, "ae" for "ä", the model
  number written apart), with the same judgements.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "bench" / "search_judged.json"

DEMO = [
    (
        "Kestrel Fold 2",
        {
            "kestrel-fold-2-im-test": 2,
            "kestrel-fold-2-preis-sinkt": 2,
            "kestrel-fold-2-scharnier-video": 2,
            "kestrel-fold-2-ausprobiert": 2,
        },
    ),
    ("Falt-Handy", {"kestrel-fold-2-im-test": 2, "kestrel-fold-2-ausprobiert": 1}),
    ("Handy ohne Vertrag", {"smartphone-mit-oder-ohne-vertrag": 2}),
    ("Akku schonen", {"smartphone-akku-schonen": 2}),
    (
        "Smartwatch Kaufberatung",
        {"smartwatch-kaufberatung": 2, "veloq-trail-im-test": 1, "veloq-tempo-4-im-test": 1},
    ),
    ("Kopfhörer Lücke", {"bluetooth-luecke-in-kopfhoerern": 2}),
    ("Notebook Studium", {"notebook-fuers-studium": 2, "norden-skyline-14-im-test": 1}),
    ("Notebook Laufzeit", {"norden-skyline-14-im-test": 2, "notebook-fuers-studium": 1}),
    ("Gesichtserkennung", {"gesichtserkennung-tuerklingeln": 2}),
    (
        "Zwei-Faktor",
        {"zwei-faktor-authentifizierung-einrichten": 2, "passkeys-ersetzen-passwoerter": 1},
    ),
    (
        "Passwort",
        {"passkeys-ersetzen-passwoerter": 2, "zwei-faktor-authentifizierung-einrichten": 1},
    ),
    (
        "Lumio Pad 11",
        {"lumio-pad-11-im-test": 2, "lumio-pad-11-stift-bundle": 2, "lumio-pad-11-ausprobiert": 2},
    ),
    ("Funkloecher Bahn", {"funkloecher-an-bahnstrecken": 2}),
    ("Ersatzteile Smartphone", {"ersatzteile-sieben-jahre": 2}),
    (
        "Sportuhr",
        {"veloq-tempo-4-im-test": 2, "veloq-tempo-4-ausprobiert": 1, "smartwatch-kaufberatung": 1},
    ),
    ("eSIM", {"esim-einrichten": 2}),
    ("Smart Home", {"smart-home-einstieg-matter": 2, "sonara-arc-ausprobiert": 1}),
    (
        "Aurora X3",
        {
            "wird-das-lumio-aurora-x3-zum-preisbrecher": 2,
            "lumio-bestaetigt-termin-fuer-aurora-x3": 2,
            "lumio-aurora-x3-pro-im-test": 1,
            "smartphone-mit-oder-ohne-vertrag": 1,
        },
    ),
    ("Netzteil Rückruf", {"norden-ruft-netzteile-zurueck": 2}),
    ("Router Update", {"router-luecke-update": 2}),
]

# An aspect asked in other words: its parts, as a reader might type them.
PARTS = {
    "Akkulaufzeit": "Laufzeit des Akkus",
    "Ladegeschwindigkeit": "Geschwindigkeit beim Laden",
    "Displaygröße": "Größe des Displays",
    "Kamerasystem": "System der Kamera",
    "Bildqualität": "Qualität der Bilder",
    "Nachtmodus": "Modus Nacht",
    "Speicherplatz": "Platz im Speicher",
    "Sicherheitsupdate": "Update Sicherheit",
    "Preisnachlass": "Nachlass beim Preis",
    "Verkaufsstart": "Start des Verkaufs",
    "Gehäusefarbe": "Farbe des Gehäuses",
    "Stromverbrauch": "Verbrauch von Strom",
    "Ladekabel": "Kabel zum Laden",
    "Schlafanalyse": "Analyse des Schlafs",
    "Herzfrequenzmessung": "Messung der Herzfrequenz",
}
FOLD = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}


def spaced(name: str) -> str | None:
    """ "Mi5" -> "Mi 5", "Galaxy S7 Ultra" -> "Galaxy S 7 Ultra"; None without such a token."""
    changed = re.sub(r"\b([A-Za-z]{1,8})(\d+)\b", r"\1 \2", name)
    return changed if changed != name else None


def judge() -> list[dict]:
    from newsdesk.articles.models import Article
    from newsdesk.commerce.models import Product
    from newsdesk.synthetic import vocabulary

    queries = [{"query": q, "corpus": "demo", "relevant": r} for q, r in DEMO]
    rng = random.Random(2026)
    products = list(Product.objects.filter(slug__startswith="syn-").order_by("slug"))
    rng.shuffle(products)
    aspects = 0
    for product in products:
        linked = list(
            Article.objects.published()
            .filter(products=product)
            .values_list("slug", "headline", "teaser", "body")
        )
        if len(linked) < 3:
            continue
        if sum(q.get("form") == "product" for q in queries) < 20:
            grades = {slug: 2 if product.name in headline else 1 for slug, headline, *_ in linked}
            queries.append(
                {
                    "query": product.name,
                    "corpus": "synthetic",
                    "form": "product",
                    "relevant": grades,
                }
            )
        if aspects >= 15:
            continue
        compounds = [c for c in vocabulary.COMPOUNDS if any(c in h for _s, h, *_ in linked)]
        for compound in [rng.choice(compounds)] if compounds else []:
            grades = {}
            for slug, headline, teaser, body in linked:
                if compound in headline:
                    grades[slug] = 2
                elif compound in teaser or compound in body:
                    grades[slug] = 1
            base = {"corpus": "synthetic", "relevant": grades}
            queries.append({"query": f"{compound} {product.name}", "form": "aspect", **base})
            if compound in PARTS:
                queries.append(
                    {"query": f"{PARTS[compound]} {product.name}", "form": "parts", **base}
                )
            folded = "".join(FOLD.get(c, c) for c in compound)
            if folded != compound:
                queries.append({"query": f"{folded} {product.name}", "form": "spelled out", **base})
            apart = spaced(product.name)
            if apart:
                queries.append({"query": f"{compound} {apart}", "form": "model apart", **base})
            aspects += 1
    return queries


def main() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    queries = judge()
    OUTPUT.write_text(
        json.dumps(
            {
                "about": (
                    "Judged queries for bench/search.py; made by bench/search_judge.py on the "
                    "demo newsroom plus `newsdesk generate --articles 20000` (seed 2026). "
                    "relevant: article slug -> grade (2 exactly about it, 1 in part)."
                ),
                "queries": queries,
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )
    forms: dict[str, int] = {}
    for query in queries:
        forms[query.get("form", "demo")] = forms.get(query.get("form", "demo"), 0) + 1
    print(f"{len(queries)} queries written to {OUTPUT}: {forms}")


if __name__ == "__main__":
    main()
