"""PostgreSQL only: a pg_trgm GIN index on the product's folded name, for the public catalogue's searches.

The catalogue looks for words anywhere in ``name_folded`` (``LIKE '%word%'``); a trigram index answers that
without reading the whole table. SQLite has no such index and needs none at demo sizes: there this
migration does nothing. The index is not declared in ``Product.Meta`` so the model stays the same on both.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX = GinIndex(fields=["name_folded"], name="registry_product_name_trgm", opclasses=["gin_trgm_ops"])


def _postgres(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def add_index(apps, schema_editor) -> None:
    if not _postgres(schema_editor):
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.add_index(apps.get_model("registry", "Product"), INDEX)


def remove_index(apps, schema_editor) -> None:
    if _postgres(schema_editor):
        schema_editor.remove_index(apps.get_model("registry", "Product"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_backfill_legacy_commune")]

    operations = [migrations.RunPython(add_index, remove_index, elidable=False)]
