"""Impressum and Datenschutz for the fictional publisher of the demo site.

Placeholders: a real operator replaces name, address, register number and VAT ID with their own.
"""

from .schema import PageText

IMPRESSUM = PageText(
    slug="impressum",
    title="Impressum",
    footer_position=10,
    body="""\
## Angaben gemäß § 5 DDG

Technikblatt Medien GmbH
Beispielallee 12
10115 Berlin

## Kontakt

Telefon: +49 30 0000000-0
E-Mail: redaktion@technikblatt.example

## Vertretungsberechtigte

Vertreten durch die Geschäftsführerin Dr. Katrin Beispiel.

## Registereintrag

Eingetragen im Handelsregister des Amtsgerichts Berlin-Charlottenburg unter HRB 000000 B.

## Umsatzsteuer-ID

Umsatzsteuer-Identifikationsnummer gemäß § 27a Umsatzsteuergesetz: DE000000000

## Redaktion

Verantwortlich nach § 18 Abs. 2 MStV: Sven Albers, Beispielallee 12, 10115 Berlin

## Hinweis

Dies ist ein Demo-Angebot. Alle Angaben auf dieser Seite sind Platzhalter; Personen, Firmen und \
Produkte in den Artikeln sind erfunden.
""",
)

DATENSCHUTZ = PageText(
    slug="datenschutz",
    title="Datenschutz",
    footer_position=20,
    body="""\
## Verantwortlicher

Technikblatt Medien GmbH, Beispielallee 12, 10115 Berlin, E-Mail: \
datenschutz@technikblatt.example

## Keine Tracking-Cookies

Diese Website setzt keine Cookies zu Analyse- oder Werbezwecken und bindet keine Werkzeuge \
Dritter zur Reichweitenmessung ein. Ein Cookie wird nur gesetzt, wenn Sie sich im \
Redaktionsbereich anmelden oder ein Formular absenden; es dient allein der Sicherheit der \
Anmeldung bzw. des Formulars.

## Meistgelesen: Zählung ohne Cookies

Für die Liste „Meistgelesen“ zählen wir selbst, wie oft ein Artikel gelesen wird. Nach dem Laden \
eines Artikels sendet Ihr Browser eine kurze Anfrage an unseren eigenen Server, ohne Cookie und \
ohne Daten Dritter. Gespeichert wird nur die Zahl der Lesungen je Artikel und Stunde; Ihre \
IP-Adresse wird dafür nicht gespeichert. Damit ein Neuladen nicht doppelt zählt und die Liste \
nicht manipuliert werden kann, halten wir einen Hashwert Ihrer Adresse höchstens eine Stunde lang \
im Zwischenspeicher, nie in der Datenbank. Nach acht Tagen werden auch die Zahlen gelöscht. Ist \
JavaScript ausgeschaltet, wird nichts gezählt.

## Inhalte Dritter erst nach einem Klick

Videos von YouTube oder Vimeo sowie andere Inhalte Dritter werden nicht automatisch geladen. Erst \
wenn Sie auf ein Video klicken, stellt Ihr Browser eine Verbindung zum jeweiligen Anbieter her; \
dabei erhält dieser unter anderem Ihre IP-Adresse. Buttons zum Teilen sind einfache Links, die \
beim Aufruf der Seite keine Daten übertragen.

## Server-Protokolle

Beim Aufruf einer Seite verarbeitet unser Server technisch notwendige Daten (IP-Adresse, \
Zeitpunkt, abgerufene Adresse, Browserkennung), um die Seite auszuliefern und Angriffe abzuwehren \
(Art. 6 Abs. 1 lit. f DSGVO). Die Protokolle werden nach sieben Tagen gelöscht.

## Kommentare

Wenn Sie einen Kommentar schreiben, speichern wir Ihren Namen, Ihre E-Mail-Adresse und den Text. \
Die E-Mail-Adresse wird nicht veröffentlicht. Kommentare werden vor der Freischaltung geprüft.

## Affiliate-Links

Mit einem Stern markierte Links sind Werbung. Beim Klick zählen wir nur den Klick selbst; über \
Sie speichern wir dabei nichts.

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, \
Datenübertragbarkeit und Widerspruch sowie das Recht, sich bei einer Aufsichtsbehörde zu \
beschweren.
""",
)

PAGES = (IMPRESSUM, DATENSCHUTZ)
