"""The catalogue index stays equal to a rebuild after every kind of write; its dates follow the legal status.

``in_force_until`` folds the certificate's status rules (valid to its last day, out on the day a revocation is
decided or a newer certificate supersedes it) into one date: pinned here on each boundary against
``certification.selectors.certificate_status_of`` and ``live_on``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from ocop.certification.models import Certificate
from ocop.certification.selectors import certificate_status_of
from ocop.portal.models import CatalogueEntry
from ocop.portal.selectors.catalogue import current_entries, in_force_entries
from ocop.portal.services import catalogue_rebuild, catalogue_refresh, in_force_until, words
from ocop.portal.tests.conftest import at
from ocop.registry import services as registry_services
from ocop.registry.models import ProductSet

FIELDS = [field.attname for field in CatalogueEntry._meta.concrete_fields]


def snapshot() -> set[tuple]:
    return set(CatalogueEntry.objects.values_list(*FIELDS))


def assert_matches_a_rebuild() -> None:
    before = snapshot()
    catalogue_rebuild()
    assert snapshot() == before


def entry_of(certificate: Certificate) -> CatalogueEntry:
    return CatalogueEntry.objects.get(certificate=certificate)


def test_every_certificate_has_one_entry_after_the_services(world):
    assert CatalogueEntry.objects.count() == Certificate.objects.count() == 7
    assert_matches_a_rebuild()


def test_entry_holds_folded_words_of_name_producer_and_places(world):
    entry = entry_of(world.certificates["sam_day"])
    assert entry.name_words == " sam day ngoc linh"
    # Product, producer, current commune and province, then the pre-2025 commune, district and province.
    assert entry.search_words == (
        " sam day ngoc linh hop tac xa duoc lieu mang den xa dak plo"
        f"{words(world.producers['mang_den'].commune.parent.name_folded)}"
        " xa dak choong huyen dak glei tinh kon tum"
    )


def test_words_drop_punctuation_and_keep_a_space_before_each_word():
    assert words("tra (hop 100g)", "", None, "ca-phe") == " tra hop 100g ca phe"


def test_upgrade_ends_the_old_certificate_on_the_new_ones_issue_date(world):
    old, new = entry_of(world.certificates["mien_old"]), entry_of(world.certificates["mien"])
    assert old.current_until == new.issued_on == dt.date(2026, 3, 1)
    assert old.in_force_until == dt.date(2026, 3, 1)
    assert new.current_until is None


def test_revocation_ends_in_force_on_its_decision_day(world):
    entry = entry_of(world.certificates["tra"])
    assert entry.in_force_until == dt.date(2026, 5, 1)
    assert entry.current_until is None  # still the product's current certificate (shown as revoked)


def test_expiry_ends_in_force_the_day_after_the_last_valid_day(world):
    certificate = world.certificates["mat_ong"]
    assert entry_of(certificate).in_force_until == certificate.valid_until + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("ends", "expected"),
    [
        ({}, dt.date(2029, 1, 16)),
        ({"revoked_on": dt.date(2027, 1, 1)}, dt.date(2027, 1, 1)),
        ({"superseded_on": dt.date(2026, 8, 1), "revoked_on": dt.date(2027, 1, 1)}, dt.date(2026, 8, 1)),
        ({"current_until": dt.date(2026, 7, 1)}, dt.date(2026, 7, 1)),
        (
            {"revoked_on": dt.date(2030, 1, 1)},
            dt.date(2029, 1, 16),
        ),  # a revocation after expiry changes nothing
    ],
)
def test_in_force_until_is_the_earliest_end(ends, expected):
    arguments = {"superseded_on": None, "revoked_on": None, "current_until": None, **ends}
    assert in_force_until(valid_until=dt.date(2029, 1, 15), **arguments) == expected


def _days(world) -> list[dt.date]:
    """The day before, of and after each certificate's issue, expiry, revocation and supersession."""
    days = set()
    for certificate in Certificate.objects.select_related("revocation"):
        edges = [certificate.issued_on, certificate.valid_until, certificate.superseded_on]
        edges.append(getattr(getattr(certificate, "revocation", None), "decided_on", None))
        for edge in filter(None, edges):
            days.update(edge + dt.timedelta(days=shift) for shift in (-1, 0, 1))
    return sorted(days)


