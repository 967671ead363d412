"""Shops, products with their offers, galleries and videos of the demo newsroom.

The products and makers are invented; offer links point to the shops' own search pages.
"""

from urllib.parse import quote_plus

from .schema import GalleryText, OfferText, Picture, ProductText, ShopText, VideoText

AMAZON = "Amazon"
MEDIAMARKT = "MediaMarkt"
O2 = "o2"

SHOPS = (
    ShopText(AMAZON, "amazon.de, www.amazon.de"),
    ShopText(MEDIAMARKT, "mediamarkt.de, www.mediamarkt.de"),
    ShopText(O2, "o2online.de, www.o2online.de"),
)


def _offers(query: str, amazon: str, mediamarkt: str, contract: bool = False) -> tuple:
    """Buy offers at Amazon and MediaMarkt, plus a contract offer at o2.

    The contract offer has no price: a monthly rate beside one-off prices would mislead.
    """
    q = quote_plus(query)
    offers = [
        OfferText(AMAZON, f"https://www.amazon.de/s?k={q}", amazon),
        OfferText(MEDIAMARKT, f"https://www.mediamarkt.de/de/search.html?query={q}", mediamarkt),
    ]
    if contract:
        offers.append(
            OfferText(O2, f"https://www.o2online.de/handys/?q={q}", "", label="mit Vertrag")
        )
    return tuple(offers)


PRODUCTS = (
    ProductText(
        "lumio-aurora-x3",
        "Aurora X3",
        "Lumio",
        "phone",
        "Display: 6,1 Zoll, OLED, 120 Hz\nProzessor: Lumio Helix 3\nArbeitsspeicher: 8 GB\n"
        "Speicher: 128 oder 256 GB\nKamera: 50 MP Hauptkamera, 12 MP Ultraweitwinkel\n"
        "Akku: 4.300 mAh, 45 Watt\nGewicht: 171 g\nUpdates: 6 Jahre",
        "Das kompakte Basismodell der Aurora-Reihe mit flachem OLED-Display und Aluminiumrahmen.",
        _offers("Lumio Aurora X3", "649.00", "659.00", contract=True),
    ),
    ProductText(
        "lumio-aurora-x3-pro",
        "Aurora X3 Pro",
        "Lumio",
        "phone",
        "Display: 6,7 Zoll, LTPO-OLED, 1 bis 120 Hz\nProzessor: Lumio Helix 3 Pro\n"
        "Arbeitsspeicher: 12 GB\nSpeicher: 256 oder 512 GB\n"
        "Kamera: 50 MP Hauptkamera, 48 MP Ultraweitwinkel, 12 MP Tele (5-fach)\n"
        "Akku: 5.000 mAh, 65 Watt, kabellos 30 Watt\nGewicht: 212 g\nUpdates: 6 Jahre",
        "Das Spitzenmodell mit Periskop-Teleobjektiv und großem Akku.",
        _offers("Lumio Aurora X3 Pro", "1049.00", "1079.00", contract=True),
    ),
    ProductText(
        "kestrel-fold-2",
        "Fold 2",
        "Kestrel",
        "foldable",
        "Display innen: 7,8 Zoll, faltbares OLED\nDisplay außen: 6,3 Zoll, OLED\n"
        "Prozessor: Snapline X9\nArbeitsspeicher: 12 GB\nSpeicher: 512 GB\n"
        "Akku: 4.800 mAh\nGewicht: 239 g\nDicke: 5,6 mm aufgeklappt",
        "Das zweite Falt-Smartphone von Kestrel, deutlich leichter als der Vorgänger.",
        _offers("Kestrel Fold 2", "1699.00", "1749.00", contract=True),
    ),
    ProductText(
        "lumio-pad-11",
        "Pad 11",
        "Lumio",
        "tablet",
        "Display: 11 Zoll, LCD, 144 Hz\nProzessor: Lumio Helix 2\nArbeitsspeicher: 8 GB\n"
        "Speicher: 128 GB, erweiterbar\nAkku: 8.800 mAh\nStift: optional\nGewicht: 480 g",
        "Ein Mittelklasse-Tablet mit schnellem Display und Stift-Unterstützung.",
        _offers("Lumio Pad 11", "379.00", "389.00", contract=True),
    ),
    ProductText(
        "veloq-tempo-4",
        "Tempo 4",
        "Veloq",
        "watch",
        "Display: 1,4 Zoll, AMOLED\nGehäuse: 44 mm, Titan\nSensoren: Puls, SpO2, Hauttemperatur\n"
        "GPS: Zweifrequenz\nWasserdicht: 5 ATM\nAkku: bis zu 9 Tage\nLTE: optional",
        "Sportuhr mit Zweifrequenz-GPS und langer Akkulaufzeit.",
        _offers("Veloq Tempo 4", "329.00", "339.00", contract=True),
    ),
    ProductText(
        "veloq-trail",
        "Trail",
        "Veloq",
        "watch",
        "Display: 1,3 Zoll, MIP, transflektiv\nGehäuse: 47 mm, faserverstärkter Kunststoff\n"
        "Karten: offline, topografisch\nWasserdicht: 10 ATM\nAkku: bis zu 24 Tage",
        "Outdoor-Uhr mit Offline-Karten und Solarzelle im Glas.",
        _offers("Veloq Trail", "449.00", "459.00"),
    ),
    ProductText(
        "norden-skyline-14",
        "Skyline 14",
        "Norden",
        "laptop",
        "Display: 14 Zoll, 2.880 × 1.800 Pixel, OLED\nProzessor: 12 Kerne, bis 5,1 GHz\n"
        "Arbeitsspeicher: 16 oder 32 GB\nSSD: 1 TB\nAnschlüsse: 2 × USB-C (USB4), 1 × USB-A, HDMI\n"
        "Akku: 75 Wh\nGewicht: 1,29 kg",
        "Ein leichtes 14-Zoll-Notebook mit OLED-Display für Büro und Reise.",
        _offers("Norden Skyline 14", "1299.00", "1329.00"),
    ),
    ProductText(
        "sonara-pulse-pro",
        "Pulse Pro",
        "Sonara",
        "earbuds",
        "Bauform: In-Ear, True Wireless\nGeräuschunterdrückung: aktiv, adaptiv\n"
        "Bluetooth: 5.4, LE Audio\nCodecs: AAC, LC3\nAkku: 8 Stunden, mit Case 32 Stunden\n"
        "Schutz: IP55",
        "In-Ear-Kopfhörer mit adaptiver Geräuschunterdrückung und LE Audio.",
        _offers("Sonara Pulse Pro", "199.00", "209.00"),
    ),
)

