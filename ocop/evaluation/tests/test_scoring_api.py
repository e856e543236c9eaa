"""Council-scoring API: scope on every endpoint, independence of the sheets, one error shape."""

from __future__ import annotations

import pytest

from ocop.evaluation import lifecycle
from ocop.evaluation.models import Council, CouncilMember, Result, ScoreSheet, SheetStatus
from ocop.evaluation.services.scoring import conflict_declare, result_conclude
from ocop.evaluation.tests.conftest import VISIBLE
from ocop.evaluation.tests.test_scoring_services import (
    Panel,
    choices_for,
    council_user,
    make_panel,
    score,
    score_all,
    to_council,
)
from ocop.evaluation.tests.test_scoring_views import RESULT_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(eval_world) -> Panel:
    return make_panel(eval_world)


API = "/api/v1"


def _json(client, method, url, data=None):
    return getattr(client, method)(url, data if data is not None else {}, content_type="application/json")


def test_anonymous_gets_401(client, panel):
    dossier = to_council(panel)
    assert client.get(f"{API}/councils").status_code == 401
    response = client.get(f"{API}/dossiers/{dossier.pk}/result")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_the_whole_flow(client, panel):
    dossier = to_council(panel)
    member = panel.members[0]
    client.force_login(member)
    response = _json(client, "put", f"{API}/dossiers/{dossier.pk}/my-sheet", {"choices": {"1.1": 0}})
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "declaration"
    response = _json(client, "post", f"{API}/dossiers/{dossier.pk}/declaration", {"has_conflict": False})
    assert response.status_code == 200
    assert response.json()["has_conflict"] is False
    choices = choices_for(dossier.rubric.sheet, 73, story_exists=False)
    response = _json(
        client,
        "put",
        f"{API}/dossiers/{dossier.pk}/my-sheet",
        {"choices": dict(list(choices.items())[:3]), "comments": {"1.1": "Vùng trồng tại xã Đắk Mil"}},
    )
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "draft"
    assert len(body["lines"]) == 3
    assert body["lines"][0]["comment"] == "Vùng trồng tại xã Đắk Mil"
    assert "12" in body["missing"]
    assert "5.2" not in body["missing"]
    response = _json(client, "post", f"{API}/dossiers/{dossier.pk}/my-sheet/submit")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "12" in error["details"]["missing"]
    _json(client, "put", f"{API}/dossiers/{dossier.pk}/my-sheet", {"choices": choices})
    response = _json(client, "post", f"{API}/dossiers/{dossier.pk}/my-sheet/submit")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["total"]) == ("submitted", 73.0)
    response = _json(client, "put", f"{API}/dossiers/{dossier.pk}/my-sheet", {"choices": {"1.1": 0}})
    assert response.status_code == 400
    assert "không sửa được" in response.json()["error"]["message"]
    raw = client.get(f"{API}/dossiers/{dossier.pk}/my-sheet").content.decode()
    assert "Vùng trồng tại xã Đắk Mil" in raw
    assert "\\u" not in raw


