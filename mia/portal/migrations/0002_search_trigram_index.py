"""A trigram index on the search text (PostgreSQL only).

Search finds words anywhere in `SearchEntry.text` (`LIKE '%word%'`), which a B-tree cannot
serve: with 10,000 offers in 12 languages every search read all rows of its language (about
80 ms on the benchmark's machine). pg_trgm's GIN index answers the same `LIKE` in a few ms.
SQLite has no such index and keeps scanning; so does a PostgreSQL where the extension is
missing or may not be created by MiA's database user (search still works, only slower).
"""

from typing import Any

from django.db import DatabaseError, migrations, transaction

INDEX = "portal_searchentry_text_trgm"


def _table(apps: Any) -> str:
    return apps.get_model("portal", "SearchEntry")._meta.db_table


def create_index(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
    try:
        with transaction.atomic(using=connection.alias):  # a savepoint, so failing is harmless
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        return  # not allowed for this user; an administrator may run the two statements
    table = schema_editor.quote_name(_table(apps))
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin (text gin_trgm_ops)"
    )


def drop_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
