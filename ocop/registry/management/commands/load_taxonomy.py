"""``manage.py load_taxonomy``: load or refresh the product taxonomy (idempotent)."""

from django.core.management.base import BaseCommand

from ocop.registry.taxonomy import taxonomy_load


class Command(BaseCommand):
    help = (
        "Nạp danh mục phân loại sản phẩm OCOP (ngành, nhóm, bộ sản phẩm) của QĐ 26/2026 và các văn bản trước."
    )

    def handle(self, *args, **options) -> None:
        counts = taxonomy_load()
        self.stdout.write(
            f"Danh mục sản phẩm: {counts['sectors']} ngành, {counts['groups']} nhóm, "
            f"{counts['sets']} bộ sản phẩm."
        )
