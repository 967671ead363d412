"""The demo newsroom's staff, its topics and its two demo logins."""

from .schema import AccountText, AuthorText, TopicText

AUTHORS = (
    AuthorText(
        "sven-albers",
        "Sven Albers",
        "Chefredakteur",
        "Sven Albers leitet die Redaktion seit ihrer Gründung. Davor hat er zwölf Jahre lang "
        "Mobilfunktarife verglichen und weiß deshalb, wo im Kleingedruckten die Haken stecken.",
    ),
    AuthorText(
        "lena-vogt",
        "Lena Vogt",
        "Redakteurin Mobile",
        "Lena Vogt testet Smartphones und Tablets. Sie misst Akkulaufzeiten lieber selbst, als "
        "Herstellerangaben zu glauben, und hat eine Schwäche für kompakte Geräte.",
    ),
    AuthorText(
        "jonas-brandt",
        "Jonas Brandt",
        "Ressortleiter Hardware",
        "Jonas Brandt schraubt seit seiner Schulzeit an Rechnern. In der Redaktion verantwortet "
        "er Prozessoren, Grafikkarten und alles, was sich übertakten lässt.",
    ),
    AuthorText(
        "mira-okafor",
        "Mira Okafor",
        "Redakteurin Wearables",
        "Mira Okafor läuft Halbmarathons mit drei Uhren gleichzeitig, um deren Messwerte zu "
        "vergleichen. Sie schreibt über Wearables, Fitness-Apps und digitale Gesundheit.",
    ),
    AuthorText(
        "tobias-kern",
        "Tobias Kern",
        "Redakteur Notebooks",
        "Tobias Kern prüft Notebooks auf Lautstärke, Hitze und Tastatur. Wenn ein Lüfter "
        "pfeift, hört er es als Erster.",
    ),
    AuthorText(
        "aylin-demir",
        "Aylin Demir",
        "Redakteurin Netzpolitik und Sicherheit",
        "Aylin Demir berichtet über Datenschutz, IT-Sicherheit und Regulierung. Sie hat Jura "
        "studiert und liest Gesetzentwürfe, bevor andere die Pressemitteilung lesen.",
    ),
    AuthorText(
        "felix-hartung",
        "Felix Hartung",
        "Volontär",
        "Felix Hartung ist Volontär und schreibt vor allem Ratgeber. Kopfhörer testet er in der "
        "S-Bahn, weil sich Geräuschunterdrückung dort am ehrlichsten zeigt.",
    ),
)

TOPICS = (
    TopicText("smartphones", "Smartphones", "Neue Handys, Tests und Kaufberatung."),
    TopicText("wearables", "Wearables", "Smartwatches, Fitness-Tracker und smarte Ringe."),
    TopicText("notebooks", "Notebooks", "Laptops fürs Büro, die Uni und das Spielen."),
    TopicText("audio", "Audio", "Kopfhörer, Lautsprecher und Streaming."),
    TopicText("tablets", "Tablets", "Große Displays zum Lesen, Zeichnen und Arbeiten."),
    TopicText("mobilfunk", "Mobilfunk", "Tarife, Netzausbau und 5G."),
    TopicText("netzpolitik", "Netzpolitik", "Regulierung, Plattformen und digitale Rechte."),
    TopicText("sicherheit", "Sicherheit", "Lücken, Updates und Schutz vor Angriffen."),
    TopicText("apps", "Apps und Software", "Betriebssysteme, Apps und Updates."),
    TopicText(
        "kuenstliche-intelligenz", "Künstliche Intelligenz", "KI auf dem Gerät und in der Cloud."
    ),
    TopicText("prozessoren", "Prozessoren", "Chips für Handys, Notebooks und Rechenzentren."),
    TopicText("smart-home", "Smart Home", "Vernetzte Geräte für Haus und Wohnung."),
)

ACCOUNTS = (
    AccountText(
        "redaktion",
        "demo-redaktion-2026",
        "Redaktion",
        "Sven",
        "Albers",
        "redaktion@technikblatt.example",
        author="sven-albers",
    ),
    AccountText(
        "autorin",
        "demo-autorin-2026",
        "Autor",
        "Lena",
        "Vogt",
        "lena.vogt@technikblatt.example",
        author="lena-vogt",
    ),
)
