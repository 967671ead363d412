"""News items of the demo newsroom. Makers, products and studies are invented."""

from .schema import ArticleText, CommentText, Picture

DAY = 24
LUMIO_PRESS = ("Pressemitteilung Lumio", "https://lumio.example/presse")

NEWS = (
    ArticleText(
        slug="lumio-bestaetigt-termin-fuer-aurora-x3",
        kind="news",
        headline="Lumio bestätigt Termin für Aurora-X3-Vorstellung",
        teaser="Am kommenden Dienstag zeigt Lumio seine neuen Smartphones. Ein Livestream ist "
        "angekündigt.",
        body="""\
Lumio hat Einladungen für die Vorstellung seiner neuen Aurora-Reihe verschickt. Das Event findet \
am kommenden Dienstag um 15 Uhr in Berlin statt und wird im Netz übertragen.

## Was erwartet wird

Erwartet werden das Aurora X3 und das Aurora X3 Pro. Beide sollen den neuen Helix-3-Chip nutzen, \
den Lumio selbst entwickelt hat. Dazu könnte ein neues Tablet kommen.

## Preise

Zu den Preisen schweigt Lumio noch. Berichten zufolge soll das Basismodell günstiger werden als \
sein Vorgänger.
""",
        authors=("lena-vogt",),
        topics=("smartphones",),
        hours_ago=30,
        lead=Picture("phone", "Lumio lädt ein", "Die Einladung zur Vorstellung.", "Bild: Lumio"),
        sources=(LUMIO_PRESS,),
        related=("wird-das-lumio-aurora-x3-zum-preisbrecher",),
    ),
    ArticleText(
        slug="bluetooth-luecke-in-kopfhoerern",
        kind="news",
        headline="Bluetooth-Lücke: Millionen Kopfhörer lassen sich abhören",
        teaser="Sicherheitsforscher haben eine Schwachstelle in weit verbreiteten Bluetooth-Chips "
        "gefunden. Angreifer in der Nähe können Gespräche mithören.",
        body="""\
Forscher einer Universität haben eine Lücke in Bluetooth-Chips entdeckt, die in Kopfhörern \
zahlreicher Hersteller stecken. Ein Angreifer in Funkreichweite kann sich unbemerkt mit den \
Geräten verbinden und das Mikrofon aktivieren.

## Wer betroffen ist

Betroffen sind Geräte mit Chips eines großen Zulieferers. Welche Modelle genau, lässt sich für \
Käufer kaum herausfinden, weil Hersteller die verbauten Chips selten nennen.

## Was Nutzer tun können

Wer seine Kopfhörer nicht nutzt, sollte sie ins Case legen, dann ist Bluetooth aus. Die \
Hersteller-Apps sollten regelmäßig nach neuer Firmware suchen.

**Update:** Sonara hat inzwischen ein Firmware-Update für die Pulse Pro verteilt, das die Lücke \
schließt. Andere Hersteller haben Updates angekündigt.
""",
        authors=("aylin-demir", "felix-hartung"),
        topics=("sicherheit", "audio"),
        hours_ago=20,
        updated_hours_ago=6,
        lead=Picture(
            "shield",
            "Bluetooth-Lücke",
            "Die Lücke steckt in weit verbreiteten Chips.",
            "Grafik: Technikblatt",
        ),
        products=("sonara-pulse-pro",),
        sources=(("Reuters", ""), ("Forschungsbericht der Universität", "")),
        comments=(
            CommentText(
                "Mara",
                "mara@example.org",
                "Gut zu wissen. Ich lasse meine Kopfhörer oft stundenlang verbunden.",
                hours_after=2,
            ),
            CommentText(
                "Holger K.",
                "holger@example.org",
                "Das Update für die Pulse Pro kam bei mir heute früh an.",
                hours_after=13,
            ),
        ),
    ),
    ArticleText(
        slug="funkloecher-an-bahnstrecken",
        kind="news",
        headline="Netzbetreiber wollen Funklöcher an Bahnstrecken schließen",
        teaser="Bis Ende 2027 sollen Reisende auf den wichtigsten Strecken durchgehend surfen "
        "können. Die Bahn muss dafür ihre Züge umrüsten.",
        body="""\
Die drei großen Netzbetreiber haben sich mit der Bahn auf einen gemeinsamen Plan geeinigt. \
Entlang der meistbefahrenen Strecken sollen neue Masten entstehen, bestehende Standorte werden \
aufgerüstet.

## Das Problem mit den Scheiben

Selbst bei gutem Netz kommt im Zug oft wenig an, weil die Fenster Funksignale dämpfen. Die Bahn \
will deshalb weitere Züge mit durchlässigen Scheiben oder Verstärkern ausstatten.

## Kritik

Verbraucherschützer begrüßen den Plan, halten den Zeitrahmen aber für zu lang.
""",
        authors=("sven-albers",),
        topics=("mobilfunk",),
        hours_ago=2 * DAY + 3,
        lead=Picture(
            "waves",
            "Netz im Zug",
            "Ein Mobilfunkmast an einer Bahnstrecke.",
            "Foto: Technikblatt / Sven Albers",
        ),
        sources=(("dpa", ""),),
    ),
    ArticleText(
        slug="ersatzteile-sieben-jahre",
        kind="news",
        headline="Ersatzteile für Smartphones: Was die neuen EU-Regeln bringen",
        teaser="Hersteller müssen Akkus, Displays und andere Teile jahrelang liefern. Was das für "
        "Käufer bedeutet.",
        body="""\
In der EU verkaufte Smartphones und Tablets müssen inzwischen strengere Vorgaben erfüllen. \
Hersteller müssen wichtige Ersatzteile noch sieben Jahre nach dem Verkaufsende des Modells \
anbieten.

## Akku und Display

Betroffen sind unter anderem Akku, Display, Kameras und Ladebuchse. Dazu kommen Vorgaben zur \
Haltbarkeit: Akkus müssen auch nach vielen Ladezyklen einen Großteil ihrer Kapazität behalten.

## Was es für Käufer heißt

Reparaturen dürften einfacher werden, billiger nicht zwangsläufig. Die Preise für Ersatzteile \
legen die Hersteller weiterhin selbst fest.
""",
        authors=("aylin-demir",),
        topics=("netzpolitik", "smartphones"),
        hours_ago=3 * DAY,
        lead=Picture(
            "phone",
            "Recht auf Reparatur",
            "Ersatzteile sollen länger verfügbar sein.",
            "Grafik: Technikblatt",
        ),
        sources=(("EU-Kommission", ""),),
    ),
    ArticleText(
        slug="gesichtserkennung-tuerklingeln",
        kind="news",
        headline="Datenschützer kritisieren Gesichtserkennung in Türklingeln",
        teaser="Smarte Klingeln erkennen Besucher am Gesicht. Wer vor der Tür steht, hat dem aber "
        "nie zugestimmt.",
        body="""\
Mehrere Landesdatenschutzbehörden warnen vor smarten Türklingeln mit Gesichtserkennung. Die \
Geräte speichern biometrische Merkmale von Passanten, Nachbarn und Zustellern.

## Rechtliche Lage

Biometrische Daten gelten als besonders schützenswert. Für ihre Verarbeitung braucht es in der \
Regel eine ausdrückliche Einwilligung, die Besucher kaum geben können.

## Was Besitzer tun sollten

Die Behörden raten, die Funktion abzuschalten und den Erfassungsbereich der Kamera auf das \
eigene Grundstück zu begrenzen.
""",
        authors=("aylin-demir",),
        topics=("netzpolitik", "smart-home", "sicherheit"),
        hours_ago=7 * DAY,
        comments_open=False,
        lead=Picture(
            "shield",
            "Türklingeln",
            "Eine smarte Türklingel mit Kamera.",
            "Foto: Technikblatt / Aylin Demir",
        ),
        sources=(("Gemeinsame Erklärung der Datenschutzbehörden", ""),),
    ),
    ArticleText(
        slug="kestrel-fold-2-preis-sinkt",
        kind="news",
        headline="Kestrel Fold 2: Preis fällt nach drei Monaten deutlich",
        teaser="Mehrere Händler verkaufen das Falt-Handy schon 300 Euro unter der Preisempfehlung.",
        body="""\
Wer auf das Kestrel Fold 2 gewartet hat, kann jetzt sparen. Bei großen Händlern ist das Gerät \
für rund 1.400 Euro zu haben, die Preisempfehlung liegt bei 1.699 Euro.

## Ein bekanntes Muster

Falt-Smartphones verlieren erfahrungsgemäß schnell an Wert. Händler räumen ihre Lager, bevor \
im Herbst neue Modelle erscheinen.

[[product:kestrel-fold-2]]
""",
        authors=("jonas-brandt",),
        topics=("smartphones",),
        hours_ago=1 * DAY + 2,
        lead=Picture(
            "foldable",
            "Fold 2 günstiger",
            "Das Kestrel Fold 2 zugeklappt.",
            "Foto: Technikblatt / Jonas Brandt",
        ),
        products=("kestrel-fold-2",),
        related=("kestrel-fold-2-im-test",),
    ),
    ArticleText(
        slug="veloq-ekg-update",
        kind="news",
        headline="Veloq bringt EKG-Funktion auf ältere Uhren",
        teaser="Mit einem Update messen auch Tempo 3 und Trail ein Ein-Kanal-EKG. In Deutschland "
        "ist die Funktion freigegeben.",
        body="""\
Veloq verteilt ein Update, das die EKG-Messung der Tempo 4 auf ältere Modelle bringt. Die \
Sensoren dafür waren bereits verbaut, die Software fehlte.

## Wie die Messung funktioniert

Der Finger wird für 30 Sekunden auf die Krone gelegt. Die Uhr zeichnet den Herzrhythmus auf und \
kann Hinweise auf Vorhofflimmern geben. Eine ärztliche Diagnose ersetzt das nicht.

## Verfügbarkeit

Das Update wird in Wellen verteilt und soll binnen zwei Wochen alle Nutzer erreichen.
""",
        authors=("mira-okafor",),
        topics=("wearables", "apps"),
        hours_ago=8 * DAY,
        lead=Picture("watch", "EKG-Update", "Die EKG-Messung auf der Veloq-Uhr.", "Bild: Veloq"),
        products=("veloq-trail",),
        sources=(("Veloq", "https://veloq.example/news"),),
    ),
    ArticleText(
        slug="norden-ruft-netzteile-zurueck",
        kind="news",
        headline="Norden ruft Netzteile wegen Überhitzung zurück",
        teaser="Betroffen sind 65-Watt-Netzteile, die zwischen März und Mai ausgeliefert wurden. "
        "Kunden erhalten kostenlos Ersatz.",
        body="""\
Norden hat einen Rückruf für Netzteile gestartet, die mit Notebooks der Skyline-Reihe verkauft \
wurden. In seltenen Fällen könne das Gehäuse überhitzen.

## So erkennen Sie betroffene Geräte

Betroffen sind Netzteile mit einer Seriennummer, die mit „NP65-24“ beginnt. Die Nummer steht \
auf der Unterseite. Norden bittet, diese Netzteile nicht mehr zu verwenden.

## Ersatz

Ein neues Netzteil verschickt der Hersteller kostenlos. Das alte kann im Karton des Ersatzes \
zurückgeschickt werden.
""",
        authors=("tobias-kern",),
        topics=("notebooks", "sicherheit"),
        hours_ago=10 * DAY,
        lead=Picture("laptop", "Rückruf", "Das betroffene Netzteil.", "Bild: Norden"),
        products=("norden-skyline-14",),
        sources=(("Norden", "https://norden.example/rueckruf"),),
    ),
    ArticleText(
        slug="lumio-helix-3-chip",
        kind="news",
        headline="Helix 3: Lumio baut seine Smartphone-Chips jetzt selbst",
        teaser="Mit dem Helix 3 macht sich Lumio unabhängiger von Zulieferern. Der Chip soll vor "
        "allem sparsamer sein.",
        body="""\
Lumio hat erstmals Details zu seinem eigenen Prozessor verraten. Der Helix 3 hat acht Kerne und \
eine Recheneinheit für KI-Aufgaben, die Sprache und Bilder direkt auf dem Gerät verarbeitet.

## Warum eigene Chips?

Eigene Prozessoren erlauben es, Hardware und Software enger aufeinander abzustimmen. Zudem \
sichert sich Lumio so längere Update-Zeiträume, weil es nicht auf die Treiber von Zulieferern \
angewiesen ist.

## Erste Geräte

Der Helix 3 steckt im Aurora X3, eine stärkere Pro-Version im Aurora X3 Pro.
""",
        authors=("jonas-brandt",),
        topics=("prozessoren", "smartphones", "kuenstliche-intelligenz"),
        hours_ago=12 * DAY,
        lead=Picture("chip", "Helix 3", "Der Helix-3-Chip von Lumio.", "Bild: Lumio"),
        sources=(LUMIO_PRESS,),
    ),
    ArticleText(
        slug="sonara-le-audio-update",
        kind="news",
        headline="Sonara: Ältere Kopfhörer bekommen LE Audio",
        teaser="Ein Update bringt den stromsparenden Bluetooth-Standard auf zwei ältere Modelle. "
        "Auch Auracast wird unterstützt.",
        body="""\
Sonara rüstet seine Kopfhörer per Software nach. Mit LE Audio sinkt der Stromverbrauch, \
außerdem können die Kopfhörer Auracast-Übertragungen empfangen, etwa in Museen oder an \
Flughäfen.

## Voraussetzungen

Das Smartphone muss LE Audio ebenfalls unterstützen. Bei älteren Handys bleibt alles beim \
Alten.
""",
        authors=("felix-hartung",),
        topics=("audio", "apps"),
        hours_ago=13 * DAY,
        lead=Picture("earbuds", "LE Audio", "Kopfhörer von Sonara.", "Bild: Sonara"),
        sources=(("Sonara", "https://sonara.example/support"),),
    ),
    ArticleText(
        slug="ki-zusammenfassungen-mittelklasse",
        kind="news",
        headline="KI-Funktionen kommen in die Mittelklasse",
        teaser="Zusammenfassungen, Übersetzungen und Bildbearbeitung laufen bald auch auf "
        "günstigeren Handys direkt auf dem Gerät.",
        body="""\
Was vor einem Jahr Spitzenmodellen vorbehalten war, erreicht jetzt Geräte um 400 Euro. Mehrere \
Hersteller haben angekündigt, KI-Funktionen auch auf ihre Mittelklasse zu bringen.

## Lokal statt in der Cloud

Die meisten Funktionen laufen direkt auf dem Gerät. Das schont die Privatsphäre, braucht aber \
Arbeitsspeicher: Unter acht Gigabyte wird es eng.

## Was wirklich nützt

Im Alltag haben sich vor allem Zusammenfassungen langer Nachrichten und die Übersetzung von \
Telefonaten bewährt. Bildbearbeitung per KI bleibt eher Spielerei.
""",
        authors=("lena-vogt", "jonas-brandt"),
        topics=("kuenstliche-intelligenz", "smartphones", "apps"),
        hours_ago=1 * DAY + 9,
        lead=Picture(
            "chip",
            "KI auf dem Handy",
            "KI-Funktionen laufen zunehmend lokal.",
            "Grafik: Technikblatt",
        ),
        comments=(
            CommentText(
                "Stefan",
                "stefan@example.org",
                "Solange ich das alles abschalten kann, ist mir das recht.",
                hours_after=4,
            ),
            CommentText(
                "Ina",
                "ina@example.org",
                "Die Übersetzung beim Telefonieren hat mir im Urlaub tatsächlich geholfen.",
                hours_after=9,
            ),
        ),
    ),
    ArticleText(
        slug="smartphones-laenger-genutzt",
        kind="news",
        headline="Umfrage: Smartphones werden immer länger genutzt",
        teaser="Im Schnitt behalten Deutsche ihr Handy inzwischen fast vier Jahre. Der wichtigste "
        "Grund ist der Preis.",
        body="""\
Eine repräsentative Umfrage des Instituts für Digitalkonsum zeigt: Die Nutzungsdauer von \
Smartphones steigt weiter. Vor fünf Jahren lag sie noch bei knapp drei Jahren.

## Gründe

Die meisten Befragten nennen hohe Preise für neue Geräte. Viele sagen aber auch, ihr altes \
Handy reiche schlicht aus. Längere Update-Zeiträume machen das leichter.

## Folgen für die Hersteller

Für Hersteller heißt das: weniger Neugeräte, dafür mehr Geschäft mit Zubehör, Reparaturen und \
Abonnements.
""",
        authors=("sven-albers",),
        topics=("smartphones",),
        hours_ago=15 * DAY,
        sources=(("Institut für Digitalkonsum", ""),),
    ),
    ArticleText(
        slug="speicherpreise-notebooks-teurer",
        kind="news",
        headline="Teurer Speicher: Werden Notebooks bald teurer?",
        teaser="Die Preise für Arbeitsspeicher und SSDs ziehen an. Händler rechnen mit höheren "
        "Notebookpreisen zum Jahresende.",
        body="""\
Speicherchips sind knapp, weil Rechenzentren für KI-Anwendungen große Mengen abnehmen. Die \
Hersteller haben ihre Preise deshalb mehrfach erhöht.

## Was das für Käufer bedeutet

Wer ohnehin ein neues Notebook braucht, sollte nicht zu lange warten. Modelle mit viel \
Arbeitsspeicher dürften am stärksten betroffen sein.
""",
        authors=("tobias-kern", "jonas-brandt"),
        topics=("notebooks", "prozessoren"),
        hours_ago=18 * DAY,
        lead=Picture(
            "chart",
            "Speicherpreise",
            "Die Preise für Speicherchips steigen.",
            "Grafik: Technikblatt",
        ),
        sources=(("Reuters", ""),),
    ),
    ArticleText(
        slug="router-luecke-update",
        kind="news",
        headline="Kritische Lücke in Routern: Update dringend empfohlen",
        teaser="Angreifer können Router des Herstellers Corvan aus der Ferne übernehmen. Ein "
        "Update steht bereit.",
        body="""\
Der Netzwerkhersteller Corvan warnt vor einer Sicherheitslücke in seinen Routern. Über die \
Fernwartung können Angreifer ohne Passwort Befehle ausführen.

## Was zu tun ist

Besitzer sollten in der Oberfläche des Routers prüfen, ob das Update installiert ist, und die \
Fernwartung abschalten, wenn sie sie nicht brauchen.
""",
        authors=("aylin-demir",),
        topics=("sicherheit", "smart-home"),
        hours_ago=19 * DAY,
        lead=Picture("waves", "Router-Lücke", "Ein Router von Corvan.", "Bild: Corvan"),
        sources=(("Corvan Sicherheitshinweis", "https://corvan.example/security"),),
    ),
    ArticleText(
        slug="datenvolumen-wird-guenstiger",
        kind="news",
        headline="Mobilfunk: Ein Gigabyte kostet so wenig wie nie",
        teaser="Der Preis pro Gigabyte ist im letzten Jahr erneut gesunken. Vor allem "
        "Discounter drücken die Preise.",
        body="""\
Laut dem Vergleichsportal Tarifweiser zahlen Kunden für ein Gigabyte mobiles Datenvolumen im \
Schnitt deutlich weniger als vor einem Jahr. Tarife mit 50 Gigabyte gibt es inzwischen für \
unter zehn Euro im Monat.

## Wo es hakt

Günstige Tarife drosseln oft die Geschwindigkeit oder verzichten auf 5G. Wer viel unterwegs \
ist, sollte außerdem auf die Netzabdeckung achten.
""",
        authors=("sven-albers",),
        topics=("mobilfunk",),
        hours_ago=22 * DAY,
        sources=(("Tarifweiser", "https://tarifweiser.example/studie"),),
    ),
    ArticleText(
        slug="lumio-pad-11-stift-bundle",
        kind="news",
        headline="Lumio Pad 11: Zum Schulstart mit Stift im Paket",
        teaser="Für kurze Zeit liegt dem Tablet der Eingabestift bei. Der Preis bleibt gleich.",
        body="""\
Lumio legt dem Pad 11 bis Ende des Monats den passenden Stift bei. Einzeln kostet er 79 Euro.

## Für wen sich das lohnt

Schülerinnen und Studenten, die handschriftliche Notizen machen, bekommen damit ein günstiges \
Gesamtpaket. Für Zeichnerinnen ist der Stift allerdings zu ungenau.

[[product:lumio-pad-11]]
""",
        authors=("lena-vogt",),
        topics=("tablets",),
        hours_ago=23 * DAY,
        lead=Picture("tablet", "Pad 11 mit Stift", "Das Lumio Pad 11 mit Stift.", "Bild: Lumio"),
        products=("lumio-pad-11",),
        sources=(LUMIO_PRESS,),
        related=("lumio-pad-11-im-test",),
    ),
    ArticleText(
        slug="veloq-trail-routenplanung",
        kind="news",
        headline="Veloq Trail: Routen jetzt direkt auf der Uhr planen",
        teaser="Ein Firmware-Update bringt die Routenplanung ohne Smartphone. Auch die "
        "Akkulaufzeit soll steigen.",
        body="""\
Bislang mussten Nutzer der Veloq Trail Routen am Handy planen und auf die Uhr übertragen. Mit \
dem neuen Update geht das direkt am Handgelenk: Ziel auf der Karte wählen, die Uhr berechnet \
den Weg über vorhandene Pfade.

## Weitere Neuerungen

Außerdem optimiert Veloq die Energieverwaltung. Im Expeditionsmodus soll die Uhr bis zu zwei \
Tage länger durchhalten.
""",
        authors=("mira-okafor",),
        topics=("wearables", "apps"),
        hours_ago=24 * DAY,
        lead=Picture(
            "watch", "Trail-Update", "Die Routenplanung auf der Veloq Trail.", "Bild: Veloq"
        ),
        products=("veloq-trail",),
        related=("veloq-trail-im-test",),
    ),
    ArticleText(
        slug="norden-handheld",
        kind="news",
        headline="Norden steigt bei Gaming-Handhelds ein",
        teaser="Der Notebook-Hersteller kündigt einen tragbaren Spiele-PC an. Er soll unter 700 "
        "Euro kosten.",
        body="""\
Norden will mit einem Handheld-PC in den Markt für tragbare Konsolen einsteigen. Das Gerät soll \
einen 8-Zoll-Bildschirm und einen Prozessor aus der Skyline-Reihe bekommen.

## Windows oder Linux?

Offen ist noch, welches Betriebssystem vorinstalliert wird. Norden testet nach eigenen Angaben \
beide Varianten.
""",
        authors=("jonas-brandt", "tobias-kern"),
        topics=("prozessoren", "notebooks"),
        hours_ago=27 * DAY,
        lead=Picture("tablet", "Norden Handheld", "Ein Prototyp des Handhelds.", "Bild: Norden"),
        sources=(("Norden", "https://norden.example/presse"),),
    ),
    ArticleText(
        slug="passkeys-ersetzen-passwoerter",
        kind="news",
        headline="Passkeys: Immer mehr Dienste verzichten auf das Passwort",
        teaser="Banken, Shops und Mailanbieter setzen zunehmend auf Passkeys. Was dahintersteckt.",
        body="""\
Ein Passkey ersetzt das Passwort durch ein Schlüsselpaar. Der geheime Teil bleibt auf dem Gerät \
und wird per Fingerabdruck oder Gesichtserkennung freigegeben.

## Warum das sicherer ist

Passkeys lassen sich nicht erraten und nicht auf gefälschten Webseiten abgreifen. Phishing läuft \
damit ins Leere.

## Was bei Geräteverlust passiert

Die meisten Systeme synchronisieren Passkeys verschlüsselt über das Nutzerkonto. Wer das nicht \
möchte, sollte sich einen zweiten Anmeldeweg einrichten.
""",
        authors=("aylin-demir",),
        topics=("sicherheit", "apps"),
        hours_ago=9 * DAY + 6,
        related=("zwei-faktor-authentifizierung-einrichten",),
    ),
    ArticleText(
        slug="kestrel-fold-2-scharnier-video",
        kind="news",
        headline="Video: Hält das Scharnier des Kestrel Fold 2 10.000 Faltungen aus?",
        teaser="Wir haben das Fold 2 in eine Faltmaschine gespannt. Das Ergebnis im Video.",
        body="""\
Wie robust sind Falt-Handys wirklich? Wir haben das Kestrel Fold 2 eine Woche lang maschinell \
auf- und zuklappen lassen.

[[video:kestrel-fold-2-scharnier]]

## Das Ergebnis

Nach 10.000 Faltungen funktioniert das Scharnier wie am ersten Tag. Die Falz im Display ist \
minimal tiefer geworden, im Alltag aber nicht störender.
""",
        authors=("jonas-brandt",),
        topics=("smartphones",),
        hours_ago=13 * DAY + 4,
        lead=Picture(
            "foldable",
            "Scharnier-Test",
            "Das Fold 2 in der Faltmaschine.",
            "Foto: Technikblatt / Jonas Brandt",
        ),
        products=("kestrel-fold-2",),
    ),
    ArticleText(
        slug="mobilfunk-netztest-korrektur",
        kind="news",
        headline="Netztest: Auf dem Land hinkt 5G weiter hinterher",
        teaser="Eine Messfahrt über 2.400 Kilometer zeigt: In Städten ist 5G fast überall, auf "
        "Landstraßen fällt das Netz oft auf LTE zurück.",
        body="""\
Ein Messteam ist zwei Wochen lang mit drei Testhandys durch Brandenburg, Thüringen und Bayern \
gefahren. In den Städten fanden die Geräte an fast jeder Messstelle ein 5G-Netz.

## Landstraßen und Bahnstrecken

Außerhalb der Orte sieht es anders aus: Auf Landstraßen funkten die Handys nur an gut der \
Hälfte der Messpunkte per 5G. Entlang von Bahnstrecken brach die Verbindung regelmäßig ab.

## Was die Netzbetreiber sagen

Die Netzbetreiber verweisen auf laufende Ausbauprogramme und neue Frequenzen, die ab dem \
kommenden Jahr mehr Fläche abdecken sollen.
""",
        authors=("tobias-kern",),
        topics=("mobilfunk",),
        hours_ago=28,
        updated_hours_ago=9,
        correction=(
            "In einer früheren Fassung hieß es, die Messfahrt habe 4.200 Kilometer umfasst. "
            "Richtig sind 2.400 Kilometer."
        ),
        lead=Picture(
            "waves",
            "Netztest",
            "Ein Mobilfunkmast an einer Landstraße.",
            "Foto: Technikblatt / Tobias Kern",
        ),
    ),
    ArticleText(
        slug="anzeige-strom-sparen-im-homeoffice",
        kind="guide",
        headline="Strom sparen im Homeoffice: Fünf Handgriffe, die sofort wirken",
        teaser="Monitor, Router, Ladegeräte: Wo im Arbeitszimmer unnötig Strom fließt und wie Sie "
        "ihn mit wenig Aufwand abstellen.",
        body="""\
Wer zu Hause arbeitet, merkt es an der Stromrechnung. Oft sind es nicht die großen Geräte, \
sondern viele kleine, die rund um die Uhr Strom ziehen.

## 1. Schaltbare Steckdosenleiste

Monitor, Drucker und Lautsprecher hängen an einer Leiste, die nach Feierabend ausgeschaltet wird.

## 2. Bildschirm dimmen

Die Helligkeit des Monitors auf das nötige Maß zu senken, spart Strom und schont die Augen.

## 3. Energiesparmodus des Notebooks

Der Energiesparmodus drosselt den Prozessor kaum spürbar, verlängert aber die Akkulaufzeit.

## 4. Ladegeräte abziehen

Netzteile ohne Gerät ziehen wenig, aber dauerhaft Strom.

## 5. Verbrauch messen

Ein Messgerät zwischen Steckdose und Gerät zeigt, wo sich Sparen lohnt. Einen \
[Tarifrechner](https://stadtwerke-beispielstadt.example/tarife) für Ökostrom bieten die \
Stadtwerke an.
""",
        authors=("mira-okafor",),
        topics=("smart-home",),
        hours_ago=50,
        sponsor="Stadtwerke Beispielstadt",
        lead=Picture(
            "laptop",
            "Strom sparen",
            "Ein Arbeitsplatz im Homeoffice.",
            "Bild: Stadtwerke Beispielstadt",
        ),
    ),
)
