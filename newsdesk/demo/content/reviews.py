"""Tests ("Test" with score and verdict) and hands-on pieces of the demo newsroom."""

from .schema import ArticleText, CommentText, Picture

DAY = 24

REVIEWS = (
    ArticleText(
        slug="lumio-aurora-x3-pro-im-test",
        kind="review",
        headline="Lumio Aurora X3 Pro im Test: Das Teleobjektiv macht den Unterschied",
        teaser=(
            "Großes Display, großer Akku, großer Preis: Das Aurora X3 Pro will es mit den besten "
            "Kamerahandys aufnehmen. Im Test überzeugt vor allem der Zoom, weniger das Laden."
        ),
        body="""\
Lumio hat beim Aurora X3 Pro kaum gespart. Das 6,7 Zoll große Display regelt seine Bildrate \
zwischen 1 und 120 Hertz, im Inneren arbeitet der neue Helix-3-Pro-Chip mit 12 GB Arbeitsspeicher. \
Auf dem Papier gehört es damit zur Spitzenklasse – und im Alltag auch.

## Kamera: Fünffach-Zoom ohne Matsch

Das Teleobjektiv mit fünffacher Vergrößerung ist der eigentliche Grund, zum Pro zu greifen. \
Porträts wirken natürlich, Details an weit entfernten Gebäuden bleiben scharf. Erst ab etwa \
zwanzigfachem Digitalzoom zerfallen Strukturen sichtbar. Nachts hellt die Software kräftig auf, \
manchmal zu kräftig: Straßenlaternen bekommen dann einen blassen Hof.

## Akku und Laden

Im Videotest bei mittlerer Helligkeit hielt das X3 Pro gut 19 Stunden durch – ein sehr guter \
Wert. Geladen ist es mit dem 65-Watt-Netzteil in knapp 50 Minuten. Das Netzteil liegt allerdings \
nicht bei, und mit gewöhnlichen USB-C-Ladegeräten dauert es deutlich länger.

## Software und Updates

Lumio verspricht sechs Jahre lang Sicherheits- und Funktionsupdates. Die Oberfläche ist \
aufgeräumt, vorinstallierte Zusatz-Apps lassen sich fast alle entfernen.

[[product:lumio-aurora-x3-pro]]
""",
        authors=("lena-vogt",),
        topics=("smartphones", "prozessoren"),
        hours_ago=9 * DAY,
        lead=Picture(
            "phone",
            "Aurora X3 Pro im Test",
            "Das Lumio Aurora X3 Pro im Testlabor.",
            "Foto: Technikblatt / Lena Vogt",
        ),
        products=("lumio-aurora-x3-pro",),
        score="8.7",
        verdict=(
            "Das Aurora X3 Pro ist eines der besten Kamerahandys des Jahres und hält lange "
            "durch. Wer auf das Teleobjektiv verzichten kann, spart mit dem Basismodell viel Geld."
        ),
        pros=(
            "hervorragendes Teleobjektiv",
            "sehr lange Akkulaufzeit",
            "sechs Jahre Updates",
            "helles, flüssiges Display",
        ),
        cons=("kein Netzteil im Karton", "Nachtmodus hellt zu stark auf", "hoher Preis"),
        comments=(
            CommentText(
                "Jörg",
                "joerg@example.org",
                "Danke für den ehrlichen Hinweis zum Netzteil. Das ärgert mich bei jedem "
                "Hersteller.",
                hours_after=5,
            ),
            CommentText(
                "Paula S.",
                "paula@example.org",
                "Wie warm wird das Gerät beim Filmen in 4K?",
                hours_after=20,
            ),
            CommentText(
                "Lena Vogt (Redaktion)",
                "lena.vogt@technikblatt.example",
                "Nach zehn Minuten spürbar warm, aber nicht unangenehm. Gedrosselt hat "
                "es in unserem Test nicht.",
                hours_after=26,
                reply_to=1,
            ),
        ),
    ),
    ArticleText(
        slug="kestrel-fold-2-im-test",
        kind="review",
        headline="Kestrel Fold 2 im Test: Endlich ein Falt-Handy für den Alltag?",
        teaser=(
            "Leichter, dünner, robuster: Kestrel hat beim Fold 2 an den richtigen Stellen "
            "gearbeitet. Nach drei Wochen im Test bleibt nur ein großer Haken."
        ),
        body="""\
Das erste Fold von Kestrel war ein spannendes Experiment, aber schwer und empfindlich. Der \
Nachfolger wiegt 239 Gramm und ist aufgeklappt nur 5,6 Millimeter dick. Zugeklappt passt es in \
jede Jackentasche.

[[gallery:kestrel-fold-2-bilder]]

## Das große Display

Innen bietet das Fold 2 ein 7,8 Zoll großes Display, auf dem zwei Apps bequem nebeneinander \
Platz finden. E-Mails und Kalender gleichzeitig im Blick zu haben, ist im Alltag praktischer als \
gedacht. Die Falz in der Mitte spürt man beim Wischen, sieht sie aber nur bei seitlichem Licht.

## Scharnier und Haltbarkeit

Das Scharnier hält das Display in jedem Winkel und wirkt solide. Kestrel verspricht 200.000 \
Faltvorgänge. Unser Video zeigt, wie es nach den ersten zehntausend aussieht:

[[video:kestrel-fold-2-scharnier]]

## Der Haken: der Preis

Mit 1.699 Euro ist das Fold 2 teurer als jedes herkömmliche Spitzenhandy. Dafür bekommt man \
zwei Geräte in einem – aber eben auch eine Kamera, die nicht ganz mit den besten mithält.
""",
        authors=("jonas-brandt", "lena-vogt"),
        topics=("smartphones", "tablets"),
        hours_ago=16 * DAY,
        lead=Picture(
            "foldable",
            "Kestrel Fold 2 im Test",
            "Das Kestrel Fold 2 aufgeklappt.",
            "Foto: Technikblatt / Jonas Brandt",
        ),
        products=("kestrel-fold-2",),
        score="8.1",
        verdict=(
            "Das Fold 2 ist das erste Falt-Smartphone, das wir ohne Bedenken im Alltag nutzen "
            "würden. Der Preis bleibt aber hoch, und die Kamera ist nur gut, nicht sehr gut."
        ),
        pros=("leicht und dünn", "großes Display für zwei Apps", "stabiles Scharnier"),
        cons=("sehr teuer", "Kamera steht weit hervor", "Falz spürbar"),
    ),
    ArticleText(
        slug="veloq-tempo-4-im-test",
        kind="review",
        headline="Veloq Tempo 4 im Test: Die bessere Sportuhr für Ehrgeizige",
        teaser=(
            "Titangehäuse, Zweifrequenz-GPS und neun Tage Akku: Die Tempo 4 richtet sich an "
            "Läuferinnen und Radfahrer, die genaue Daten wollen."
        ),
        body="""\
Veloq hat die Tempo 4 gründlich überarbeitet. Das Gehäuse besteht jetzt aus Titan, das Display \
ist heller, und auf der Unterseite sitzt ein neuer Pulssensor mit sechs Leuchtdioden.

[[gallery:veloq-tempo-4-bilder]]

## Genauigkeit beim Laufen

Wir sind mit der Tempo 4 und einem Brustgurt als Referenz zwei Wochen lang gelaufen. Bei \
gleichmäßigem Tempo lag der Puls der Uhr fast immer innerhalb von zwei Schlägen. Bei Intervallen \
reagiert sie etwas verzögert, fängt sich aber nach wenigen Sekunden. Das Zweifrequenz-GPS zeichnet \
Strecken auch zwischen hohen Häusern sauber auf.

## Trainingsfunktionen

Neu ist eine Belastungsanzeige, die Schlaf, Ruhepuls und Trainingsumfang verrechnet und daraus \
eine Empfehlung für den Tag ableitet. Die Vorschläge wirkten im Test vernünftig.

[[video:veloq-tempo-4-training]]

## Akku

Mit täglich einer Stunde GPS-Training und aktivierten Benachrichtigungen kamen wir auf sieben \
Tage. Ohne GPS erreicht man die versprochenen neun Tage.
""",
        authors=("mira-okafor",),
        topics=("wearables",),
        hours_ago=6 * DAY + 5,
        lead=Picture(
            "watch",
            "Veloq Tempo 4 im Test",
            "Die Veloq Tempo 4 am Handgelenk.",
            "Foto: Technikblatt / Mira Okafor",
        ),
        products=("veloq-tempo-4",),
        score="8.9",
        verdict="Eine präzise, ausdauernde Sportuhr mit sinnvollen neuen Trainingsfunktionen.",
        pros=("sehr genaues GPS", "zuverlässiger Pulssensor", "lange Akkulaufzeit"),
        cons=("Pulsmessung bei Intervallen träge", "Ladepuck proprietär"),
        comments=(
            CommentText(
                "Laufjens",
                "jens@example.org",
                "Endlich ein Test mit Brustgurt als Referenz. Mehr davon!",
                hours_after=3,
            ),
        ),
    ),
    ArticleText(
        slug="veloq-trail-im-test",
        kind="review",
        headline="Veloq Trail im Test: Drei Wochen ohne Ladekabel",
        teaser=(
            "Die Veloq Trail verzichtet auf ein buntes Display und gewinnt dafür Ausdauer. Im "
            "Test überzeugen die Offline-Karten, weniger die Smartwatch-Funktionen."
        ),
        body="""\
Wer mehrere Tage in den Bergen unterwegs ist, braucht vor allem eines: eine Uhr, die nicht \
schlappmacht. Die Trail setzt dafür auf ein transflektives Display, das bei Sonne besser ablesbar \
ist, je heller es wird.

## Karten und Navigation

Topografische Karten lassen sich vorab auf die Uhr laden. Unterwegs zeigt sie Höhenlinien, Wege \
und Hütten an, ganz ohne Handy. Die Routenführung warnt zuverlässig, wenn man falsch abbiegt.

## Akku

Im Test hielt die Trail mit zwei längeren Wanderungen pro Woche 22 Tage durch. Die Solarzelle \
im Glas bringt an sonnigen Tagen spürbar etwas, ersetzt das Laden aber nicht.

## Schwächen

Benachrichtigungen vom Smartphone zeigt die Uhr nur als Text an, antworten kann man nicht. Für \
den Alltag ist sie zudem recht klobig.
""",
        authors=("mira-okafor",),
        topics=("wearables",),
        hours_ago=21 * DAY,
        lead=Picture(
            "watch",
            "Veloq Trail",
            "Die Veloq Trail im Gelände.",
            "Foto: Technikblatt / Mira Okafor",
        ),
        products=("veloq-trail",),
        score="8.4",
        verdict="Für Wanderer und Bergsportler eine hervorragende Wahl, für den Alltag zu groß.",
        pros=("enorme Akkulaufzeit", "gute Offline-Karten", "Display in der Sonne ablesbar"),
        cons=("klobig", "eingeschränkte Smartwatch-Funktionen"),
    ),
    ArticleText(
        slug="norden-skyline-14-im-test",
        kind="review",
        headline="Norden Skyline 14 im Test: Leicht, leise, lange Laufzeit",
        teaser=(
            "Das Skyline 14 will das Notebook für alle sein, die viel unterwegs arbeiten. Im Test "
            "überrascht es mit einem fast lautlosen Lüfter und einem starken Akku."
        ),
        body="""\
1,29 Kilogramm, 14 Zoll, OLED: Norden zielt mit dem Skyline 14 auf Vielreisende. Das Gehäuse aus \
Aluminium wirkt stabil, der Deckel lässt sich mit einer Hand öffnen.

[[gallery:norden-skyline-14-bilder]]

## Leistung und Lautstärke

Im Büroalltag mit Browser, Textverarbeitung und Videokonferenzen bleibt der Lüfter meist aus. \
Unter Dauerlast wird er hörbar, aber nie schrill. Beim Export eines längeren Videos war das \
Skyline 14 nur wenig langsamer als deutlich dickere Geräte.

## Display und Tastatur

Das OLED-Display zeigt satte Farben und echtes Schwarz. Die Tastatur hat einen angenehmen \
Anschlag; nur die Pfeiltasten sind sehr klein geraten.

## Akku

Im WLAN-Test mit mittlerer Helligkeit hielt das Notebook 13 Stunden durch. Über USB-C lädt es \
auch an gewöhnlichen Netzteilen.
""",
        authors=("tobias-kern",),
        topics=("notebooks", "prozessoren"),
        hours_ago=11 * DAY,
        lead=Picture(
            "laptop",
            "Norden Skyline 14 im Test",
            "Das Norden Skyline 14.",
            "Foto: Technikblatt / Tobias Kern",
        ),
        products=("norden-skyline-14",),
        score="8.5",
        verdict="Ein rundum gelungenes Reise-Notebook; wer viel tippt, wird die Pfeiltasten "
        "vermissen.",
        pros=("leicht und stabil", "meist lautlos", "sehr gutes OLED-Display", "lange Laufzeit"),
        cons=("winzige Pfeiltasten", "Display spiegelt"),
    ),
    ArticleText(
        slug="sonara-pulse-pro-im-test",
        kind="review",
        headline="Sonara Pulse Pro im Test: Gute Ruhe, mittelmäßiges Mikrofon",
        teaser=(
            "Die Pulse Pro blenden Lärm in Bus und Bahn beeindruckend aus. Beim Telefonieren "
            "müssen sie sich aber der Konkurrenz geschlagen geben."
        ),
        body="""\
Sonara ist bisher eher für Lautsprecher bekannt. Mit den Pulse Pro steigt der Hersteller in die \
Oberklasse der In-Ear-Kopfhörer ein – und macht vieles richtig.

## Klang und Geräuschunterdrückung

Der Klang ist warm und ausgewogen, Bässe sind kräftig, ohne zu dröhnen. Die adaptive \
Geräuschunterdrückung passt sich schnell an: In der S-Bahn verschwindet das Rattern fast \
vollständig, Stimmen bleiben leise hörbar.

## Telefonieren

Hier schwächeln die Pulse Pro. Im Freien klangen wir für unsere Gesprächspartner dumpf, bei Wind \
zeitweise kaum verständlich.

## Ausstattung

LE Audio und der LC3-Codec sind an Bord, ebenso kabelloses Laden. Das Case ist klein genug für \
die Hosentasche.
""",
        authors=("felix-hartung",),
        topics=("audio",),
        hours_ago=14 * DAY,
        lead=Picture(
            "earbuds",
            "Sonara Pulse Pro",
            "Die Sonara Pulse Pro mit Ladecase.",
            "Foto: Technikblatt / Felix Hartung",
        ),
        products=("sonara-pulse-pro",),
        score="7.9",
        verdict="Sehr gute Geräuschunterdrückung und angenehmer Klang; wer viel telefoniert, "
        "greift besser zu einem anderen Modell.",
        pros=("starke Geräuschunterdrückung", "ausgewogener Klang", "kleines Case"),
        cons=("mäßige Sprachqualität", "Touch-Steuerung empfindlich"),
    ),
    ArticleText(
        slug="lumio-pad-11-im-test",
        kind="review",
        headline="Lumio Pad 11 im Test: Viel Tablet für wenig Geld",
        teaser=(
            "Für unter 400 Euro bietet das Pad 11 ein schnelles Display und einen erweiterbaren "
            "Speicher. Gespart hat Lumio an anderer Stelle."
        ),
        body="""\
Ein Tablet zum Lesen, Streamen und für gelegentliche Notizen: Genau dafür ist das Pad 11 gedacht. \
Das 11-Zoll-Display arbeitet mit 144 Hertz und wirkt dadurch sehr flüssig.

## Alltag

Apps starten zügig, Videos laufen ruckelfrei. Bei aufwendigen Spielen muss man die Grafik etwas \
herunterregeln. Der Speicher lässt sich per Karte erweitern – in dieser Klasse keine \
Selbstverständlichkeit mehr.

## Was fehlt

Das Display ist ein LCD und erreicht nicht den Kontrast eines OLED-Panels. Die Lautsprecher \
klingen dünn, und den Stift muss man extra kaufen.
""",
        authors=("lena-vogt",),
        topics=("tablets",),
        hours_ago=25 * DAY,
        lead=Picture(
            "tablet",
            "Lumio Pad 11",
            "Das Lumio Pad 11 im Querformat.",
            "Foto: Technikblatt / Lena Vogt",
        ),
        products=("lumio-pad-11",),
        score="7.6",
        verdict="Ein solides Tablet für den Medienkonsum zu einem fairen Preis.",
        pros=("flüssiges 144-Hz-Display", "Speicher erweiterbar", "günstig"),
        cons=("schwache Lautsprecher", "Stift kostet extra"),
    ),
)