CREDIT_HOUSE = "Foto: Technikblatt"


def _pics(motif: str, credit: str, captions: list[str]) -> tuple[Picture, ...]:
    return tuple(
        Picture(motif, f"{number}/{len(captions)}", caption, credit, alt=caption)
        for number, caption in enumerate(captions, start=1)
    )


GALLERIES = (
    GalleryText(
        "lumio-aurora-x3-bilder",
        "Lumio Aurora X3: Alle Bilder",
        "Das neue Basismodell von Lumio von allen Seiten.",
        _pics(
            "phone",
            "Foto: Technikblatt / Lena Vogt",
            [
                "Die Vorderseite: schmale Ränder, die Frontkamera sitzt in einem kleinen Loch.",
                "Auf der Rückseite fällt der flache Kamerabuckel kaum auf.",
                "Der Rahmen besteht aus mattem Aluminium.",
                "Lumio bietet das Aurora X3 in vier Farben an.",
                "Der Fingerabdrucksensor sitzt unter dem Display.",
                "Unten: USB-C-Buchse, Lautsprecher und SIM-Schacht.",
                "Im Vergleich zum X3 Pro (rechts) ist das Basismodell deutlich handlicher.",
                "Die neue Kamera-App sortiert Modi in einer Leiste am unteren Rand.",
                "Im Sonnenlicht bleibt das Display gut ablesbar.",
            ],
        ),
    ),
    GalleryText(
        "kestrel-fold-2-bilder",
        "Kestrel Fold 2 in Bildern",
        "Zugeklappt ein normales Handy, aufgeklappt ein kleines Tablet.",
        _pics(
            "foldable",
            "Foto: Technikblatt / Jonas Brandt",
            [
                "Aufgeklappt misst das innere Display 7,8 Zoll.",
                "Die Falz ist bei direktem Licht noch zu sehen, im Alltag kaum.",
                "Zugeklappt ist das Fold 2 kaum dicker als zwei Kreditkarten-Stapel.",
                "Das Scharnier hält das Display in jedem Winkel.",
                "Das Außendisplay hat ein gewöhnliches Seitenverhältnis.",
                "Zwei Apps nebeneinander: der größte Vorteil im Alltag.",
                "Die Kamera steht weit hervor; auf dem Tisch wackelt das Gerät.",
                "Im Lieferumfang liegt eine Hülle mit Ständer.",
            ],
        ),
    ),
    GalleryText(
        "veloq-tempo-4-bilder",
        "Veloq Tempo 4: Die Sportuhr im Detail",
        "Titangehäuse, neue Sensoren und ein helleres Display.",
        _pics(
            "watch",
            "Foto: Technikblatt / Mira Okafor",
            [
                "Das 44-Millimeter-Gehäuse besteht aus Titan.",
                "Die Krone dreht sich mit spürbaren Rastungen.",
                "Auf der Unterseite sitzt der neue Sensor mit sechs Leuchtdioden.",
                "Das Zifferblatt lässt sich frei mit Daten belegen.",
                "Die Trainingsansicht zeigt Puls, Tempo und Zeit auf einen Blick.",
                "Das Armband wechselt man ohne Werkzeug.",
                "Geladen wird über einen magnetischen Puck.",
            ],
        ),
    ),
    GalleryText(
        "norden-skyline-14-bilder",
        "Norden Skyline 14: Das Notebook in Bildern",
        "Ein leichtes Arbeitsgerät mit OLED-Display.",
        _pics(
            "laptop",
            "Foto: Technikblatt / Tobias Kern",
            [
                "Das OLED-Display glänzt, spiegelt aber weniger als befürchtet.",
                "Die Tastatur hat 1,5 Millimeter Hub und eine zweistufige Beleuchtung.",
                "Links zwei USB-C-Buchsen, rechts USB-A und HDMI.",
                "Das Touchpad ist breit und aus Glas.",
                "Der Deckel lässt sich mit einer Hand öffnen.",
                "Zugeklappt ist das Skyline 14 knapp 15 Millimeter dick.",
            ],
        ),
    ),
    GalleryText(
        "kopfhoerer-ueberblick-bilder",
        "In-Ear-Kopfhörer: Zehn Modelle im Überblick",
        "Von günstig bis edel: die Kopfhörer aus unserem Ratgeber.",
        _pics(
            "earbuds",
            "Foto: Technikblatt / Felix Hartung",
            [
                "Das Ladecase der Sonara Pulse Pro passt in jede Hosentasche.",
                "Kleine Ohrstöpsel in drei Größen liegen fast allen Modellen bei.",
                "Ohrbügel halten Sportkopfhörer auch beim Sprint sicher.",
                "Günstige Modelle verzichten oft auf kabelloses Laden.",
                "Transparenzmodus: Durchsagen in der Bahn bleiben hörbar.",
                "Manche Cases zeigen den Ladestand mit mehreren LEDs an.",
                "Offene Bauformen lassen Umgebungsgeräusche bewusst durch.",
                "Touch-Flächen reagieren bei einigen Modellen zu empfindlich.",
                "Schutz nach IP55 reicht für Regen und Schweiß.",
                "Die Pulse Pro im Ohr: klein und unauffällig.",
            ],
        ),
    ),
)

