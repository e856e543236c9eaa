"""Certification API: scope on every endpoint, authentication everywhere but verification, one error shape."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ocop.certification.models import Certificate, Decision, Inspection, Revocation
from ocop.certification.tests.conftest import ACTS_ON, ALL, DECIDERS, VISIBLE, issue, make_scored_dossier
from ocop.evaluation.models import Dossier

pytestmark = pytest.mark.django_db
API = "/api/v1"
D = dt.date


def _post(client, url, payload):
    return client.post(url, payload, content_type="application/json")


REVOCATION = {
    "ground": "c",
    "concluded_on": "2026-04-01",
    "decision_number": "7/QĐ-UBND",
    "decided_on": "2026-04-05",
    "reason": "Vi phạm quy định về an toàn thực phẩm theo kết luận thanh tra.",
}
INSPECTION = {
    "kind": "periodic",
    "inspected_on": "2026-03-02",
    "inspectors": "Chi cục PTNT",
    "findings": "Đạt.",
    "mark_use_ok": True,
    "outcome": "compliant",
}


def test_anonymous_gets_401_except_on_verification(client, cert_world, certificates):
    certificate = certificates["dak_mil"]
    assert client.get(f"{API}/certificates").status_code == 401
    assert client.get(f"{API}/certificates/{certificate.pk}").json()["error"]["code"] == "unauthorized"
    assert _post(client, f"{API}/certificates/{certificate.pk}/revocation", REVOCATION).status_code == 401
    assert _post(client, f"{API}/certificates/{certificate.pk}/inspections", INSPECTION).status_code == 401
    assert (
        _post(client, f"{API}/certificates/{certificate.pk}/renewal", {"kind": "upgrade"}).status_code == 401
    )
    assert (
        _post(
            client, f"{API}/decisions", {"dossier_ids": [1], "number": "1", "signed_on": "2026-01-01"}
        ).status_code
        == 401
    )
    assert client.get(f"{API}/verify/{certificate.public_token}").status_code == 200
    assert not Revocation.objects.exists()
    assert not Inspection.objects.exists()


def test_openapi_marks_only_verification_public(client, cert_world):
    schema = client.get(f"{API}/openapi.json").json()
    for path, operations in schema["paths"].items():
        if not any(p in path for p in ("/certificates", "/decisions", "/verify")):
            continue
        for operation in operations.values():
            assert ("security" in operation) == ("/verify" not in path), path


def test_list_and_detail_hold_only_the_scope(client, cert_world, certificates):
    for who in sorted(VISIBLE):
        client.force_login(cert_world.users[who])
        data = client.get(f"{API}/certificates").json()
        expected = {certificates[k].pk for k in VISIBLE[who]}
        assert {c["id"] for c in data["items"]} == expected, who
        assert data["count"] == len(expected), who
        for key in ALL:
            response = client.get(f"{API}/certificates/{certificates[key].pk}")
            assert response.status_code == (200 if key in VISIBLE[who] else 404), (who, key)


def test_certificate_json_shape(client, cert_world, certificates):
    client.force_login(cert_world.users["admin"])
    certificate = certificates["dak_mil"]
    raw = client.get(f"{API}/certificates/{certificate.pk}").content.decode()
    assert "Sâm dây Ngọc Linh" in raw
    assert "\\u" not in raw
    data = client.get(f"{API}/certificates/{certificate.pk}").json()
    assert data["number"] == certificate.number
    assert data["valid_until"] == "2029-01-15"
    assert data["status"]["code"] in {"valid", "expiring"}
    assert data["decision"]["authority"] == "province_chair"
    assert data["verify_url"] == f"http://testserver/xac-minh/{certificate.public_token}/"
    assert data["revocation"] is None


def test_list_filters(client, cert_world, certificates):
    client.force_login(cert_world.users["admin"])
    data = client.get(f"{API}/certificates", {"province_id": cert_world.map.quang_ngai.pk}).json()
    assert {c["id"] for c in data["items"]} == {certificates["dak_glei"].pk, certificates["ly_son"].pk}
    assert client.get(f"{API}/certificates", {"star": 5}).json()["count"] == 0
    assert client.get(f"{API}/certificates", {"status": "revoked"}).json()["count"] == 0
    assert client.get(f"{API}/certificates", {"status": "nonsense"}).status_code == 422


def test_list_keeps_a_bounded_number_of_queries(client, cert_world):
    client.force_login(cert_world.users["admin"])
    issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15))
    with CaptureQueriesContext(connection) as one:
        client.get(f"{API}/certificates")
    for key in ("bao_loc", "dak_glei"):
        issue(cert_world.products[key], signed_on=D(2026, 1, 15))
    with CaptureQueriesContext(connection) as three:
        assert client.get(f"{API}/certificates").json()["count"] == 3
    assert len(one.captured_queries) == len(three.captured_queries)


@pytest.mark.parametrize("who", sorted(VISIBLE))
def test_post_decision_follows_authority(client, cert_world, who):
    dossier = make_scored_dossier(cert_world.products["dak_mil"])
    client.force_login(cert_world.users[who])
    response = _post(
        client,
        f"{API}/decisions",
        {
            "dossier_ids": [dossier.pk],
            "number": "21/QĐ-UBND",
            "signed_on": "2026-06-30",
            "signer": "Chủ tịch",
        },
    )
    if who in DECIDERS and "dak_mil" in ACTS_ON[who]:
        assert response.status_code == 201
        data = response.json()
        assert data["authority"] == "province_chair"
        assert data["unit"]["code"] == "68"
        assert [c["number"] for c in data["certificates"]] == ["001/GCN-OCOP-68-2026"]
        assert data["certificates"][0]["valid_until"] == "2029-06-30"
    else:
        assert response.status_code in {403, 404}
        assert response.json()["error"]["code"] in {"forbidden", "not_found"}
        assert not Decision.objects.exists()


def test_post_decision_errors_name_the_dossier(client, cert_world):
    good = make_scored_dossier(cert_world.products["dak_mil"])
    bad = make_scored_dossier(cert_world.products["dak_glei"])
    client.force_login(cert_world.users["admin"])
    response = _post(
        client,
        f"{API}/decisions",
        {"dossier_ids": [good.pk, bad.pk], "number": "1", "signed_on": "2026-06-30"},
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["field"] == "dossiers"
    assert str(bad) in error["message"]
    assert not Certificate.objects.exists()
    assert (
        _post(
            client, f"{API}/decisions", {"dossier_ids": [], "number": "1", "signed_on": "2026-06-30"}
        ).status_code
        == 422
    )


@pytest.mark.parametrize("who", sorted(VISIBLE))
def test_post_revocation_and_inspection_follow_authority(client, cert_world, who):
    client.force_login(cert_world.users[who])
    certificate = issue(cert_world.products["dak_glei"], signed_on=D(2026, 1, 15))
    inspected = _post(client, f"{API}/certificates/{certificate.pk}/inspections", INSPECTION)
    revoked = _post(client, f"{API}/certificates/{certificate.pk}/revocation", REVOCATION)
    if "dak_glei" in ACTS_ON[who]:
        assert inspected.status_code == 201
        assert inspected.json()["outcome"] == "compliant"
        assert revoked.status_code == 201
        data = revoked.json()
        assert data["ground"] == "c"
        assert data["point"] == "c"
        assert not data["late"]
        detail = client.get(f"{API}/certificates/{certificate.pk}").json()
        assert detail["status"]["code"] == "revoked"
    else:
        assert inspected.status_code in {403, 404}
        assert revoked.status_code in {403, 404}
        assert not Revocation.objects.exists()
        assert not Inspection.objects.exists()


def test_revocation_errors_are_clear(client, cert_world, certificates):
    client.force_login(cert_world.users["admin"])
    url = f"{API}/certificates/{certificates['dak_mil'].pk}/revocation"
    bad_ground = _post(client, url, {**REVOCATION, "ground": "mark_misuse"})
    assert bad_ground.status_code == 422
    late_first = _post(client, url, {**REVOCATION, "decided_on": "2026-03-01"})
    assert late_first.status_code == 400
    assert late_first.json()["error"]["field"] == "decided_on"
    assert _post(client, url, {**REVOCATION, "ground": "dd"}).json()["point"] == "đ"
    again = _post(client, url, REVOCATION)
    assert again.status_code == 400
    assert "đã bị thu hồi" in again.json()["error"]["message"]


def test_post_renewal(client, cert_world, certificates):
    certificate = certificates["dak_mil"]
    client.force_login(cert_world.users["producer_dak_mil"])
    url = f"{API}/certificates/{certificate.pk}/renewal"
    early = _post(client, url, {"kind": "reevaluation"})
    assert early.status_code == 400
    assert "Chưa đến thời hạn nộp hồ sơ đánh giá lại" in early.json()["error"]["message"]
    assert _post(client, url, {"kind": "other"}).status_code == 422
    created = _post(client, url, {"kind": "upgrade"})
    assert created.status_code == 201
    data = created.json()
    assert data["kind"] == "upgrade"
    assert data["previous_certificate_number"] == certificate.number
    assert Dossier.objects.get(pk=data["id"]).status == "draft"
    other = certificates["bao_loc"]
    assert _post(client, f"{API}/certificates/{other.pk}/renewal", {"kind": "upgrade"}).status_code == 404
