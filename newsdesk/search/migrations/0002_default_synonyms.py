from django.db import migrations

# A starting list; editors extend it in the newsroom (Suche > Synonyme).
DEFAULTS = [
    "Handy, Smartphone, Mobiltelefon",
    "Smartwatch, Computeruhr",
    "Notebook, Laptop",
    "Kopfhörer, Headset, Earbuds",
    "Akku, Batterie",
    "Fernseher, TV",
    "Test, Testbericht, Review",
    "günstig, billig, preiswert",
]


def add_defaults(apps, schema_editor) -> None:
    Synonym = apps.get_model("search", "Synonym")
    for words in DEFAULTS:
        Synonym.objects.get_or_create(words=words)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