SCHEDULED = ArticleText(
    slug="lumio-aurora-x3-im-test",
    kind="review",
    headline="Lumio Aurora X3 im Test: Das kompakte Handy, auf das viele gewartet haben?",
    teaser=(
        "Nach zwei Wochen mit dem Aurora X3 wissen wir, ob der günstige Preis Kompromisse "
        "bedeutet. Der ausführliche Test."
    ),
    body="""\
Das Aurora X3 ist kleiner, leichter und deutlich günstiger als das Pro-Modell. Wir haben es zwei \
Wochen lang als einziges Handy genutzt.

## Kamera bei Nacht

Die Hauptkamera schlägt sich auch bei wenig Licht ordentlich, rauscht aber stärker als beim Pro.

## Akku

Ein voller Tag ist immer drin, mit sparsamer Nutzung auch anderthalb.

[[product:lumio-aurora-x3]]
""",
    authors=("lena-vogt",),
    topics=("smartphones",),
    hours_ago=-2 * DAY,
    lead=Picture(
        "phone",
        "Aurora X3 im Test",
        "Das Lumio Aurora X3 im Test.",
        "Foto: Technikblatt / Lena Vogt",
    ),
    products=("lumio-aurora-x3",),
    score="8.3",
    verdict="Ein sehr gutes kompaktes Smartphone zu einem fairen Preis.",
    pros=("handlich", "lange Updates", "guter Preis"),
    cons=("kein Teleobjektiv",),
)

