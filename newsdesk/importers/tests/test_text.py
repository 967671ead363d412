"""import-text: each fixture's report and resulting draft (fixtures/text/ are written for it)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from newsdesk.articles.models import Article, Author
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory
from newsdesk.commerce.tests.factories import ProductFactory, ShopFactory
from newsdesk.core.markup import render_markdown
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.importers.plaintext import looks_like_names, parse_text
from newsdesk.videos.tests.factories import VideoFactory

TEXTS = Path(__file__).parent / "fixtures" / "text"

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    """What the texts refer to and the newsroom already has."""
    return {
        "anna": AuthorFactory(name="Anna Beispiel", slug="anna-beispiel"),
        "s23": ArticleFactory(headline="Galaxy S23 im Test: Klein, aber ausdauernd"),
        "s24": ProductFactory(name="Galaxy S24", slug="galaxy-s24"),
        "amazon": ShopFactory(name="Amazon"),
        "sport": GalleryFactory(title="Sportuhren im Härtetest: Schlamm, Regen, Hitze"),
        "video": VideoFactory(caption="Das Notebook im Hands-On"),
    }


def run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_text", str(path), *args, stdout=out, verbosity=0)
    return out.getvalue()


def draft(headline_start: str) -> Article:
    return Article.objects.get(headline__startswith=headline_start)


def test_full_article_with_all_furniture(newsroom):
    output = run(TEXTS / "galaxy-s24-test.txt")
    article = draft("Galaxy S24 im Test")
    assert article.status == Article.Status.DRAFT
    assert article.headline == "Galaxy S24 im Test: Wie gut ist der Akku wirklich?"
    assert article.ordered_authors() == [newsroom["anna"]]  # matched, not created again
    assert article.teaser.startswith("Samsung hat sein neues Smartphone vorgestellt.")
    assert "## Wie lange hält der Akku?" in article.body
    assert "## Lohnt sich das Upgrade?" in article.body
    assert "Beim Spielen sinkt die Laufzeit" in article.body
    assert "<!-- Bilderstrecke für die Redaktion: Galaxy S24: Die besten Bilder" in article.body
    for furniture in ("kaufen", "Werbung", "kommentieren", "teilen", "Kommentare", "Quelle"):
        assert furniture not in article.body
    assert [s.name for s in article.sources.all()] == ["Samsung"]
    assert list(article.related.all()) == [newsroom["s23"]]
    assert list(article.products.all()) == [newsroom["s24"]]
    # The marker is for editors: readers never see it.
    assert "Bilderstrecke für die Redaktion" not in render_markdown(article.body)
    assert "galaxy-s24-test.txt: neu" in output
    assert "erkannt: Autor Anna Beispiel" in output
    assert "Produkt „Galaxy S24“ verknüpft, Shop „Amazon“ bekannt" in output
    assert "erkannt: entfernt: Werbehinweis „* Werbung“" in output
    assert "unsicher: Shop „Funkladen“ nicht gefunden." in output


def test_missing_byline_and_source_are_reported(newsroom):
    output = run(TEXTS / "ohne-autor.txt")
    article = draft("Router-Hersteller")
    assert article.ordered_authors() == []
    assert article.teaser.startswith("Ein Fehler in der Firmware")
    assert article.body.count("## ") == 2
    assert "unsicher: Keine Autorenzeile erkannt" in output
    assert "unsicher: Keine Quellenzeile gefunden." in output


def test_several_galleries_two_authors_video_and_comments(newsroom):
    output = run(TEXTS / "mehrere-bilderstrecken.txt")
    article = draft("Die schönsten Smartwatches")
    assert [a.name for a in article.ordered_authors()] == ["Ben Muster", "Clara Schreiber"]
    assert Author.objects.filter(name="Ben Muster").exists()
    # The known gallery is embedded, the unknown one marked for the editor.
    assert f"[[gallery:{newsroom['sport'].slug}]]" in article.body
    assert "<!-- Bilderstrecke für die Redaktion: Smartwatches 2026" in article.body
    assert (
        "<!-- Video für die Redaktion: So haben wir die Smartwatches getestet -->" in article.body
    )
    assert "Pulsar 3 hat bei mir" not in article.body  # comments after the header are dropped
    assert "Kommentarbereich „3 Kommentare“ (mit 2 Zeilen Kommentaren)" in output
    assert "Autor Ben Muster (neu angelegt)" in output


def test_english_text(newsroom):
    output = run(TEXTS / "english-review.txt")
    article = draft("Pixel Tablet review")
    assert [a.name for a in article.ordered_authors()] == ["Clara Schreiber"]
    assert "## How good is the screen?" in article.body
    assert "Advertisement" not in article.body and "Share" not in article.body
    assert [s.name for s in article.sources.all()] == ["Google"]
    assert list(article.related.all()) == [newsroom["s23"]]
    assert "unsicher: Produkt „Pixel Tablet“ nicht gefunden." in output


def test_source_with_address_video_caption_and_price_in_shop_link(newsroom):
    output = run(TEXTS / "notebook-news.txt")
    article = draft("Neues Notebook")
    source = article.sources.get()
    assert (source.name, source.url) == ("Hersteller", "https://hersteller.invalid/presse/flach-14")
    assert f"[[video:{newsroom['video'].slug}]]" in article.body
    assert "1.299" not in article.body
    assert "Auch interessant: „Das Ende der flachen Tastaturen?“ nicht gefunden" in output


def test_directory_import_is_repeatable(newsroom):
    texts = len(list(TEXTS.glob("*.txt")))
    run(TEXTS)
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == texts
    output = run(TEXTS)
    assert output.count(": unverändert") == texts
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == texts


def test_dry_run_writes_nothing(newsroom):
    output = run(TEXTS / "galaxy-s24-test.txt", "--dry-run")
    assert "Probelauf, nichts geschrieben" in output
    assert not Article.objects.filter(headline__startswith="Galaxy S24").exists()


def test_a_published_article_is_never_overwritten(newsroom, tmp_path):
    text = tmp_path / "meldung.txt"
    text.write_text("Kurze Meldung\nAnna Beispiel\n\nErster Stand der Dinge.\n")
    run(text)
    Article.objects.filter(headline="Kurze Meldung").update(status=Article.Status.PUBLISHED)
    text.write_text("Kurze Meldung\nAnna Beispiel\n\nZweiter Stand der Dinge.\n")
    output = run(text)
    assert "abgelehnt" in output
    assert Article.objects.get(headline="Kurze Meldung").teaser == "Erster Stand der Dinge."


def test_bad_paths_and_empty_files(db, tmp_path):
    with pytest.raises(CommandError, match="gibt es nicht"):
        run(tmp_path / "fehlt.txt")
    with pytest.raises(CommandError, match="keine .txt-Dateien"):
        run(tmp_path)
    empty = tmp_path / "leer.txt"
    empty.write_text("\n\n")
    assert "Die Datei ist leer." in run(empty)
    assert Article.objects.count() == 0


def test_pictures_and_windows_unicode_files(db, tmp_path):
    picture = tmp_path / "bild.txt"
    picture.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(200))
    output = run(picture)
    assert "bild.txt: abgelehnt" in output and "Keine Textdatei" in output
    assert Article.objects.count() == 0
    notepad = tmp_path / "notepad.txt"
    notepad.write_bytes(
        "Größere Akkus für Notebooks\r\nAnna Beispiel\r\n\r\nDie Hersteller legen nach.\r\n".encode(
            "utf-16"
        )
    )
    run(notepad)
    assert Article.objects.get().headline == "Größere Akkus für Notebooks"


def test_an_unreadable_file_is_reported_and_the_others_imported(newsroom, tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Titel {name}\nAnna Beispiel\n\nEin Absatz.\n")
    real = Path.read_bytes

    def guarded(self: Path) -> bytes:
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    output = run(tmp_path)
    assert "a.txt: abgelehnt" in output and "nicht lesbar: Permission denied" in output
    assert draft("Titel b.txt")


def test_text_stays_text_in_markdown():
    parsed = parse_text(
        "Titel\nAnna Beispiel\n\nVorspann.\n\n1. FC Köln kauft *zwei* <b>Spieler</b> ein.\n"
    )
    from newsdesk.importers.textimport import markdown_text

    html = render_markdown(markdown_text(parsed.blocks[0][1]))
    assert "<ol" not in html and "<em>" not in html and "<b>" not in html
    assert "1. FC Köln kauft *zwei* &lt;b&gt;Spieler&lt;/b&gt; ein." in html


@pytest.mark.parametrize(
    "line, names",
    [
        ("Anna Beispiel", ["Anna Beispiel"]),
        ("Von Ben Muster und Clara Schreiber", ["Ben Muster", "Clara Schreiber"]),
        ("By Clara Schreiber", ["Clara Schreiber"]),
        ("Samsung hat sein neues Smartphone vorgestellt.", None),
        ("Wie lange hält der Akku?", None),
    ],
)
def test_bylines(line, names):
    assert looks_like_names(line) == names


def test_other_wordings_of_calls_and_shop_links(newsroom):
    output = run(TEXTS / "pixel-aufrufe.txt")
    article = draft("Pixel 9 Pro im Test")
    assert article.body.rstrip().endswith(
        "<!-- Video für die Redaktion: So schlägt sich das Pixel 9 Pro im Kameratest -->"
    )
    for furniture in ("Kommentare", "teilen", "WhatsApp", "MediaMarkt", "899"):
        assert furniture not in article.body
    assert [s.name for s in article.sources.all()] == ["Google", "eigene Messungen"]
    call = "entfernt: Aufruf zum Kommentieren oder Teilen"
    assert f"{call} „Wie finden Sie das Pixel 9 Pro?" in output
    assert f"{call} „Jetzt teilen: Facebook X WhatsApp“" in output
    assert "Shop-Link „Google Pixel 9 Pro ab 899 Euro bei MediaMarkt*“" in output
    assert "sieht nach Werbelink aus" not in output


SAVED_WITH_DU = """\
Pixel 10 im Hands-On: erster Eindruck

