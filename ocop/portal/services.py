"""Writes of the portal: keeping the catalogue index (``CatalogueEntry``) equal to the rows it is built from.

``catalogue_refresh`` rebuilds the entries of some products (the signal receivers call it inside the writer's
transaction); ``catalogue_rebuild`` rebuilds them all, for bulk loads and ``manage.py catalogue_rebuild``.
Both work on the model classes given, so the migration that creates the index can fill it too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from itertools import groupby

from django.apps import apps as global_apps
from django.db import transaction

_WORD = re.compile(r"\w+")
BATCH = 2000

_PLACES = (
    "product__producer__commune__name_folded",
    "product__producer__commune__parent__name_folded",
    "product__producer__legacy_commune__name_folded",
    "product__producer__legacy_commune__parent__name_folded",
    "product__producer__legacy_commune__parent__parent__name_folded",
)
_FIELDS = (
    "pk",
    "product_id",
    "star",
    "issued_on",
    "valid_until",
    "superseded_by_id",
    "superseded_on",
    "revocation__decided_on",
    "product__product_set__group__sector_id",
    "product__product_set__group_id",
    "product__producer__commune__parent_id",
    "product__producer__kind",
    "product__name_sort",
    "product__name_folded",
    "product__producer__name_folded",
    *_PLACES,
)


def words(*texts: str | None) -> str:
    """The words of folded texts, each preceded by a space: ``" nuoc mam phu quoc"``."""
    return "".join(f" {word}" for text in texts if text for word in _WORD.findall(text))


def in_force_until(
    *,
    valid_until: dt.date,
    superseded_on: dt.date | None,
    revoked_on: dt.date | None,
    current_until: dt.date | None,
) -> dt.date:
    """The first day a certificate is no longer in force or no longer its product's current one.

    In force means valid or expiring (``certification.domain.certificate_status``): not past ``valid_until``,
    not superseded, not revoked, each on or after the day it is decided.
    """
    ends = [valid_until + dt.timedelta(days=1), superseded_on, revoked_on, current_until]
    return min(end for end in ends if end is not None)


def _product_entries(rows: Iterable[tuple], entry_model) -> list:
    """The entries of one product from its certificate rows (``_FIELDS``) sorted by issue date and id."""
    certificates = list(rows)
    following = [row[3] for row in certificates[1:]] + [None]
    entries = []
    for row, current_until in zip(certificates, following, strict=True):
        (pk, product_id, star, issued_on, valid_until, superseded_by, superseded_on, revoked_on) = row[:8]
        sector, group_id, province, kind, name_sort, name, producer = row[8:15]
        entries.append(
            entry_model(
                certificate_id=pk,
                product_id=product_id,
                star=star,
                issued_on=issued_on,
                current_until=current_until,
                in_force_until=in_force_until(
                    valid_until=valid_until,
                    superseded_on=superseded_on if superseded_by else None,
                    revoked_on=revoked_on,
                    current_until=current_until,
                ),
                sector_id=sector,
                group_id=group_id,
                province_id=province,
                kind=kind,
                name_sort=name_sort,
                name_words=words(name),
                search_words=words(name, producer, *row[15:]),
            )
        )
    return entries


def _write(certificates, entry_model) -> int:
    rows = certificates.order_by("product_id", "issued_on", "pk").values_list(*_FIELDS).iterator(BATCH)
    written = 0
    batch: list = []
    for _product, group in groupby(rows, key=lambda row: row[1]):
        batch.extend(_product_entries(group, entry_model))
        if len(batch) >= BATCH:
            written += len(entry_model.objects.bulk_create(batch))
            batch = []
    if batch:
        written += len(entry_model.objects.bulk_create(batch))
    return written


def catalogue_refresh(*, product_ids: Iterable[int]) -> int:
    """Rebuild the entries of these products from their certificates; returns how many entries they have."""
    ids = sorted({pk for pk in product_ids if pk})
    if not ids:
        return 0
    certificate_model = global_apps.get_model("certification", "Certificate")
    entry_model = global_apps.get_model("portal", "CatalogueEntry")
    with transaction.atomic():
        entry_model.objects.filter(product_id__in=ids).delete()
        return _write(certificate_model.objects.filter(product_id__in=ids), entry_model)


def catalogue_rebuild(*, apps=global_apps) -> int:
    """Rebuild every entry; returns how many there are (one per certificate)."""
    certificate_model = apps.get_model("certification", "Certificate")
    entry_model = apps.get_model("portal", "CatalogueEntry")
    with transaction.atomic():
        entry_model.objects.all().delete()
        return _write(certificate_model.objects.all(), entry_model)
