from django.db import migrations

# Headlines alone, for as-you-type suggestions and related-article candidates: matching
# "sma*" against weight A of the full document would make PostgreSQL re-read every document
# that has such a word anywhere; this small vector answers from its own GIN index.
POSTGRES_TITLE_TSVECTOR = """
ALTER TABLE search_searchentry ADD COLUMN title_document tsvector GENERATED ALWAYS AS (
    to_tsvector('simple'::regconfig, title_terms)
) STORED;
CREATE INDEX search_entry_title_document ON search_searchentry USING gin (title_document);
"""


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_TITLE_TSVECTOR)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_title_document")
        schema_editor.execute(
            "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_document"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_default_synonyms")]

    operations = [migrations.RunPython(create, drop)]