def test_bad_choices_come_back_in_the_error_shape(client, panel):
    dossier = to_council(panel)
    conflict_declare(actor=panel.members[0], dossier=dossier, has_conflict=False)
    client.force_login(panel.members[0])
    response = _json(
        client, "put", f"{API}/dossiers/{dossier.pk}/my-sheet", {"choices": {"1.1": 7, "5.2": 0}}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["field"] == "1.1"
    assert set(error["details"]["problems"]) == {"1.1", "5.2"}
    response = _json(client, "put", f"{API}/dossiers/{dossier.pk}/my-sheet", {"choices": {"1.1": "một"}})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


def test_others_sheets_only_after_submitting(client, panel):
    dossier = to_council(panel)
    score(panel.chair, dossier, 81)
    client.force_login(panel.members[0])
    conflict_declare(actor=panel.members[0], dossier=dossier, has_conflict=False)
    response = client.get(f"{API}/dossiers/{dossier.pk}/sheets")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    result = client.get(f"{API}/dossiers/{dossier.pk}/result").json()
    assert result["status"] == "pending"
    assert result["mean_score"] is None
    assert result["member_totals"] is None
    assert all(row["total"] is None for row in result["progress"])
    score(panel.members[0], dossier, 61)
    sheets = client.get(f"{API}/dossiers/{dossier.pk}/sheets").json()
    assert {s["member_name"]: s["total"] for s in sheets} == {"Nguyễn Văn An": 81.0, "Trần Thị Bình": 61.0}
    result = client.get(f"{API}/dossiers/{dossier.pk}/result").json()
    assert result["member_totals"] == {"Nguyễn Văn An": 81.0, "Trần Thị Bình": 61.0}
    assert result["mean_score"] is None or result["mean_score"] == 71.0


def test_reopen_and_conclude_by_the_chair(client, panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [60, 61, 76])
    sheet = ScoreSheet.objects.get(member__user=panel.members[1])
    client.force_login(panel.members[0])
    assert _json(client, "post", f"{API}/sheets/{sheet.pk}/reopen", {"reason": "Xem lại"}).status_code == 403
    assert _json(client, "post", f"{API}/dossiers/{dossier.pk}/result", {}).status_code == 403
    client.force_login(panel.chair)
    response = _json(client, "post", f"{API}/sheets/{sheet.pk}/reopen", {"reason": ""})
    assert response.status_code == 422
    response = _json(
        client, "post", f"{API}/sheets/{sheet.pk}/reopen", {"reason": "Kiểm tra lại tiêu chí 4.1"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert response.json()["reopened_reason"] == "Kiểm tra lại tiêu chí 4.1"
    response = _json(client, "post", f"{API}/dossiers/{dossier.pk}/result", {})
    assert response.status_code == 400
    assert response.json()["error"]["details"]["missing_members"] == ["Lê Văn Cường"]
    client.force_login(panel.members[1])
    _json(client, "post", f"{API}/dossiers/{dossier.pk}/my-sheet/submit")
    client.force_login(panel.chair)
    response = _json(client, "post", f"{API}/dossiers/{dossier.pk}/result", {})
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "discussed"
    response = _json(
        client, "post", f"{API}/dossiers/{dossier.pk}/result", {"discussed": True, "note": "Giữ nguyên điểm"}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["mean_score"], body["final_star"]) == ("concluded", 65.67, 3)
    assert body["flagged_members"] == ["Lê Văn Cường"]
    assert body["note"] == "Giữ nguyên điểm"
    dossier.refresh_from_db()
    assert dossier.status == lifecycle.SCORED


@pytest.mark.parametrize("who", list(VISIBLE))
def test_result_scope_for_every_role(client, panel, who):
    dossier = to_council(panel)
    score_all(panel, dossier, [70, 71, 72])
    result_conclude(actor=panel.chair, dossier=dossier)
    client.force_login(panel.world.users[who])
    response = client.get(f"{API}/dossiers/{dossier.pk}/result")
    status, names = RESULT_PAGE[who]
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["mean_score"] == 71.0
        assert body["final_star"] == 4
        assert (body["member_totals"] is not None) == names
    sheets = client.get(f"{API}/dossiers/{dossier.pk}/sheets")
    assert sheets.status_code == (200 if names else 404)


@pytest.mark.parametrize("who", list(VISIBLE))
def test_nobody_but_seats_writes(client, panel, who):
    dossier = to_council(panel)
    client.force_login(panel.world.users[who])
    declared = _json(client, "post", f"{API}/dossiers/{dossier.pk}/declaration", {"has_conflict": False})
    saved = _json(client, "put", f"{API}/dossiers/{dossier.pk}/my-sheet", {"choices": {"1.1": 0}})
    expected = 404 if who not in RESULT_PAGE or RESULT_PAGE[who][0] == 404 else 403
    assert declared.status_code == expected
    assert saved.status_code == expected
    assert not ScoreSheet.objects.exists()


@pytest.mark.parametrize("who", list(VISIBLE))
def test_council_endpoints_are_scoped(client, panel, who):
    client.force_login(panel.world.users[who])
    listed = client.get(f"{API}/councils").json()
    sees = who in {"admin", "central", "province_ld", "council_ld"}
    assert (panel.council.pk in {c["id"] for c in listed["items"]}) == sees
    detail = client.get(f"{API}/councils/{panel.council.pk}")
    assert detail.status_code == (200 if sees else 404)
    if sees:
        roles = [m["role"] for m in detail.json()["members"]]
        assert roles == ["chair", "member", "member", "secretary"]
    newcomer = council_user(panel.world, "Đinh Văn", "Long")
    added = _json(client, "post", f"{API}/councils/{panel.council.pk}/members", {"user_id": newcomer.pk})
    assert added.status_code == (201 if who in {"admin", "province_ld"} else 403 if sees else 404)
    created = _json(
        client, "post", f"{API}/councils", {"round_id": panel.world.rounds["lam_dong"].pk, "name": "HĐ 2"}
    )
    assert created.status_code == (201 if who in {"admin", "province_ld"} else 403 if sees else 404)


def test_council_creation_and_seats_through_the_api(client, panel):
    client.force_login(panel.officer)
    response = _json(
        client,
        "post",
        f"{API}/councils",
        {
            "round_id": panel.world.rounds["lam_dong"].pk,
            "name": "Hội đồng chuyên ngành",
            "spread_threshold": "7.5",
        },
    )
    assert response.status_code == 201
    council = response.json()
    assert council["spread_threshold"] == 7.5
    assert council["province"] == "Tỉnh Lâm Đồng"
    chair = council_user(panel.world, "Mai Văn", "Nam")
    url = f"{API}/councils/{council['id']}/members"
    assert _json(client, "post", url, {"user_id": chair.pk, "role": "chair"}).status_code == 201
    response = _json(client, "post", url, {"user_id": panel.members[0].pk, "role": "chair"})
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "role"
    assert _json(client, "post", url, {"user_id": 999_999}).json()["error"]["field"] == "user_id"
    member = CouncilMember.objects.get(council_id=council["id"])
    assert client.delete(f"{url}/{member.pk}").status_code == 204
    assert not Council.objects.get(pk=council["id"]).members.exists()
    response = _json(client, "post", f"{API}/councils", {"round_id": 999_999, "name": "HĐ"})
    assert response.status_code == 404


def test_my_scoring_dossiers(client, panel):
    dossier = to_council(panel)
    score(panel.members[0], dossier, 70)
    client.force_login(panel.members[0])
    body = client.get(f"{API}/scoring/dossiers").json()
    assert body["count"] == 1
    row = body["items"][0]
    assert (row["id"], row["sheet_status"], row["submitted_count"], row["scorer_count"]) == (
        dossier.pk,
        SheetStatus.SUBMITTED,
        1,
        3,
    )
    client.force_login(panel.world.users["province_ld"])
    assert client.get(f"{API}/scoring/dossiers").json()["count"] == 0


def test_producer_sees_the_summary_without_names(client, panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [60, 60, 60], miss={"2.2": 3})
    client.force_login(panel.world.users["producer_dak_mil"])
    assert client.get(f"{API}/dossiers/{dossier.pk}/result").status_code == 404
    result_conclude(actor=panel.chair, dossier=dossier)
    body = client.get(f"{API}/dossiers/{dossier.pk}/result").json()
    assert body["final_star"] == 0
    assert body["certifiable"] is False
    assert body["failed_marks"][0]["criterion_code"] == "2.2"
    assert body["member_totals"] is None
    assert body["progress"] is None
    assert "Nguyễn Văn An" not in client.get(f"{API}/dossiers/{dossier.pk}/result").content.decode()
    assert Result.objects.count() == 1