HANDS_ON = (
    ArticleText(
        slug="kestrel-fold-2-ausprobiert",
        kind="hands_on",
        headline="Kestrel Fold 2 ausprobiert: Wie viel leichter ist es wirklich?",
        teaser="Erster Eindruck vom Launch-Event: Das Fold 2 wirkt kaum noch wie ein Prototyp.",
        body="""\
Auf der Vorstellung in München konnten wir das Fold 2 eine halbe Stunde lang ausprobieren. Der \
erste Eindruck: Es fühlt sich an wie ein normales, etwas dickeres Smartphone.

## Handhabung

Das Aufklappen gelingt mit einer Hand, das Scharnier rastet bei 90 Grad spürbar ein. Das \
Außendisplay ist breit genug, um darauf bequem zu tippen.

## Offene Fragen

Zur Akkulaufzeit und zur Kamera können wir nach so kurzer Zeit nichts sagen. Beides prüfen wir \
im ausführlichen Test.
""",
        authors=("jonas-brandt",),
        topics=("smartphones",),
        hours_ago=26 * DAY,
        lead=Picture(
            "foldable",
            "Fold 2 Hands-On",
            "Das Kestrel Fold 2 bei der Vorstellung.",
            "Foto: Technikblatt / Jonas Brandt",
        ),
        products=("kestrel-fold-2",),
        related=("kestrel-fold-2-im-test",),
    ),
    ArticleText(
        slug="lumio-pad-11-ausprobiert",
        kind="hands_on",
        headline="Lumio Pad 11 ausprobiert: Reicht ein LCD noch?",
        teaser="Wir hatten das neue Mittelklasse-Tablet von Lumio kurz vor dem Marktstart in der "
        "Hand.",
        body="""\
Lumio hat sein neues Tablet in Berlin vorgestellt. Beim ersten Ausprobieren fällt das flüssige \
Display auf: 144 Hertz sind in dieser Preisklasse ungewöhnlich.

## Verarbeitung

Das Gehäuse aus Aluminium wirkt wertig, die Ränder um das Display sind gleichmäßig schmal. Mit \
480 Gramm lässt sich das Pad 11 gut im Liegen halten.

## Erster Eindruck

Für Serien und E-Books scheint das Pad 11 bestens geeignet. Ob der Prozessor auch für Spiele \
reicht, klärt der Test.
""",
        authors=("lena-vogt",),
        topics=("tablets",),
        hours_ago=29 * DAY,
        lead=Picture(
            "tablet",
            "Pad 11 Hands-On",
            "Das Lumio Pad 11 auf dem Messestand.",
            "Foto: Technikblatt / Lena Vogt",
        ),
        products=("lumio-pad-11",),
    ),
    ArticleText(
        slug="kestrel-loop-ausprobiert",
        kind="hands_on",
        headline="Kestrel Loop ausprobiert: Was kann ein smarter Ring besser als eine Uhr?",
        teaser="Der Loop misst Schlaf und Puls und trägt sich wie ein Schmuckstück. Ein erster "
        "Eindruck.",
        body="""\
Smarte Ringe sind klein, leicht und fallen kaum auf. Kestrel will mit dem Loop in diesen Markt \
einsteigen. Wir haben ihn eine Woche lang getragen.

## Tragekomfort

Nach einem Tag vergisst man den Ring. Beim Hanteltraining stört er allerdings, weil er gegen die \
Stange drückt.

## Messwerte

Schlafphasen und Ruhepuls zeichnet der Loop plausibel auf. Eine Anzeige gibt es nicht, alles \
landet in der App – für manche ist gerade das der Vorteil.
""",
        authors=("mira-okafor",),
        topics=("wearables", "apps"),
        hours_ago=4 * DAY,
        lead=Picture("watch", "Kestrel Loop", "Der Kestrel Loop in Silber.", "Bild: Kestrel"),
    ),
    ArticleText(
        slug="norden-skyline-16-ausprobiert",
        kind="hands_on",
        headline="Norden Skyline 16 ausprobiert: Mehr Display, mehr Gewicht",
        teaser="Der große Bruder des Skyline 14 bringt einen Ziffernblock und eine eigene "
        "Grafikkarte mit.",
        body="""\
Norden erweitert die Skyline-Reihe um ein 16-Zoll-Modell. Es wiegt knapp zwei Kilogramm und hat \
eine dedizierte Grafikkarte an Bord.

## Erster Eindruck

Die Tastatur mit Ziffernblock tippt sich ebenso gut wie beim kleinen Modell. Der Lüfter war in \
der kurzen Testphase kaum zu hören.

## Für wen?

Wer Fotos bearbeitet oder gelegentlich spielt, bekommt mehr Leistung als beim Skyline 14. Für \
die Reise ist das große Modell aber zu schwer.
""",
        authors=("tobias-kern",),
        topics=("notebooks",),
        hours_ago=2 * DAY,
        lead=Picture(
            "laptop",
            "Skyline 16",
            "Das Norden Skyline 16 mit Ziffernblock.",
            "Foto: Technikblatt / Tobias Kern",
        ),
        related=("norden-skyline-14-im-test",),
    ),
    ArticleText(
        slug="sonara-arc-ausprobiert",
        kind="hands_on",
        headline="Sonara Arc ausprobiert: Soundbar mit eingebautem Smart-Home-Hub",
        teaser="Die Arc steuert Lampen und Thermostate per Matter und klingt dabei erstaunlich "
        "räumlich.",
        body="""\
Sonara packt in seine neue Soundbar einen Smart-Home-Hub. Geräte mit dem Matter-Standard lassen \
sich damit direkt einbinden.

## Klang

Für ihre Größe klingt die Arc breit und klar, Dialoge sind gut verständlich. Für tiefe Bässe \
empfiehlt Sonara einen zusätzlichen Subwoofer.

## Smart Home

Die Einrichtung zweier Lampen dauerte im Test wenige Minuten. Eine Sprachsteuerung gibt es, sie \
lässt sich aber per Schalter am Gerät vollständig abschalten.
""",
        authors=("felix-hartung",),
        topics=("audio", "smart-home"),
        hours_ago=5 * DAY,
        lead=Picture("waves", "Sonara Arc", "Die Sonara Arc unter dem Fernseher.", "Bild: Sonara"),
    ),
    ArticleText(
        slug="veloq-tempo-4-ausprobiert",
        kind="hands_on",
        headline="Veloq Tempo 4 ausprobiert: Titan statt Kunststoff",
        teaser="Die neue Sportuhr von Veloq wirkt hochwertiger als ihre Vorgängerin. Erste "
        "Eindrücke vom Lauf.",
        body="""\
Veloq hat uns die Tempo 4 vor dem offiziellen Start für einen Lauf überlassen. Auffällig ist \
zuerst das Gehäuse: Titan statt Kunststoff, dabei kaum schwerer.

## Auf der Strecke

Die GPS-Verbindung stand nach wenigen Sekunden. Die Anzeige während des Laufs ist klar \
gegliedert, die Tasten lassen sich auch mit nassen Fingern gut drücken.

[[video:veloq-tempo-4-training]]
""",
        authors=("mira-okafor",),
        topics=("wearables",),
        hours_ago=17 * DAY,
        lead=Picture(
            "watch",
            "Tempo 4 Hands-On",
            "Die Veloq Tempo 4 nach dem ersten Lauf.",
            "Foto: Technikblatt / Mira Okafor",
        ),
        products=("veloq-tempo-4",),
        related=("veloq-tempo-4-im-test",),
    ),
)
