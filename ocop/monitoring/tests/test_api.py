"""Monitoring API: the indicator library and computation, plans, progress, reports, writes through the
services; scoping (404 outside the area, producers and the public get nothing) and the error shape."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ocop.monitoring import services
from ocop.monitoring.indicators import INDICATORS
from ocop.monitoring.tests.test_views import build_dash, login, make_dash_plan

API = "/api/v1"


@pytest.fixture
def dash(taxonomy):
    return build_dash()


def get(client, path, **params):
    return client.get(API + path, params)


def post(client, path, body):
    return client.post(API + path, json.dumps(body), content_type="application/json")


@pytest.mark.django_db
def test_indicator_library(client, dash):
    login(client, dash.users["province"])
    rows = get(client, "/indicators").json()["items"]
    assert {row["key"] for row in rows} == set(INDICATORS)
    certified = next(r for r in rows if r["key"] == "certified_products")
    assert certified["kind"] == "stock"
    assert [p["name"] for p in certified["params"]] == ["star_min", "star_max"]
    assert certified["params"][0]["default"] == 3


@pytest.mark.django_db
def test_compute_an_indicator_on_both_maps(client, dash):
    login(client, dash.users["province"])
    body = get(client, "/indicators/certified_products", unit=dash["DN"].pk, end="2023-12-31").json()
    assert body["total"]["value"] == "3.00" or float(body["total"]["value"]) == 3
    by_name = {c["unit"]["name"]: float(c["value"]) for c in body["children"]}
    assert by_name == {"Thành phố Gia Nghĩa": 1, "Huyện Đắk Mil": 2}
    current = get(
        client, "/indicators/certified_products", unit=dash["DN"].pk, end="2023-12-31", grouping="current"
    ).json()
    assert {c["unit"]["name"]: float(c["value"]) for c in current["children"]} == {
        "Phường Bắc Gia Nghĩa": 1,
        "Xã Đắk Mil": 2,
    }
    # the merged province on today's map: the same total
    merged = get(client, "/indicators/certified_products", unit=dash["LD"].pk, end="2023-12-31").json()
    assert float(merged["total"]["value"]) == 3
    four = get(
        client, "/indicators/certified_products", unit=dash["DN"].pk, end="2023-12-31", star_min=4
    ).json()
    assert float(four["total"]["value"]) == 1
    assert four["params"] == {"star_min": 4}


@pytest.mark.django_db
def test_indicator_errors(client, dash):
    login(client, dash.users["province"])
    missing = get(client, "/indicators/no_such", unit=dash["DN"].pk)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    outside = get(client, "/indicators/certified_products", unit=dash["QN"].pk)
    assert outside.status_code == 404
    bad = get(client, "/indicators/certified_products", unit=dash["DN"].pk, star_min=9)
    assert bad.status_code == 400
    assert bad.json()["error"]["field"] == "star_min"
    backwards = get(
        client, "/indicators/certified_products", unit=dash["DN"].pk, start="2024-01-01", end="2023-01-01"
    )
    assert backwards.status_code == 400


@pytest.mark.django_db
def test_plans_list_detail_and_progress(client, dash):
    login(client, dash.users["province"])
    listing = get(client, "/plans").json()
    assert listing["count"] == 1
    assert listing["items"][0]["number"] == "653/KH-UBND"
    assert listing["items"][0]["unit"]["map"] == "pre2025"
    detail = get(client, f"/plans/{dash.plan.pk}").json()
    assert [t["code"] for t in detail["targets"]] == ["CT1", "CT2", "CT3"]
    assert detail["milestones"][0]["title"] == "Xây dựng hệ thống giám sát"
    progress = get(client, f"/plans/{dash.plan.pk}/progress", as_of="2023-12-31").json()
    certified, yearly, per_child = progress["targets"]
    assert float(certified["current"]["total"]["actual"]) == 3
    assert certified["status"] == "on_track"
    assert [p["start"][:4] for p in yearly["periods"]] == ["2021", "2022", "2023", "2024", "2025"]
    assert yearly["status"] == "missed"
    assert per_child["current"]["children_meeting"] == 1
    assert len(per_child["current"]["children"]) == 2
    current = get(client, f"/plans/{dash.plan.pk}/progress", as_of="2023-12-31", grouping="current").json()
    assert {c["unit_name"] for c in current["targets"][0]["current"]["children"]} == {
        "Phường Bắc Gia Nghĩa",
        "Xã Đắk Mil",
    }
    district = get(client, f"/plans/{dash.plan.pk}/progress", as_of="2023-12-31", unit=dash["DM"].pk).json()
    assert district["unit"]["name"] == "Huyện Đắk Mil"
    assert float(district["targets"][0]["current"]["total"]["actual"]) == 2
    assert get(client, f"/plans/{dash.plan.pk}/progress", unit=dash["ls"].pk).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_plans_list_query_count(client, dash, n):
    for i in range(1, n):
        make_dash_plan(dash.world, number=f"{i}/KH")
    login(client, dash.users["province"])
    get(client, "/plans")
    with CaptureQueriesContext(connection) as ctx:
        body = get(client, "/plans").json()
    assert body["count"] == n
    assert len(ctx.captured_queries) <= 6


@pytest.mark.django_db
def test_reports_are_frozen(client, dash):
    login(client, dash.users["province"])
    created = post(client, f"/plans/{dash.plan.pk}/reports", {"as_of": "2023-12-31"})
    assert created.status_code == 201
    report_id = created.json()["id"]
    from ocop.monitoring.tests.plan_fixtures import certified_product

    certified_product(dash.world, dash["bgn"], star=3, on=dt.date(2023, 6, 1))
    body = get(client, f"/reports/{report_id}").json()
    assert float(body["progress"]["targets"][0]["current"]["total"]["actual"]) == 3
    live = get(client, f"/plans/{dash.plan.pk}/progress", as_of="2023-12-31").json()
    assert float(live["targets"][0]["current"]["total"]["actual"]) == 4


@pytest.mark.django_db
def test_writes_through_the_services(client, dash):
    login(client, dash.users["province"])
    plan = post(
        client,
        "/plans",
        {
            "number": "5/KH-UBND",
            "title": "Kế hoạch OCOP 2026",
            "issuing_body": "UBND tỉnh Lâm Đồng",
            "issued_on": "2026-01-10",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "unit_id": dash["LD"].pk,
        },
    )
    assert plan.status_code == 201, plan.json()
    plan_id = plan.json()["id"]
    target = post(
        client,
        f"/plans/{plan_id}/targets",
        {
            "title": "10 sản phẩm 4 sao",
            "indicator": "certified_products",
            "params": {"star_min": 4},
            "comparator": "ge",
            "value": "10",
        },
    )
    assert target.status_code == 201
    assert target.json()["params"] == {"star_min": 4}
    refused = post(
        client,
        f"/plans/{plan_id}/targets",
        {
            "title": "x",
            "indicator": "certified_products",
            "params": {"colour": "red"},
            "comparator": "ge",
            "value": 1,
        },
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["field"] == "params"
    milestone = post(client, f"/plans/{plan_id}/milestones", {"title": "Tập huấn", "due_on": "2026-06-30"})
    assert milestone.status_code == 201
    done = post(
        client,
        f"/plans/{plan_id}/milestones/{milestone.json()['id']}/status",
        {"status": "in_progress"},
    )
    assert done.status_code == 200
    assert done.json()["status"] == "in_progress"
    outside = post(
        client,
        "/plans",
        {
            "number": "6/KH",
            "title": "x",
            "issuing_body": "y",
            "issued_on": "2026-01-10",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "unit_id": dash["QN"].pk,
        },
    )
    assert outside.status_code == 404


@pytest.mark.django_db
def test_council_members_cannot_write(client, dash):
    login(client, dash.users["council"])
    assert get(client, f"/plans/{dash.plan.pk}").status_code == 200
    response = post(client, f"/plans/{dash.plan.pk}/milestones", {"title": "x"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/indicators",
        "/indicators/certified_products?unit={unit}",
        "/plans",
        "/plans/{plan}",
        "/plans/{plan}/progress",
        "/reports/{report}",
    ],
)
def test_outside_producer_and_anonymous_get_nothing(client, dash, path):
    report = services.report_issue(actor=dash.world.admin, plan=dash.plan, as_of=dt.date(2023, 12, 31))
    url = API + path.format(plan=dash.plan.pk, report=report.pk, unit=dash["DN"].pk)
    assert client.get(url).status_code == 401
    login(client, dash.users["producer"])
    assert client.get(url).status_code == 404
    login(client, dash.users["outside"])
    response = client.get(url)
    if path in ("/indicators", "/plans"):
        assert response.status_code == 200
        if path == "/plans":
            assert response.json()["count"] == 0
    else:
        assert response.status_code == 404


@pytest.mark.django_db
def test_the_operations_are_in_the_openapi_document(client):
    paths = client.get(API + "/openapi.json").json()["paths"]
    expected = (
        "/indicators",
        "/indicators/{key}",
        "/plans",
        "/plans/{plan_id}",
        "/plans/{plan_id}/progress",
        "/reports/{report_id}",
        "/plans/{plan_id}/targets",
        "/plans/{plan_id}/milestones",
    )
    for path in expected:
        assert API + path in paths
