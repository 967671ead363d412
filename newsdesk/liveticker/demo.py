"""The demo newsroom's two tickers: an ended keynote and a trade-fair day that is running.

Written for newsdesk; the makers, products and fair are the demo's own inventions. Called by
``newsdesk.demo.loader``; a ticker that exists already is left alone, like every demo object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from . import services
from .models import LiveTicker


@dataclass(frozen=True)
class EntryText:
    minutes: int  # after the start
    text: str
    author: str
    key_event: bool = False
    pinned: bool = False


@dataclass(frozen=True)
class TickerText:
    slug: str
    title: str
    teaser: str
    started_hours_ago: float
    authors: tuple[str, ...]
    topics: tuple[str, ...]
    products: tuple[str, ...]
    entries: tuple[EntryText, ...]
    summary: str = ""
    ended_after_minutes: int | None = None
    # Keynotes start in the evening, Berlin time: "yesterday at 19:00" rather than "30 h ago".
    evening_before: bool = False

    def start(self, now: dt.datetime) -> dt.datetime:
        if self.evening_before:
            day = timezone.localtime(now) - dt.timedelta(days=1)
            return day.replace(hour=19, minute=0, second=0, microsecond=0)
        return now - dt.timedelta(hours=self.started_hours_ago)


KEYNOTE = TickerText(
    slug="lumio-keynote-aurora-x3-liveticker",
    title="Lumio-Keynote im Liveticker: Aurora X3, neue Uhr und ein Preisschock",
    teaser=(
        "Lumio hat zur Herbst-Keynote geladen. Wir haben die Vorstellung der neuen "
        "Aurora-Smartphones Minute für Minute begleitet."
    ),
    started_hours_ago=0,
    evening_before=True,
    authors=("lena-vogt", "mira-okafor"),
    topics=("smartphones", "wearables"),
    products=("lumio-aurora-x3",),
    ended_after_minutes=95,
    summary=(
        "**Das Wichtigste in Kürze:** Lumio bringt das Aurora X3 mit flachem 120-Hz-Display und "
        "sechs Jahren Updates für 649 Euro. Die neue Uhr misst jetzt auch die Hauttemperatur. "
        "Ein faltbares Modell gibt es in diesem Jahr nicht; Vorbestellungen beginnen am Freitag."
    ),
    entries=(
        EntryText(
            0, "Guten Abend aus der Halle! In wenigen Minuten beginnt die Keynote.", "lena-vogt"
        ),
        EntryText(
            6,
            "Die Chefin betritt die Bühne. Erster Satz: „Wir haben zugehört.“ Mal sehen, "
            "was das heißt.",
            "lena-vogt",
        ),
        EntryText(
            18,
            "**Da ist es: das Aurora X3.** 6,1 Zoll, OLED mit 120 Hz, flaches Display, "
            "Aluminiumrahmen. Lumio verspricht sechs Jahre Updates.",
            "lena-vogt",
            key_event=True,
        ),
        EntryText(
            27,
            "Akku: 4.300 mAh, geladen wird mit 45 Watt. Ein Netzteil liegt weiterhin nicht bei.",
            "lena-vogt",
        ),
        EntryText(
            41,
            "Jetzt die Uhr: Sie misst zusätzlich die Hauttemperatur und soll drei Tage "
            "durchhalten. Mira ist skeptisch, ob das mit Always-on-Display klappt.",
            "mira-okafor",
            key_event=True,
        ),
        EntryText(
            63,
            "**Preis:** Das Aurora X3 kostet 649 Euro mit 128 GB, also 50 Euro mehr als der "
            "Vorgänger.",
            "lena-vogt",
            key_event=True,
        ),
        EntryText(
            80,
            "Kein Wort zum faltbaren Modell, über das seit Monaten spekuliert wird.",
            "lena-vogt",
        ),
        EntryText(
            95,
            "Das war's! Vorbestellungen ab Freitag, im Handel eine Woche später. Unseren "
            "ersten Eindruck lesen Sie morgen früh. Danke fürs Mitlesen!",
            "lena-vogt",
        ),
    ),
)

FAIR_DAY = TickerText(
    slug="technikmesse-berlin-tag-2-liveticker",
    title="Technikmesse Berlin, Tag 2: Neuheiten im Liveticker",
    teaser=(
        "Tablets, Kopfhörer und ein Saugroboter, der Treppen steigt: Unser Team läuft für Sie "
        "durch die Hallen und berichtet laufend."
    ),
    started_hours_ago=2,
    authors=("jonas-brandt", "tobias-kern"),
    topics=("tablets", "audio", "smart-home"),
    products=(),
    entries=(
        EntryText(
            0,
            "Die Hallen sind offen. Heute auf dem Plan: Tablets in Halle 4, Audio in Halle 7 und "
            "am Nachmittag die Smart-Home-Bühne.",
            "jonas-brandt",
            pinned=True,
        ),
        EntryText(
            22,
            "Erstes Highlight in Halle 4: ein 13-Zoll-Tablet mit mattem Display, das sich wie "
            "Papier anfühlt. Preis und Marktstart nennt der Hersteller noch nicht.",
            "tobias-kern",
        ),
        EntryText(
            48,
            "**Kopfhörer mit austauschbarem Akku.** Am Stand eines kleinen Herstellers aus "
            "Hamburg lässt sich der Akku in zehn Sekunden wechseln. Endlich.",
            "jonas-brandt",
            key_event=True,
        ),
        EntryText(
            75,
            "Der Saugroboter mit Beinen steigt tatsächlich Treppen, allerdings sehr langsam: "
            "Für eine Stufe braucht er etwa 20 Sekunden.",
            "tobias-kern",
        ),
        EntryText(
            104,
            "Kurze Pause am Pressestand. Gleich geht es weiter mit der Smart-Home-Bühne.",
            "jonas-brandt",
        ),
    ),
)

TICKERS = (KEYNOTE, FAIR_DAY)


def ensure_ticker(loader, text: TickerText) -> LiveTicker:
    """Create one demo ticker with its entries through the services, unless it exists."""
    ticker = LiveTicker.objects.filter(slug=text.slug).first()
    if ticker:
        return ticker
    started = text.start(loader.now)
    ticker = LiveTicker.objects.create(
        slug=text.slug,
        title=text.title,
        teaser=text.teaser,
        starts_at=started,
        state=LiveTicker.State.LIVE,
        is_published=True,
    )
    ticker.authors.set([loader.ensure_author(slug) for slug in text.authors])
    ticker.topics.set([loader.ensure_topic(slug) for slug in text.topics])
    ticker.products.set([loader.ensure_product(slug) for slug in text.products])
    for entry in text.entries:
        services.post_entry(
            ticker,
            entry.text,
            author=loader.ensure_author(entry.author),
            published_at=started + dt.timedelta(minutes=entry.minutes),
            is_key_event=entry.key_event,
            is_pinned=entry.pinned,
        )
    if text.ended_after_minutes is not None:
        ticker.ended_at = started + dt.timedelta(minutes=text.ended_after_minutes)
        services.set_state(ticker, LiveTicker.State.ENDED, summary=text.summary)
    loader.report.created["Liveticker"] += 1
    return ticker


def ensure_demo_tickers(loader) -> None:
    for text in TICKERS:
        ensure_ticker(loader, text)
