"""Guides ("Ratgeber") of the demo newsroom."""

from .schema import ArticleText, CommentText, Picture

DAY = 24

GUIDES = (
    ArticleText(
        slug="smartphone-mit-oder-ohne-vertrag",
        kind="guide",
        headline="Smartphone mit oder ohne Vertrag: Was ist günstiger?",
        teaser="Ein Handy für einen Euro klingt verlockend. Wir rechnen vor, wann sich ein "
        "Vertrag lohnt und wann nicht.",
        body="""\
Bei Verträgen mit Smartphone zahlt man das Gerät über die Grundgebühr ab. Ob das günstiger ist, \
zeigt nur eine einfache Rechnung.

## So rechnen Sie

Multiplizieren Sie die monatliche Grundgebühr mit der Laufzeit, meist 24 Monate. Addieren Sie \
die Einmalzahlung und den Anschlusspreis. Ziehen Sie davon die Kosten eines vergleichbaren \
Tarifs ohne Gerät ab. Was übrig bleibt, ist der tatsächliche Preis des Handys.

## Wann sich ein Vertrag lohnt

Bei teuren Spitzenmodellen fällt die Rechnung manchmal günstig aus, vor allem bei Aktionen zum \
Marktstart. Bei Mittelklassegeräten ist der Kauf ohne Vertrag fast immer billiger.

## Worauf Sie achten sollten

Viele Verträge verlängern sich nach der Mindestlaufzeit monatlich weiter. Das ist inzwischen \
kundenfreundlich geregelt: Sie können dann jederzeit mit einem Monat Frist kündigen.
""",
        authors=("sven-albers",),
        topics=("mobilfunk", "smartphones"),
        hours_ago=12 * DAY + 3,
        lead=Picture(
            "phone",
            "Mit oder ohne Vertrag?",
            "Handy mit Vertrag: nicht immer ein Schnäppchen.",
            "Grafik: Technikblatt",
        ),
        products=("lumio-aurora-x3",),
        comments=(
            CommentText(
                "Anke",
                "anke@example.org",
                "Die Rechnung habe ich letztes Jahr gemacht und 180 Euro gespart, weil "
                "ich das Handy einzeln gekauft habe.",
                hours_after=6,
            ),
        ),
    ),
    ArticleText(
        slug="smartphone-akku-schonen",
        kind="guide",
        headline="Smartphone-Akku schonen: Sieben Tipps, die wirklich helfen",
        teaser="Nicht jeder Rat aus dem Netz stimmt. Diese Tipps verlängern das Leben Ihres "
        "Akkus tatsächlich.",
        body="""\
Lithium-Ionen-Akkus altern mit jedem Ladezyklus und mit der Zeit. Ganz verhindern lässt sich das \
nicht, aber deutlich verlangsamen.

## Hitze vermeiden

Wärme schadet dem Akku am meisten. Lassen Sie das Handy nicht in der Sonne liegen und laden Sie \
es nicht unter dem Kopfkissen.

## Nicht immer auf 100 Prozent

Viele Smartphones bieten eine Ladebegrenzung auf 80 oder 85 Prozent. Schalten Sie sie ein, wenn \
Sie die volle Kapazität selten brauchen.

## Mythen

Den Akku vor dem Laden ganz leer zu machen, ist bei modernen Akkus unnötig und eher schädlich. \
Auch das Schließen von Apps im Hintergrund spart kaum Strom.
""",
        authors=("felix-hartung",),
        topics=("smartphones", "apps"),
        hours_ago=6 * DAY,
        lead=Picture(
            "phone",
            "Akku schonen",
            "Hitze schadet dem Akku am meisten.",
            "Foto: Technikblatt / Felix Hartung",
        ),
    ),
    ArticleText(
        slug="in-ear-kopfhoerer-kaufberatung",
        kind="guide",
        headline="In-Ear-Kopfhörer kaufen: Worauf es wirklich ankommt",
        teaser="Geräuschunterdrückung, Codecs, Passform: Wir erklären, welche Merkmale wichtig "
        "sind und welche Marketing.",
        body="""\
Kabellose In-Ear-Kopfhörer gibt es ab 30 Euro und bis weit über 300 Euro. Der Preis sagt aber \
wenig darüber, ob sie zu Ihnen passen.

[[gallery:kopfhoerer-ueberblick-bilder]]

## Passform geht vor

Sitzen die Ohrstöpsel nicht dicht, klingen selbst teure Modelle dünn. Probieren Sie alle \
mitgelieferten Aufsätze aus.

## Geräuschunterdrückung

Für Pendler lohnt sich eine aktive Geräuschunterdrückung. Wichtig ist ein guter \
Transparenzmodus, damit Durchsagen hörbar bleiben.

## Codecs

Für die meisten reicht AAC. LE Audio mit LC3 ist zukunftssicher und spart Strom, wenn das \
Smartphone es unterstützt.

[[product:sonara-pulse-pro]]
""",
        authors=("felix-hartung",),
        topics=("audio",),
        hours_ago=10 * DAY + 4,
        lead=Picture(
            "earbuds",
            "Kaufberatung",
            "In-Ear-Kopfhörer verschiedener Hersteller.",
            "Foto: Technikblatt / Felix Hartung",
        ),
        products=("sonara-pulse-pro",),
        related=("sonara-pulse-pro-im-test",),
    ),
    ArticleText(
        slug="notebook-fuers-studium",
        kind="guide",
        headline="Welches Notebook fürs Studium?",
        teaser="Leicht, ausdauernd und bezahlbar soll es sein. So finden Sie das richtige Gerät "
        "für Vorlesung und Bibliothek.",
        body="""\
Ein Studiennotebook muss vor allem eines: den ganzen Tag durchhalten. Steckdosen im Hörsaal sind \
selten.

## Die wichtigsten Kriterien

Achten Sie auf mindestens zehn Stunden Akkulaufzeit in unabhängigen Tests, ein Gewicht unter \
1,5 Kilogramm und 16 Gigabyte Arbeitsspeicher. Ein mattes Display hilft in hellen Räumen.

## Rabatte nutzen

Viele Hersteller gewähren Studierenden Rabatte. Es lohnt sich, vor dem Kauf auf den Seiten der \
Hochschule nachzusehen.

[[product:norden-skyline-14]]
""",
        authors=("tobias-kern",),
        topics=("notebooks",),
        hours_ago=14 * DAY + 6,
        lead=Picture(
            "laptop",
            "Notebook fürs Studium",
            "Ein Notebook in der Bibliothek.",
            "Foto: Technikblatt / Tobias Kern",
        ),
        products=("norden-skyline-14",),
        related=("norden-skyline-14-im-test",),
    ),
    ArticleText(
        slug="smartwatch-kaufberatung",
        kind="guide",
        headline="Smartwatch oder Fitness-Tracker: Was brauche ich?",
        teaser="Eine Uhr, die alles kann, oder ein schlankes Band, das zwei Wochen hält? Ein "
        "Überblick.",
        body="""\
Smartwatches zeigen Nachrichten, bezahlen an der Kasse und messen Sport. Fitness-Tracker \
beschränken sich aufs Messen, halten dafür aber deutlich länger durch.

## Für Sportlerinnen

Wer läuft oder Rad fährt, braucht ein genaues GPS und einen verlässlichen Pulssensor. Hier \
lohnt sich eine Sportuhr.

## Für den Alltag

Wer vor allem Schritte und Schlaf verfolgen will, ist mit einem Tracker gut bedient.

[[product:veloq-tempo-4]]
""",
        authors=("mira-okafor",),
        topics=("wearables",),
        hours_ago=17 * DAY + 8,
        lead=Picture(
            "watch",
            "Uhr oder Tracker?",
            "Smartwatch und Fitness-Tracker im Vergleich.",
            "Foto: Technikblatt / Mira Okafor",
        ),
        products=("veloq-tempo-4", "veloq-trail"),
    ),
    ArticleText(
        slug="zwei-faktor-authentifizierung-einrichten",
        kind="guide",
        headline="Zwei-Faktor-Authentifizierung einrichten: So geht's",
        teaser="Ein zweiter Faktor schützt Konten, selbst wenn das Passwort gestohlen wurde. Eine "
        "Anleitung in fünf Schritten.",
        body="""\
Bei der Zwei-Faktor-Authentifizierung reicht das Passwort allein nicht mehr. Zusätzlich braucht \
es einen Code aus einer App, einen Sicherheitsschlüssel oder einen Passkey.

## Schritt für Schritt

1. Installieren Sie eine Authenticator-App.
2. Öffnen Sie die Sicherheitseinstellungen Ihres Kontos.
3. Wählen Sie „Zwei-Faktor-Authentifizierung“ und scannen Sie den QR-Code.
4. Geben Sie den angezeigten Code zur Bestätigung ein.
5. Speichern Sie die Wiederherstellungscodes an einem sicheren Ort.

## SMS nur im Notfall

Codes per SMS sind besser als nichts, lassen sich aber abfangen. Nutzen Sie, wenn möglich, eine \
App oder Passkeys.
""",
        authors=("aylin-demir",),
        topics=("sicherheit", "apps"),
        hours_ago=20 * DAY + 2,
    ),
    ArticleText(
        slug="esim-einrichten",
        kind="guide",
        headline="eSIM einrichten und aufs neue Handy umziehen",
        teaser="Keine Karte mehr im Schacht: So aktivieren Sie eine eSIM und nehmen sie beim "
        "Gerätewechsel mit.",
        body="""\
Eine eSIM ist ein fest verbauter Chip, auf den der Anbieter das Profil überträgt. Sie sparen sich \
das Hantieren mit der kleinen Karte.

## Aktivieren

Meist schickt der Anbieter einen QR-Code. In den Einstellungen des Handys wählen Sie \
„eSIM hinzufügen“ und scannen den Code. Nach wenigen Minuten ist das Profil aktiv.

## Umzug aufs neue Gerät

Viele Smartphones können die eSIM direkt übertragen, wenn altes und neues Gerät nebeneinander \
liegen. Klappt das nicht, fordern Sie beim Anbieter ein neues Profil an; das kostet manchmal \
eine kleine Gebühr.
""",
        authors=("sven-albers", "lena-vogt"),
        topics=("mobilfunk", "smartphones"),
        hours_ago=26 * DAY + 5,
        lead=Picture(
            "waves", "eSIM", "Eine eSIM wird per QR-Code eingerichtet.", "Grafik: Technikblatt"
        ),
    ),
    ArticleText(
        slug="smart-home-einstieg-matter",
        kind="guide",
        headline="Smart Home für Einsteiger: Wie fange ich an?",
        teaser="Lampen, Steckdosen, Thermostate: Mit dem Standard Matter wird der Einstieg "
        "einfacher. Worauf Sie achten sollten.",
        body="""\
Früher musste man sich für ein System entscheiden und blieb dann dabei. Mit Matter verstehen sich \
Geräte verschiedener Hersteller.

## Klein anfangen

Beginnen Sie mit zwei, drei smarten Lampen oder Steckdosen. So merken Sie schnell, ob Ihnen \
Automatisierungen im Alltag helfen.

## Lokal statt Cloud

Achten Sie darauf, dass Geräte auch ohne Internetverbindung funktionieren. Das ist schneller und \
schützt Ihre Daten.

## Sicherheit

Ändern Sie voreingestellte Passwörter und halten Sie die Firmware aktuell.
""",
        authors=("felix-hartung",),
        topics=("smart-home",),
        hours_ago=28 * DAY,
        lead=Picture(
            "waves",
            "Smart Home",
            "Smarte Geräte im Wohnzimmer.",
            "Foto: Technikblatt / Felix Hartung",
        ),
        related=("sonara-arc-ausprobiert",),
    ),
)
