"""German (and a few English) function words that carry no meaning in a search."""

STOPWORDS = frozenset(
    """
    aber als am an auch auf aus bei bin bis bist da damit dann das dass dein deine dem den der
    des die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer
    eines er es etwa euer für gegen hat hatte hier ich ihr im in ist ja jede jedem jeden jeder
    jedes kann kein keine mit man mich mir mein meine nach nicht noch nun nur ob oder ohne sehr
    sein seine sich sie sind so soll über um und uns unser unter vom von vor war was weil wenn
    wer wie wir wird wo zu zum zur the and of for with
    """.split()
)
