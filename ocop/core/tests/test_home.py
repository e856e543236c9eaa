"""The officer's home page lists the plans of the area (and only those) with a lazy status line."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ocop.core.testing import make_user
from ocop.monitoring.services import plan_create
from ocop.monitoring.tests.plan_fixtures import build_plan_map


@pytest.fixture
def plans(taxonomy):
    world = build_plan_map()
    admin = make_user(role="admin")
    old_dak_nong = plan_create(
        actor=admin,
        number="653/KH-UBND",
        title="Kế hoạch OCOP tỉnh Đắk Nông 2021–2025",
        issuing_body="UBND tỉnh Đắk Nông",
        issued_on=dt.date(2022, 11, 11),
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2025, 12, 31),
        unit=world["DN"],
    )
    quang_ngai = plan_create(
        actor=admin,
        number="01/KH-UBND",
        title="Kế hoạch OCOP tỉnh Quảng Ngãi 2026",
        issuing_body="UBND tỉnh Quảng Ngãi",
        issued_on=dt.date(2026, 1, 5),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        unit=world["QN"],
    )
    return world, old_dak_nong, quang_ngai


def test_a_province_officer_sees_the_plans_of_its_area_on_either_map(client, plans):
    world, old_dak_nong, quang_ngai = plans
    client.force_login(make_user(role="province", scope_unit=world["LD"]))
    body = client.get(reverse("home")).content.decode()
    assert old_dak_nong.get_absolute_url() in body
    assert quang_ngai.get_absolute_url() not in body
    assert reverse("monitoring:plan-status-counts", args=[old_dak_nong.pk]) in body


def test_a_producer_sees_no_plans(client, plans):
    client.force_login(make_user(role="producer"))
    body = client.get(reverse("home")).content.decode()
    assert "Kế hoạch đang theo dõi" not in body
