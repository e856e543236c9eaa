"""Dossier and round API: scope on every endpoint, the one error shape, the steps with their inputs."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ocop.evaluation.models import Dossier, Round
from ocop.evaluation.services.dossiers import COMMUNE_ASSESSMENT_FIELDS
from ocop.evaluation.tests.conftest import (
    COMMUNES,
    VISIBLE,
    advance_to,
    fill_self_scores,
    make_council,
    make_dossier,
    make_submitted_dossier,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"
JSON = "application/json"


@pytest.fixture
def submitted(eval_world) -> dict[str, Dossier]:
    return {key: make_submitted_dossier(eval_world.products[key]) for key in COMMUNES}


def test_anonymous_gets_401(client, eval_world, submitted):
    response = client.get(f"{API}/dossiers")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert client.get(f"{API}/dossiers/{submitted['dak_mil'].pk}").status_code == 401
    assert client.get(f"{API}/rounds").status_code == 401


@pytest.mark.parametrize("who", list(VISIBLE))
def test_list_and_detail_hold_only_the_scope(client, eval_world, submitted, who):
    client.force_login(eval_world.users[who])
    listed = client.get(f"{API}/dossiers").json()
    expected = {submitted[key].pk for key in VISIBLE[who]}
    assert {item["id"] for item in listed["items"]} == expected
    assert listed["count"] == len(expected)
    for key in COMMUNES:
        response = client.get(f"{API}/dossiers/{submitted[key].pk}")
        if key in VISIBLE[who]:
            assert response.status_code == 200
        else:
            assert response.status_code == 404
            assert response.json()["error"] == {
                "code": "not_found",
                "message": "Không tìm thấy hồ sơ.",
                "field": None,
                "details": None,
            }


def test_detail_has_the_timeline_and_the_next_steps(client, eval_world):
    dossier = advance_to(
        make_dossier(eval_world.products["dak_mil"]), "returned", reason="Thiếu phiếu kiểm nghiệm"
    )
    client.force_login(eval_world.users["producer_dak_mil"])
    data = client.get(f"{API}/dossiers/{dossier.pk}").json()
    assert [t["to_status"] for t in data["transitions"]] == ["submitted", "returned"]
    assert data["transitions"][1]["reason"] == "Thiếu phiếu kiểm nghiệm"
    assert data["return_reason"] == "Thiếu phiếu kiểm nghiệm"
    assert {s["to_status"] for s in data["next_steps"]} == {"submitted", "withdrawn"}
    assert data["rubric"]["product_set_number"] == 18
    assert float(data["self_score_total"]) == 100.0
    assert data["registration_number"].endswith("/PĐK-68-24823-" + data["registration_number"][-4:])


def test_filters(client, eval_world, submitted):
    advance_to(submitted["bao_loc"], "commune_review")
    client.force_login(eval_world.users["admin"])
    data = client.get(f"{API}/dossiers", {"status": "commune_review"}).json()
    assert [item["id"] for item in data["items"]] == [submitted["bao_loc"].pk]
    data = client.get(f"{API}/dossiers", {"q": "ngoc linh ly son"}).json()
    assert [item["id"] for item in data["items"]] == [submitted["ly_son"].pk]
    assert client.get(f"{API}/dossiers", {"kind": "upgrade"}).json()["count"] == 0
    in_round = advance_to(submitted["dak_mil"], "advisory_review", round=eval_world.rounds["lam_dong"])
    data = client.get(f"{API}/dossiers", {"round": eval_world.rounds["lam_dong"].pk}).json()
    assert [item["id"] for item in data["items"]] == [in_round.pk]
    assert client.get(f"{API}/dossiers", {"status": "nonsense"}).status_code == 422
    data = client.get(f"{API}/dossiers", {"limit": 2, "offset": 1}).json()
    assert (len(data["items"]), data["count"]) == (2, 4)


def test_producer_prepares_and_submits_through_the_api(client, eval_world):
    client.force_login(eval_world.users["producer_dak_mil"])
    created = client.post(
        f"{API}/dossiers",
        {"product_id": eval_world.products["dak_mil"].pk, "samples_count": 5},
        content_type=JSON,
    )
    assert created.status_code == 201
    dossier_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    patched = client.patch(
        f"{API}/dossiers/{dossier_id}",
        {"application": {"phone": "0261 3777 888"}, "story_exists": False},
        content_type=JSON,
    )
    assert patched.status_code == 200
    assert patched.json()["application"]["phone"] == "0261 3777 888"
    assert patched.json()["story_exists"] is False
    score = client.put(
        f"{API}/dossiers/{dossier_id}/self-scores/1.1", {"option_index": 2, "note": "80%"}, content_type=JSON
    )
    assert score.json() == {"criterion_code": "1.1", "option_index": 2, "points": "3", "note": "80%"}
    refused = client.post(
        f"{API}/dossiers/{dossier_id}/transitions", {"to_status": "submitted"}, content_type=JSON
    )
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert (error["code"], error["field"]) == ("invalid", "self_scores")
    assert "1.2" in error["details"]["missing"]
    assert "5.2" not in error["details"]["missing"]  # no story: 5.2 does not apply
    fill_self_scores(Dossier.objects.get(pk=dossier_id), only_missing=True)
    done = client.post(
        f"{API}/dossiers/{dossier_id}/transitions", {"to_status": "submitted"}, content_type=JSON
    )
    assert done.status_code == 200
    assert done.json()["status"] == "submitted"
    assert done.json()["registration_number"]


def test_writes_outside_the_scope_answer_404_and_wrong_role_403(client, eval_world, submitted):
    dossier = submitted["dak_mil"]
    client.force_login(eval_world.users["producer_bao_loc"])
    for method, url, body in (
        ("patch", f"{API}/dossiers/{dossier.pk}", {"samples_count": 3}),
        ("put", f"{API}/dossiers/{dossier.pk}/self-scores/1.1", {"option_index": 0}),
        ("post", f"{API}/dossiers/{dossier.pk}/transitions", {"to_status": "withdrawn", "reason": "x"}),
    ):
        assert getattr(client, method)(url, body, content_type=JSON).status_code == 404
    created = client.post(
        f"{API}/dossiers", {"product_id": eval_world.products["dak_mil"].pk}, content_type=JSON
    )
    assert created.status_code == 404
    client.force_login(eval_world.users["council_ld"])
    response = client.post(
        f"{API}/dossiers/{dossier.pk}/transitions", {"to_status": "commune_review"}, content_type=JSON
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert Dossier.objects.get(pk=dossier.pk).status == "submitted"


def test_the_commune_forwards_with_mau_03(client, eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "commune_review")
    client.force_login(eval_world.users["commune_dak_mil"])
    url = f"{API}/dossiers/{dossier.pk}/transitions"
    partial = {"to_status": "province_intake", "commune_assessment": {"local_materials": "100%"}}
    response = client.post(url, partial, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "commune_assessment"
    full = dict.fromkeys(COMMUNE_ASSESSMENT_FIELDS, "Đạt")
    response = client.post(
        url, {"to_status": "province_intake", "commune_assessment": full}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["commune_assessment"]["conclusion"] == "Đạt"


def test_the_province_takes_in_sends_to_council_or_disqualifies(client, eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "province_intake")
    officer = eval_world.users["province_ld"]
    client.force_login(officer)
    url = f"{API}/dossiers/{dossier.pk}/transitions"
    wrong = client.post(
        url,
        {"to_status": "advisory_review", "round_id": eval_world.rounds["quang_ngai"].pk},
        content_type=JSON,
    )
    assert (wrong.status_code, wrong.json()["error"]["field"]) == (400, "round_id")
    extra = client.post(
        url,
        {"to_status": "returned", "reason": "x", "round_id": eval_world.rounds["lam_dong"].pk},
        content_type=JSON,
    )
    assert extra.status_code == 400
    assert "không dùng ở bước này" in extra.json()["error"]["message"]
    ok = client.post(
        url, {"to_status": "advisory_review", "round_id": eval_world.rounds["lam_dong"].pk}, content_type=JSON
    )
    assert ok.json()["round_id"] == eval_world.rounds["lam_dong"].pk
    council = make_council(eval_world.rounds["lam_dong"], actor=officer)
    sent = client.post(url, {"to_status": "council", "council_id": council.pk}, content_type=JSON)
    assert (sent.status_code, sent.json()["council_id"]) == (200, council.pk)

    other = advance_to(make_dossier(eval_world.products["bao_loc"]), "province_intake")
    conditions = other.rubric.sheet.disqualification
    url = f"{API}/dossiers/{other.pk}/transitions"
    bad = client.post(
        url, {"to_status": "disqualified", "disqualification_conditions": [99]}, content_type=JSON
    )
    assert bad.json()["error"]["field"] == "disqualification_conditions"
    out = client.post(
        url,
        {"to_status": "disqualified", "disqualification_conditions": [0], "reason": "Kèm ghi chú"},
        content_type=JSON,
    )
    assert out.status_code == 200
    assert out.json()["disqualification_reason"] == f"Hồ sơ bị loại khi: {conditions[0]}. Kèm ghi chú"


def test_steps_of_other_services_are_refused(client, eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "scored")
    client.force_login(eval_world.users["province_ld"])
    response = client.post(
        f"{API}/dossiers/{dossier.pk}/transitions", {"to_status": "decided"}, content_type=JSON
    )
    assert (response.status_code, response.json()["error"]["field"]) == (400, "to_status")
    assert Dossier.objects.get(pk=dossier.pk).status == "scored"


def test_rounds_list_and_create_with_permissions(client, eval_world):
    client.force_login(eval_world.users["province_qn"])
    names = {r["name"] for r in client.get(f"{API}/rounds").json()["items"]}
    assert names == {eval_world.rounds["quang_ngai"].name}
    payload = {"level": "province", "unit_id": eval_world.map.lam_dong.pk, "year": 2027, "number": 1}
    refused = client.post(f"{API}/rounds", payload, content_type=JSON)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    client.force_login(eval_world.users["province_ld"])
    created = client.post(f"{API}/rounds", payload, content_type=JSON)
    assert created.status_code == 201
    assert (created.json()["proposal_deadline"], created.json()["conclusion_deadline"]) == (
        "2027-04-30",
        "2027-06-30",
    )
    again = client.post(f"{API}/rounds", payload, content_type=JSON)
    assert (again.status_code, again.json()["error"]["field"]) == (400, "number")
    backwards = {
        **payload,
        "number": 2,
        "proposal_deadline": "2027-10-30",
        "conclusion_deadline": "2027-10-01",
    }
    assert (
        client.post(f"{API}/rounds", backwards, content_type=JSON).json()["error"]["field"]
        == "conclusion_deadline"
    )
    closed = client.post(f"{API}/rounds/{created.json()['id']}/close", content_type=JSON)
    assert closed.json()["is_open"] is False
    assert Round.objects.filter(unit=eval_world.map.lam_dong, year=2027).count() == 1


def test_list_query_count_does_not_grow(client, eval_world):
    from ocop.registry import services as registry_services

    client.force_login(eval_world.users["province_ld"])
    counts = []
    for expected, names in ((1, ["Mật ong"]), (3, ["Cà phê", "Hồ tiêu"])):
        for name in names:
            product = registry_services.product_create(
                actor=eval_world.users["admin"],
                producer=eval_world.producers["dak_mil"],
                name=name,
                product_set=eval_world.products["dak_mil"].product_set,
            )
            make_submitted_dossier(product)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{API}/dossiers").json()["count"] == expected
        counts.append(len(ctx))
    assert counts[0] == counts[1]
    assert counts[1] <= 8


def test_json_keeps_vietnamese(client, eval_world, submitted):
    client.force_login(eval_world.users["admin"])
    raw = client.get(f"{API}/dossiers/{submitted['dak_mil'].pk}").content.decode()
    assert "Sâm dây Ngọc Linh" in raw
    assert "\\u" not in raw
