"""The showcase article: every part of an article's anatomy in one piece."""

from .schema import ArticleText, CommentText, Picture

SHOWCASE_SLUG = "wird-das-lumio-aurora-x3-zum-preisbrecher"

SHOWCASE = ArticleText(
    slug=SHOWCASE_SLUG,
    kind="news",
    headline="Wird das Lumio Aurora X3 zum Preisbrecher?",
    teaser=(
        "Lumio will sein neues Basismodell offenbar deutlich günstiger anbieten als den "
        "Vorgänger. Wir hatten das Aurora X3 schon in der Hand und ordnen ein, was der Preis für "
        "die Konkurrenz bedeutet."
    ),
    body="""\
Lumio plant für das Aurora X3 einen Einstiegspreis von 649 Euro. Das berichtet Bloomberg unter \
Berufung auf Personen, die mit den Plänen des Herstellers vertraut sind. Der Vorgänger kostete zum \
Marktstart noch 150 Euro mehr. Offiziell bestätigt hat Lumio den Preis bislang nicht; ein Sprecher \
verwies auf die Vorstellung in der kommenden Woche.

## Was sich gegenüber dem Vorgänger ändert

Äußerlich bleibt vieles vertraut: ein flaches 6,1-Zoll-Display, ein Rahmen aus Aluminium und zwei \
Kameras auf der Rückseite. Neu ist der Helix-3-Chip, den Lumio selbst entwickelt hat. Er soll bei \
gleicher Leistung rund ein Fünftel weniger Strom brauchen. Der Akku wächst leicht auf 4.300 mAh \
und lädt mit bis zu 45 Watt.

[[gallery:lumio-aurora-x3-bilder]]

## Erster Eindruck aus dem Hands-On

Wir konnten das Aurora X3 vorab eine Stunde lang ausprobieren. Mit 171 Gramm liegt es angenehm \
leicht in der Hand, die Verarbeitung wirkt hochwertig. Das Display ist hell und reagiert flott, \
beim schnellen Scrollen ruckelt nichts. Die Kamera liefert bei Tageslicht scharfe Bilder mit \
natürlichen Farben. Wie sie sich bei Dunkelheit schlägt, klären wir im ausführlichen Test.

[[video:lumio-aurora-x3-hands-on]]

## Was der Preis für den Markt bedeutet

Mit 649 Euro läge das Aurora X3 unter vielen direkten Konkurrenten mit ähnlicher Ausstattung. \
Vor allem die Zusage von sechs Jahren Updates ist in dieser Preisklasse selten. Für Lumio ist das \
ein Wagnis: Der Hersteller verdient weniger pro Gerät und muss über die Stückzahl kommen. Händler \
rechnen damit, dass ältere Modelle der Konkurrenz schon kurz nach dem Marktstart billiger werden.

Wer nicht auf unseren Test warten will, findet das Gerät bereits bei den ersten Händlern:

[[product:lumio-aurora-x3]]

## Lohnt sich das Warten auf das Pro-Modell?

Das Aurora X3 Pro kostet rund 400 Euro mehr. Dafür gibt es ein größeres Display, ein \
Teleobjektiv und einen stärkeren Akku. Den meisten Menschen dürfte das Basismodell genügen. Wer \
viel fotografiert, sollte dagegen einen Blick auf unseren Test des großen Bruders werfen.

[[article:lumio-aurora-x3-pro-im-test]]
""",
    authors=("lena-vogt", "sven-albers"),
    topics=("smartphones", "mobilfunk"),
    hours_ago=3,
    lead=Picture(
        "phone",
        "Lumio Aurora X3",
        "Das Lumio Aurora X3 soll 649 Euro kosten.",
        "Foto: Technikblatt / Lena Vogt",
        alt="Ein Smartphone mit leuchtendem Display vor farbigem Hintergrund",
    ),
    products=("lumio-aurora-x3",),
    sources=(("Bloomberg", "https://www.bloomberg.com/technology"),),
    # Not the review embedded in the body: the page would show it twice.
    related=("kestrel-fold-2-im-test", "smartphone-mit-oder-ohne-vertrag", "lumio-helix-3-chip"),
    comments=(
        CommentText(
            "Karsten M.",
            "karsten@example.org",
            "649 Euro sind immer noch viel Geld für ein Handy, aber sechs Jahre Updates "
            "sind ein Argument. Mein altes Gerät bekommt seit zwei Jahren nichts mehr.",
            hours_after=0.8,
        ),
        CommentText(
            "Nadine",
            "nadine@example.org",
            "Weiß man schon, ob die Version mit 256 GB auch nach Deutschland kommt?",
            hours_after=1.2,
        ),
        CommentText(
            "Lena Vogt (Redaktion)",
            "lena.vogt@technikblatt.example",
            "Laut Lumio ja. Einen Preis dafür gibt es noch nicht; wir ergänzen ihn, "
            "sobald er feststeht.",
            hours_after=1.6,
            reply_to=1,
        ),
        CommentText(
            "Tech-Oma",
            "oma@example.org",
            "Schön, dass es noch handliche Geräte gibt. 6,1 Zoll ist für mich die Obergrenze.",
            hours_after=2.1,
        ),
        CommentText(
            "Ben",
            "ben@example.org",
            "Hat jemand Erfahrung mit dem Kundendienst von Lumio? Bei meinem letzten "
            "Gerät hat die Reparatur sechs Wochen gedauert.",
            hours_after=2.5,
            pending=True,
        ),
    ),
)