VIDEOS = (
    VideoText(
        "lumio-aurora-x3-hands-on",
        "Lumio Aurora X3 im Hands-On",
        "Lumio Aurora X3 im Hands-On",
        "Lx3hNd0nVd1",
        Picture(
            "phone",
            "Video: Aurora X3",
            credit="Bild: Technikblatt",
            alt="Vorschaubild zum Video über das Lumio Aurora X3",
        ),
    ),
    VideoText(
        "kestrel-fold-2-scharnier",
        "Kestrel Fold 2: Scharnier im Dauertest",
        "Kestrel Fold 2: So schlägt sich das Scharnier nach 10.000 Faltungen",
        "Kf2ScharnR8",
        Picture(
            "foldable",
            "Video: Fold 2",
            credit="Bild: Technikblatt",
            alt="Vorschaubild zum Video über das Kestrel Fold 2",
        ),
    ),
    VideoText(
        "veloq-tempo-4-training",
        "Veloq Tempo 4: Die Trainingsfunktionen",
        "Veloq Tempo 4: Die neuen Trainingsfunktionen im Video",
        "VqT4Trn1ng0",
        Picture(
            "watch",
            "Video: Tempo 4",
            credit="Bild: Technikblatt",
            alt="Vorschaubild zum Video über die Veloq Tempo 4",
        ),
    ),
)
