from django.db import migrations, models

# The full-text structures exist for one database each; Django's models do not describe them.
SQLITE_FTS = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, extra, teaser, body, tokenize = 'unicode61', prefix = '2 3 4'
)
"""
# A generated column: PostgreSQL keeps it current on every insert and update of the row.
POSTGRES_TSVECTOR = """
ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
    || setweight(to_tsvector('simple'::regconfig, extra_terms), 'B')
    || setweight(to_tsvector('simple'::regconfig, teaser_terms), 'C')
    || setweight(to_tsvector('simple'::regconfig, body_terms), 'D')
) STORED;
CREATE INDEX search_entry_document ON search_searchentry USING gin (document);
"""


def create_fulltext(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_FTS)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_TSVECTOR)


def drop_fulltext(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_document")
        schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document")


class Migration(migrations.Migration):
    initial = True

    dependencies: list = []

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("article", "Artikel"), ("gallery", "Bilderstrecke"), ("product", "Produkt"), ("topic", "Thema")], max_length=10)),
                ("object_id", models.PositiveIntegerField()),
                ("title_terms", models.TextField(blank=True)),
                ("extra_terms", models.TextField(blank=True)),
                ("teaser_terms", models.TextField(blank=True)),
                ("body_terms", models.TextField(blank=True)),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("article_kind", models.CharField(blank=True, max_length=10)),
                ("product_ids", models.JSONField(blank=True, default=list)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="unique_search_entry")],
                "indexes": [models.Index(fields=["kind", "-published_at"], name="search_kind_newest")],
            },
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=60, unique=True)),
            ],
        ),
        migrations.CreateModel(
            name="Synonym",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("words", models.CharField(help_text="Gleichbedeutende Wörter, durch Kommas getrennt, z. B. „Handy, Smartphone“. Eine Suche nach einem davon findet alle.", max_length=300, unique=True, verbose_name="Wörter")),
            ],
            options={"verbose_name": "Synonym", "verbose_name_plural": "Synonyme", "ordering": ["words"]},
        ),
        migrations.RunPython(create_fulltext, drop_fulltext),
    ]
