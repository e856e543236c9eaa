"""Fill the catalogue index from the certificates already there, and on PostgreSQL give its words a trigram index.

The catalogue looks for `` word`` anywhere in ``search_words`` (``LIKE '% word%'``); a pg_trgm GIN index
answers that without reading the whole table. SQLite has none and needs none at demo sizes.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX = GinIndex(fields=["search_words"], name="portal_entry_words_trgm", opclasses=["gin_trgm_ops"])


def fill(apps, schema_editor) -> None:
    from ocop.portal.services import catalogue_rebuild

    catalogue_rebuild(apps=apps)


def add_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.add_index(apps.get_model("portal", "CatalogueEntry"), INDEX)


def remove_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("portal", "CatalogueEntry"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_catalogue_entry")]

    operations = [
        # The index first: PostgreSQL refuses to index a table with deferred constraint checks pending.
        migrations.RunPython(add_index, remove_index, elidable=False),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
