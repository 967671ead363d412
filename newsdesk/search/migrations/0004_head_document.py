from django.db import migrations

# Headline, names and teaser without the body, for ranking every match of a query cheaply:
# this vector stays small enough to be stored in the row, where the full ``document`` has its
# body part out of line (backends.PostgresBackend._ranked).
POSTGRES_HEAD_TSVECTOR = """
ALTER TABLE search_searchentry ADD COLUMN head_document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
    || setweight(to_tsvector('simple'::regconfig, extra_terms), 'B')
    || setweight(to_tsvector('simple'::regconfig, teaser_terms), 'C')
) STORED;
"""


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_HEAD_TSVECTOR)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS head_document")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_title_document")]

    operations = [migrations.RunPython(create, drop)]
