"""``manage.py catalogue_rebuild``: rebuild the public catalogue's index from the certificates and registry.

Saves keep the index in step on their own; run this after writes that skip them (SQL, ``bulk_create``,
editing administrative unit names) or to check nothing drifted (``--check`` changes nothing and exits 1 if
the index differs from a rebuild).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ocop.portal.models import CatalogueEntry
from ocop.portal.services import catalogue_rebuild

_COMPARED = [field.attname for field in CatalogueEntry._meta.concrete_fields]


def _snapshot() -> set[tuple]:
    return set(CatalogueEntry.objects.values_list(*_COMPARED))


class Command(BaseCommand):
    help = "Xây lại chỉ mục danh mục công khai (rebuild the public catalogue index)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="Chỉ so sánh, không ghi (compare only).")

    def handle(self, *args, check: bool = False, **options) -> None:
        if not check:
            count = catalogue_rebuild()
            self.stdout.write(f"Đã xây lại {count:,} mục danh mục (rebuilt {count:,} catalogue entries).")
            return
        with transaction.atomic():
            before = _snapshot()
            catalogue_rebuild()
            after = _snapshot()
            transaction.set_rollback(True)
        if before != after:
            raise CommandError(
                f"Chỉ mục lệch {len(before ^ after):,} mục: hãy chạy manage.py catalogue_rebuild "
                f"(the index differs from a rebuild in {len(before ^ after):,} entries)."
            )
        self.stdout.write(f"Chỉ mục khớp ({len(after):,} mục) (the index matches a rebuild).")