def test_in_force_entries_agree_with_the_certificate_status_on_every_boundary_day(world):
    certificates = list(Certificate.objects.select_related("revocation"))
    for day in _days(world):
        latest = {}
        for certificate in sorted(certificates, key=lambda c: (c.issued_on, c.pk)):
            if certificate.issued_on <= day:
                latest[certificate.product_id] = certificate.pk
        expected = {
            c.pk
            for c in certificates
            if c.pk in latest.values() and certificate_status_of(c, today=day).in_force
        }
        assert set(in_force_entries(day).values_list("pk", flat=True)) == expected, day
        assert set(current_entries(day).values_list("pk", flat=True)) == set(latest.values()), day


def test_product_rename_refreshes_its_entries(world):
    product = world.products["nuoc_mam"]
    registry_services.product_update(actor=world.maker.admin, product=product, name="Nước mắm Dương Đông")
    assert entry_of(world.certificates["nuoc_mam"]).name_words == " nuoc mam duong dong"
    assert_matches_a_rebuild()


def test_producer_rename_and_kind_refresh_every_product_it_makes(world):
    producer = world.producers["mang_den"]
    registry_services.producer_update(
        actor=world.maker.admin, producer=producer, name="Hợp tác xã Sâm Kon Plông", kind="doanh_nghiep"
    )
    entries = CatalogueEntry.objects.filter(product__producer=producer)
    assert entries.count() == 3  # sâm dây, miến dong (old and new)
    assert all(" sam kon plong" in entry.search_words and entry.kind == "doanh_nghiep" for entry in entries)
    assert_matches_a_rebuild()


def test_moving_a_product_set_to_another_group_refreshes_the_facets(world, product_set):
    other = ProductSet.objects.exclude(group=product_set.group).select_related("group").first()
    product_set.group = other.group
    product_set.save()
    assert set(CatalogueEntry.objects.values_list("group_id", flat=True)) == {other.group_id}
    assert_matches_a_rebuild()


def test_revocation_through_the_service_shows_at_once(world):
    certificate = world.certificates["sam_day"]
    assert certificate.pk in in_force_entries(dt.date(2026, 6, 15)).values_list("pk", flat=True)
    world.maker.revoke(certificate, on=dt.date(2026, 6, 15))
    assert entry_of(certificate).in_force_until == dt.date(2026, 6, 15)
    assert certificate.pk not in in_force_entries(dt.date(2026, 6, 15)).values_list("pk", flat=True)


def test_refresh_of_unknown_or_uncertified_products_writes_nothing(world):
    before = snapshot()
    assert catalogue_refresh(product_ids=[world.products["ruou"].pk, 0, 10**9]) == 0
    assert catalogue_refresh(product_ids=[]) == 0
    assert snapshot() == before


def test_rebuild_command_and_its_check(world, capsys):
    call_command("catalogue_rebuild", "--check")
    assert "khớp (7 mục)" in capsys.readouterr().out
    CatalogueEntry.objects.filter(certificate=world.certificates["sam_day"]).update(star=3)  # drift
    with pytest.raises(CommandError, match="lệch 2 mục"):
        call_command("catalogue_rebuild", "--check")
    assert entry_of(world.certificates["sam_day"]).star == 3  # --check wrote nothing
    call_command("catalogue_rebuild")
    assert entry_of(world.certificates["sam_day"]).star == 4
    assert "7 mục" in capsys.readouterr().out


def test_future_issue_is_not_current_before_its_day(world, maker, places):
    product = maker.certified(places.bao_loc, "Chè búp", star=3, on=dt.date(2026, 6, 1))
    with at(dt.date(2026, 6, 20)):
        later = maker.certify(product, star=4, on=dt.date(2026, 6, 20))
    assert later.pk not in current_entries(dt.date(2026, 6, 19)).values_list("pk", flat=True)
    assert later.pk in current_entries(dt.date(2026, 6, 20)).values_list("pk", flat=True)