Von Anna Beispiel

Google zeigt das Pixel 10. Wir hatten es kurz in der Hand.

Zu den Kommentaren (12)

Das Display ist hell und scharf, der Akku hält lange durch.

Pixel 10 im Hands-On.

Pixel 10 bei Amazon kaufen* Pixel 10 bei MediaMarkt kaufen*

Was meinst du? Schreib es uns in die Kommentare und teile den Artikel!

Kommentare zu diesem Artikel (12)

Leser1: Sieht gut aus.
"""


def test_furniture_in_the_du_form_and_around_the_comments_leaves_the_body():
    parsed = parse_text(SAVED_WITH_DU)
    body = " ".join(text for _kind, text in parsed.blocks)
    for furniture in ("Zu den Kommentaren", "Was meinst du", "teile den Artikel", "Leser1"):
        assert furniture not in body
    assert "Das Display ist hell" in body
    assert [f.text for f in parsed.found("video")] == ["Pixel 10 im Hands-On"]
    assert [f.kind for f in parsed.findings if f.kind == "comments"] == ["comments"]


def test_two_shop_links_on_one_line_are_two_links():
    parsed = parse_text(SAVED_WITH_DU)
    assert [(f.detail["product"], f.detail["shop"]) for f in parsed.found("shop")] == [
        ("Pixel 10", "Amazon"),
        ("Pixel 10", "MediaMarkt"),
    ]
