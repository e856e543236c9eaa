"""Activities API: scoped lists and reads for every role, service-backed writes, one error shape."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ocop.activities import services
from ocop.activities.models import Listing, RevenueReport, TrainingCourse
from ocop.activities.tests.conftest import ALL, DAY
from ocop.activities.tests.test_views import USERS, visible

pytestmark = pytest.mark.django_db
API = "/api/v1"
ENDPOINTS = {
    "training": "training-courses",
    "event": "promotion-events",
    "media": "media-items",
    "sales_point": "sales-points",
    "listing": "listings",
    "revenue": "revenue-reports",
    "support": "supports",
    "budget": "budgets",
}


def _post(client, url, data):
    return client.post(url, json.dumps(data, default=str), content_type="application/json")


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("kind", list(ENDPOINTS))
def test_lists_and_reads_follow_the_scope(client, full_world, kind, who):
    client.force_login(full_world.users[who])
    body = client.get(f"{API}/{ENDPOINTS[kind]}").json()
    ids = {item["id"] for item in body["items"]}
    expected = {full_world.records[key][kind].pk for key in visible(kind, who)}
    assert ids == expected
    assert body["count"] == len(expected)
    for key in ALL:
        response = client.get(f"{API}/{ENDPOINTS[kind]}/{full_world.records[key][kind].pk}")
        assert response.status_code == (200 if key in visible(kind, who) else 404), key
        if response.status_code == 404:
            assert response.json()["error"]["code"] == "not_found"


def test_anonymous_gets_401(client, full_world):
    assert client.get(f"{API}/training-courses").status_code == 401


def test_located_records_show_both_paths(client, full_world):
    client.force_login(full_world.users["admin"])
    course = full_world.records["dak_mil"]["training"]
    body = client.get(f"{API}/training-courses/{course.pk}").json()
    assert body["path_pre2025"] == full_world.map.old_commune.path
    assert [a["producer"]["id"] for a in body["attendances"]] == [full_world.producers["dak_mil"].pk]


def test_create_and_update_a_course(client, act_world):
    client.force_login(act_world.users["province_ld"])
    data = {
        "unit_id": act_world.old_province.pk,
        "title": "Tập huấn OCOP 2022",
        "audience": "producers",
        "level": "province",
        "starts_on": "2022-04-01",
        "ends_on": "2022-04-02",
        "classes": 3,
        "participants": 180,
    }
    response = _post(client, f"{API}/training-courses", data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["path_2025"], body["path_pre2025"]) == ("/2025/68/", "/pre2025/67/")
    patch = client.patch(
        f"{API}/training-courses/{body['id']}",
        json.dumps({"participants": 200, "reason": "Bổ sung"}),
        content_type="application/json",
    )
    assert patch.json()["participants"] == 200
    assert TrainingCourse.history.filter(history_change_reason="Bổ sung").exists()


def test_writes_outside_the_scope_are_refused(client, act_world):
    data = {
        "unit_id": act_world.map.lam_dong.pk,
        "kind": "article",
        "title": "Bài",
        "channel": "Báo",
        "published_on": str(DAY),
    }
    client.force_login(act_world.users["province_qn"])
    response = _post(client, f"{API}/media-items", data)
    assert response.status_code == 403
    assert response.json()["error"]["field"] == "unit"
    client.force_login(act_world.users["council_ld"])
    assert _post(client, f"{API}/media-items", data).status_code == 403


def test_validation_errors_name_the_field(client, act_world):
    client.force_login(act_world.users["admin"])
    response = _post(
        client,
        f"{API}/sales-points",
        {"unit_id": act_world.map.lam_dong.pk, "name": "Điểm", "address": "x", "opened_on": str(DAY)},
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "unit"
    response = _post(
        client, f"{API}/budgets", {"unit_id": act_world.map.lam_dong.pk, "year": 2025, "source": "x"}
    )
    assert response.status_code == 422


def test_a_producer_keeps_its_own_listings_and_revenue(client, act_world):
    client.force_login(act_world.users["producer_dak_mil"])
    own, other = act_world.products["dak_mil"], act_world.products["bao_loc"]
    listing = {
        "product_id": own.pk,
        "platform": "shopee",
        "url": "https://shopee.vn/x",
        "listed_from": str(DAY),
    }
    assert _post(client, f"{API}/listings", listing).status_code == 201
    assert _post(client, f"{API}/listings", {**listing, "product_id": other.pk}).status_code == 404
    assert Listing.objects.count() == 1
    revenue = {"producer_id": act_world.producers["dak_mil"].pk, "year": 2025, "direct": 10, "export": 5}
    assert _post(client, f"{API}/revenue-reports", revenue).json()["total"] == 15
    assert _post(client, f"{API}/revenue-reports", {**revenue, "direct": 20}).json()["total"] == 25
    assert RevenueReport.objects.count() == 1
    support = {
        "producer_id": act_world.producers["dak_mil"].pk,
        "kind": "label",
        "source": "local",
        "given_on": str(DAY),
    }
    assert _post(client, f"{API}/supports", support).status_code == 403


def test_participations_and_closing(client, full_world):
    client.force_login(full_world.users["province_ld"])
    event = full_world.records["bao_loc"]["event"]
    body = client.put(
        f"{API}/promotion-events/{event.pk}/participations",
        json.dumps(
            {
                "producer_id": full_world.producers["dak_mil"].pk,
                "product_ids": [full_world.products["dak_mil"].pk],
                "sales": 7,
            }
        ),
        content_type="application/json",
    ).json()
    assert body["product_ids"] == [full_world.products["dak_mil"].pk]
    point = full_world.records["bao_loc"]["sales_point"]
    closed = _post(client, f"{API}/sales-points/{point.pk}/close", {"on": "2026-04-01"}).json()
    assert closed["closed_on"] == "2026-04-01"
    listing = full_world.records["bao_loc"]["listing"]
    assert (
        _post(client, f"{API}/listings/{listing.pk}/end", {"on": "2026-04-01"}).json()["listed_until"]
        == "2026-04-01"
    )


@pytest.mark.parametrize("kind", list(ENDPOINTS))
def test_api_lists_cost_the_same_for_one_and_three_items(client, full_world, kind):
    from ocop.activities.tests.test_views import _more

    client.force_login(full_world.users["commune_dak_mil"])
    with CaptureQueriesContext(connection) as one:
        assert client.get(f"{API}/{ENDPOINTS[kind]}").json()["count"] == 1
    _more(full_world, kind, 2)
    with CaptureQueriesContext(connection) as three:
        assert client.get(f"{API}/{ENDPOINTS[kind]}").json()["count"] == 3
    assert len(three) == len(one) <= 8


def test_removing_an_attendee(client, full_world):
    admin = full_world.users["admin"]
    course = full_world.records["ly_son"]["training"]
    attendance = services.training_attendance_add(actor=admin, course=course, person_name="A", role="worker")
    client.force_login(full_world.users["province_ld"])
    assert client.delete(f"{API}/training-attendances/{attendance.pk}").status_code == 404
    client.force_login(full_world.users["province_qn"])
    assert client.delete(f"{API}/training-attendances/{attendance.pk}").status_code == 204
