"""Public verification (the QR code's target): live status, nothing private, a friendly 404 otherwise."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.certification import services
from ocop.certification.tests.conftest import PRIVATE_EMAIL_DOMAIN, PRIVATE_PHONE, issue, make_scored_dossier

pytestmark = pytest.mark.django_db
D = dt.date
VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOT_FOUND = "Không tìm thấy giấy chứng nhận"


def _at(day: dt.date):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN), tick=False)


def _page(client, certificate) -> str:
    response = client.get(certificate.get_public_url())
    assert response.status_code == 200
    return response.content.decode()


def _json(client, certificate) -> dict:
    response = client.get(f"/api/v1/verify/{certificate.public_token}")
    assert response.status_code == 200
    return response.json()


def test_anyone_sees_the_public_facts(client, cert_world):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15), number="88/QĐ-UBND")
    assert certificate.get_public_url() == f"/xac-minh/{certificate.public_token}/"
    body = _page(client, certificate)
    for text in (
        certificate.number,
        "Sâm dây Ngọc Linh dak_mil",
        cert_world.producers["dak_mil"].name,
        "Xã Đắk Mil",
        "Tỉnh Lâm Đồng",
        "15/01/2026",
        "15/01/2029",
        "88/QĐ-UBND",
        "Còn hiệu lực",
        "Valid",
        "★★★★",
    ):
        assert text in body, text
    data = _json(client, certificate)
    assert data["number"] == certificate.number
    assert data["product_name"] == "Sâm dây Ngọc Linh dak_mil"
    assert data["commune"] == "Xã Đắk Mil"
    assert data["province"] == "Tỉnh Lâm Đồng"
    assert data["star"] == 4
    assert data["issued_on"] == "2026-01-15"
    assert data["valid_until"] == "2029-01-15"
    assert data["status"]["code"] == "valid"
    assert data["status"]["label"] == "Còn hiệu lực"
    assert data["status"]["label_en"] == "Valid"


def test_nothing_private_is_shown(client, cert_world):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15))
    producer = cert_world.producers["dak_mil"]
    body = _page(client, certificate)
    raw = client.get(f"/api/v1/verify/{certificate.public_token}").content.decode()
    for secret in (
        PRIVATE_PHONE,
        PRIVATE_EMAIL_DOMAIN,
        producer.email,
        producer.registration_code,
        producer.legal_rep_name,
        "Bí Mật",
        "Thành viên 1",
        certificate.dossier.registration_number,
        str(certificate.score).replace(".", ","),
        str(certificate.score),
    ):
        assert secret not in body, secret
        assert secret not in raw, secret
    data = _json(client, certificate)
    for key in (
        "phone",
        "email",
        "registration_code",
        "legal_rep_name",
        "legal_rep_gender",
        "legal_rep_ethnicity",
        "score",
        "member_totals",
    ):
        assert key not in data


def test_status_follows_the_calendar_on_every_request(client, cert_world):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 8, 31))  # valid until 31/08/2029
    for day, code, vi in (
        (D(2029, 3, 3), "valid", "Còn hiệu lực"),
        (D(2029, 3, 4), "expiring", "Sắp hết hạn"),
        (D(2029, 8, 31), "expiring", "Sắp hết hạn"),
        (D(2029, 9, 1), "expired", "Hết hiệu lực"),
    ):
        with _at(day):
            assert vi in _page(client, certificate), day
            assert _json(client, certificate)["status"]["code"] == code, day


def test_revocation_shows_on_the_very_next_request_with_its_ground(client, cert_world):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15))
    assert "Còn hiệu lực" in _page(client, certificate)
    response = client.get(certificate.get_public_url())
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    services.certificate_revoke(
        actor=cert_world.users["province_ld"],
        certificate=certificate,
        ground="d",
        concluded_on=D(2026, 4, 1),
        decision_number="12/QĐ-UBND",
        decided_on=D(2026, 4, 3),
        reason="Dán tem 5 sao cho sản phẩm 4 sao.",
    )
    body = _page(client, certificate)
    assert "Đã bị thu hồi" in body
    assert "Revoked" in body
    assert "03/04/2026" in body
    assert "sử dụng nhãn hiệu OCOP không đúng quy định" in body
    api = client.get(f"/api/v1/verify/{certificate.public_token}")
    assert "no-cache" in api["Cache-Control"]
    data = api.json()
    assert data["status"]["code"] == "revoked"
    assert data["revocation_ground"] == "d"
    assert "nhãn hiệu OCOP" in data["revocation_ground_label"]
    assert data["revoked_on"] == "2026-04-03"


def test_superseded_certificate_links_to_the_new_one(client, cert_world):
    admin = cert_world.users["admin"]
    old = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15), star=3)
    dossier = services.renewal_dossier_open(actor=admin, certificate=old, kind="upgrade", today=D(2026, 2, 1))
    from ocop.certification.tests.test_services import make_scored_dossier_from

    new = services.decision_issue(
        actor=admin,
        dossiers=[make_scored_dossier_from(dossier, star=4)],
        number="U/QĐ",
        signed_on=D(2026, 3, 1),
    ).certificates.get()
    body = _page(client, old)
    assert "Đã được thay thế" in body
    assert "Superseded" in body
    assert f'href="{new.get_public_url()}"' in body
    data = _json(client, old)
    assert data["status"]["code"] == "superseded"
    assert data["superseded_by_number"] == new.number
    assert data["superseded_by_verify_url"] == f"http://testserver{new.get_public_url()}"
    assert "Còn hiệu lực" in _page(client, new)


@pytest.mark.parametrize(
    "path",
    [
        "/xac-minh/khong-co-ma-nay/",
        "/xac-minh/../",
        "/xac-minh/",
        "/xac-minh/a/b/c/",
        "/xac-minh/" + "A" * 5000 + "/",
        "/xac-minh/giấy-chứng-nhận-🌾/",
        "/xac-minh/%00/",
        "/xac-minh/' OR 1=1 --/",
        "/xac-minh/abc",
        "/xac-minh/%2F%0A/",
        "/xac-minh/%0A",
    ],
)
def test_unknown_or_malformed_codes_get_the_friendly_404(client, cert_world, path):
    issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15))
    response = client.get(path)
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()
    api = client.get("/api/v1/verify/" + path.removeprefix("/xac-minh/"))
    assert api.status_code == 404
    assert api.json()["error"]["code"] == "not_found"


def test_a_real_code_without_the_trailing_slash_still_verifies(client, cert_world):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15))
    response = client.get(f"/xac-minh/{certificate.public_token}")
    assert response.status_code == 200
    assert certificate.number in response.content.decode()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_is_a_404_never_a_500(client, small_map, token):
    path = "/xac-minh/" + quote(token, safe="") + "/"
    response = client.get(path)
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()
    api = client.get("/api/v1/verify/" + quote(token, safe=""))
    assert api.status_code == 404
    assert api.json()["error"]["code"] == "not_found"


def test_reverse_of_verify_keeps_its_name(cert_world):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15))
    assert reverse("certification:verify", args=[certificate.public_token]) == certificate.get_public_url()


def test_central_five_star_certificate_verifies(client, cert_world):
    dossier = make_scored_dossier(cert_world.products["dak_glei"], star=5, central=True)
    decision = services.decision_issue(
        actor=cert_world.users["central"], dossiers=[dossier], number="99/QĐ-BNNMT", signed_on=D(2026, 6, 1)
    )
    body = _page(client, decision.certificates.get())
    assert "★★★★★" in body
    assert "Bộ trưởng Bộ Nông nghiệp và Môi trường" in body
