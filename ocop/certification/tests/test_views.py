"""Certification pages: every role sees and acts within its scope; lists keep a bounded query count."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.certification import services
from ocop.certification.models import Certificate, Decision, Inspection, Revocation
from ocop.certification.tests.conftest import ACTS_ON, ALL, DECIDERS, VISIBLE, issue, make_scored_dossier
from ocop.evaluation import lifecycle
from ocop.evaluation.models import Dossier

pytestmark = pytest.mark.django_db
D = dt.date
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(day: dt.date):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN), tick=False)


def _name(key: str) -> str:
    return f"Sâm dây Ngọc Linh {key}"


# Scope tests loop over every role on one world (reads do not change it; building it is the slow part).


def test_certificate_list_shows_only_the_scope(client, cert_world, certificates):
    for who in sorted(VISIBLE):
        client.force_login(cert_world.users[who])
        body = client.get(reverse("certification:certificate-list")).content.decode()
        for key in ALL:
            assert (_name(key) in body) == (key in VISIBLE[who]), (who, key)


def test_certificate_and_decision_pages_answer_404_outside_the_scope(client, cert_world, certificates):
    for who in sorted(VISIBLE):
        client.force_login(cert_world.users[who])
        for key in ALL:
            certificate = certificates[key]
            expected = 200 if key in VISIBLE[who] else 404
            page = client.get(certificate.get_absolute_url())
            assert page.status_code == expected, (who, key)
            decision_url = reverse("certification:decision-detail", args=[certificate.decision_id])
            assert client.get(decision_url).status_code == expected, (who, key)
            if expected == 404:
                assert certificate.number not in page.content.decode()
        decisions = client.get(reverse("certification:decision-list")).content.decode()
        for key in ALL:
            number = certificates[key].decision.number
            assert (f">{number}<" in decisions) == (key in VISIBLE[who]), (who, key)


def test_revoke_and_inspect_pages_follow_authority(client, cert_world, certificates):
    for who in sorted(VISIBLE):
        client.force_login(cert_world.users[who])
        for key in ALL:
            certificate = certificates[key]
            for name in ("certification:certificate-revoke", "certification:inspection-create"):
                response = client.get(reverse(name, args=[certificate.pk]))
                if key in ACTS_ON[who]:
                    assert response.status_code == 200, (who, name, key)
                else:
                    assert response.status_code in {403, 404}, (who, name, key)
            detail = client.get(certificate.get_absolute_url()).content.decode()
            if key in VISIBLE[who]:
                assert ("Thu hồi giấy chứng nhận" in detail) == (key in ACTS_ON[who]), (who, key)
                assert ("Ghi nhận hậu kiểm" in detail) == (key in ACTS_ON[who]), (who, key)


def test_issue_decision_page_is_for_province_and_central_officers(client, cert_world):
    dossiers = {k: make_scored_dossier(cert_world.products[k]) for k in ("dak_mil", "dak_glei")}
    for who in sorted(VISIBLE):
        client.force_login(cert_world.users[who])
        response = client.get(reverse("certification:decision-issue"))
        if who not in DECIDERS:
            assert response.status_code == 403, who
            continue
        assert response.status_code == 200, who
        body = response.content.decode()
        for key, dossier in dossiers.items():
            assert (f'value="{dossier.pk}"' in body) == (key in ACTS_ON[who]), (who, key)


def test_pending_list_is_scoped(client, cert_world, certificates):
    admin = cert_world.users["admin"]
    for key in ALL:
        services.inspection_record(
            actor=admin,
            certificate=certificates[key],
            kind="periodic",
            inspected_on=D(2026, 3, 2),
            inspectors="Đoàn kiểm tra tỉnh",
            findings="Không còn sản xuất.",
            mark_use_ok=True,
            outcome="revoke",
        )
    for who in sorted(VISIBLE):
        client.force_login(cert_world.users[who])
        body = client.get(reverse("certification:pending-revocations")).content.decode()
        for key in ALL:
            assert (_name(key) in body) == (key in VISIBLE[who]), (who, key)


def test_anonymous_is_sent_to_login(client, cert_world, certificates):
    certificate = certificates["dak_mil"]
    for url in (
        reverse("certification:certificate-list"),
        certificate.get_absolute_url(),
        reverse("certification:decision-list"),
        reverse("certification:decision-issue"),
        reverse("certification:pending-revocations"),
        reverse("certification:certificate-revoke", args=[certificate.pk]),
        reverse("certification:inspection-create", args=[certificate.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("login") in response["Location"]
    response = client.post(
        reverse("certification:certificate-renewal", args=[certificate.pk]), {"kind": "upgrade"}
    )
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_malformed_ids_are_404(client, cert_world):
    client.force_login(cert_world.users["admin"])
    assert client.get("/giay-chung-nhan/99999999999999999999999/").status_code == 404
    assert client.get("/quyet-dinh/99999999999999999999999/").status_code == 404


def test_list_filters_and_badges(client, cert_world):
    admin = cert_world.users["admin"]
    with _at(D(2026, 11, 1)):
        fresh = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15), star=3)
        expiring = issue(cert_world.products["bao_loc"], signed_on=D(2024, 2, 29))  # until 28/02/2027
        expired = issue(cert_world.products["dak_glei"], signed_on=D(2023, 6, 1))  # until 01/06/2026
        revoked = issue(cert_world.products["ly_son"], signed_on=D(2026, 1, 15))
        services.certificate_revoke(
            actor=admin,
            certificate=revoked,
            ground="b",
            concluded_on=D(2026, 10, 1),
            decision_number="9/QĐ",
            decided_on=D(2026, 10, 5),
            reason="Không còn đáp ứng tiêu chí.",
        )
        client.force_login(admin)
        url = reverse("certification:certificate-list")
        body = client.get(url).content.decode()
        assert "status-valid" in body
        assert "status-expiring" in body
        assert "status-expired" in body
        assert "status-revoked" in body
        assert "còn 119 ngày" in body  # 01/11/2026 → 28/02/2027
        for status, shown in (
            ("valid", fresh),
            ("expiring", expiring),
            ("expired", expired),
            ("revoked", revoked),
        ):
            body = client.get(url, {"status": status}).content.decode()
            for other in (fresh, expiring, expired, revoked):
                assert (other.number in body) == (other == shown), (status, other.number)
        body = client.get(url, {"star": "3"}).content.decode()
        assert fresh.number in body
        assert expiring.number not in body
        body = client.get(url, {"province": cert_world.map.quang_ngai.pk}).content.decode()
        assert _name("dak_glei") in body
        assert _name("dak_mil") not in body
        body = client.get(url, {"q": "ngoc linh ly son"}).content.decode()
        assert _name("ly_son") in body
        assert _name("dak_mil") not in body
        rows = client.get(url, {"status": "bogus"}, HTTP_HX_REQUEST="true")
        assert rows.status_code == 200
        assert b"<html" not in rows.content


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_lists_keep_a_bounded_number_of_queries(client, cert_world):
    admin = cert_world.users["admin"]
    client.force_login(admin)
    urls = [
        reverse("certification:certificate-list"),
        reverse("certification:decision-list"),
        reverse("certification:pending-revocations"),
    ]

    def add(key):
        certificate = issue(cert_world.products[key], signed_on=D(2026, 1, 15))
        services.inspection_record(
            actor=admin,
            certificate=certificate,
            kind="periodic",
            inspected_on=D(2026, 3, 2),
            inspectors="Đoàn",
            findings="Vi phạm.",
            mark_use_ok=False,
            outcome="revoke",
        )

    add("dak_mil")
    one = [_count_queries(client, url) for url in urls]
    add("bao_loc")
    add("dak_glei")
    three = [_count_queries(client, url) for url in urls]
    assert one == three


def test_issue_decision_through_the_form(client, cert_world):
    officer = cert_world.users["province_ld"]
    dossiers = [make_scored_dossier(cert_world.products[k]) for k in ("dak_mil", "bao_loc")]
    client.force_login(officer)
    url = reverse("certification:decision-issue")
    response = client.post(
        url,
        {
            "dossiers": [d.pk for d in dossiers],
            "number": "15/QĐ-UBND",
            "signed_on": "31/08/2026",
            "signer": "Trần Hồng Thái",
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("certification:decision-detail", args=[decision.pk])
    assert decision.signed_on == D(2026, 8, 31)
    assert decision.certificates.count() == 2
    body = client.get(response["Location"]).content.decode()
    assert "001/GCN-OCOP-68-2026" in body
    assert "002/GCN-OCOP-68-2026" in body


def test_issue_form_shows_the_error_and_writes_nothing(client, cert_world):
    dossier = make_scored_dossier(cert_world.products["dak_mil"])
    client.force_login(cert_world.users["province_ld"])
    response = client.post(
        reverse("certification:decision-issue"),
        {"dossiers": [dossier.pk], "number": "15/QĐ-UBND", "signed_on": "31/12/2099"},
    )
    assert response.status_code == 200
    assert "sau ngày hôm nay" in response.content.decode()
    assert not Certificate.objects.exists()
    response = client.post(
        reverse("certification:decision-issue"), {"number": "x", "signed_on": "32/13/2026"}
    )
    assert response.status_code == 200
    assert not Decision.objects.exists()


def test_revoke_through_the_form(client, cert_world, certificates):
    certificate = certificates["dak_mil"]
    client.force_login(cert_world.users["province_ld"])
    url = reverse("certification:certificate-revoke", args=[certificate.pk])
    body = client.get(url).content.decode()
    assert body.count('name="ground"') == 6
    assert "không còn hoạt động sản xuất" in body
    bad = client.post(
        url,
        {
            "ground": "dd",
            "concluded_on": "10/04/2026",
            "decided_on": "01/04/2026",
            "decision_number": "3/QĐ",
            "reason": "Ngừng sản xuất.",
        },
    )
    assert bad.status_code == 200
    assert "không được trước ngày có kết luận" in bad.content.decode()
    assert not Revocation.objects.exists()
    ok = client.post(
        url,
        {
            "ground": "dd",
            "concluded_on": "01/04/2026",
            "decided_on": "03/04/2026",
            "decision_number": "3/QĐ",
            "reason": "Ngừng sản xuất.",
        },
    )
    assert ok.status_code == 302
    detail = client.get(certificate.get_absolute_url()).content.decode()
    assert "Đã bị thu hồi" in detail
    assert "3/QĐ" in detail
    assert "Thu hồi giấy chứng nhận</a>" not in detail


def test_inspection_through_the_form_shows_in_the_history(client, cert_world, certificates):
    certificate = certificates["dak_mil"]
    client.force_login(cert_world.users["province_ld"])
    url = reverse("certification:inspection-create", args=[certificate.pk])
    response = client.post(
        url,
        {
            "kind": "ad_hoc",
            "inspected_on": "02/03/2026",
            "inspectors": "Sở NN&MT",
            "findings": "Duy trì đầy đủ tiêu chí.",
            "mark_use_ok": "on",
            "outcome": "reevaluate",
        },
    )
    assert response.status_code == 302
    assert Inspection.objects.get().mark_use_ok is True
    detail = client.get(certificate.get_absolute_url()).content.decode()
    assert "Hậu kiểm đột xuất (Sở NN&amp;MT)" in detail
    assert "Đoàn hậu kiểm đề nghị đánh giá, phân hạng lại" in detail


def test_detail_offers_reevaluation_only_inside_the_window(client, cert_world):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 8, 31))  # until 31/08/2029
    producer = cert_world.users["producer_dak_mil"]
    with _at(D(2029, 3, 3)):
        client.force_login(producer)  # sessions expire: sign in on the travelled day
        body = client.get(certificate.get_absolute_url()).content.decode()
        assert "Mở hồ sơ đánh giá lại" not in body
        assert "Chưa đến thời hạn nộp hồ sơ đánh giá lại" in body
        assert "04/03/2029" in body
        refused = client.post(
            reverse("certification:certificate-renewal", args=[certificate.pk]),
            {"kind": "reevaluation"},
            follow=True,
        )
        assert "Chưa đến thời hạn" in refused.content.decode()
        assert not Dossier.objects.filter(kind="reevaluation").exists()
    with _at(D(2029, 3, 4)):
        client.force_login(producer)
        body = client.get(certificate.get_absolute_url()).content.decode()
        assert "Mở hồ sơ đánh giá lại" in body
        response = client.post(
            reverse("certification:certificate-renewal", args=[certificate.pk]), {"kind": "reevaluation"}
        )
        assert response.status_code == 302
        dossier = Dossier.objects.get(kind="reevaluation")
        assert dossier.status == lifecycle.DRAFT
        assert dossier.previous_certificate_number == certificate.number
    with _at(D(2029, 5, 4)):
        client.force_login(producer)
        body = client.get(certificate.get_absolute_url()).content.decode()
        assert "Đã quá thời hạn nộp hồ sơ đánh giá lại" in body


def test_upgrade_button_and_renewal_scope(client, cert_world, certificates):
    certificate = certificates["dak_mil"]
    client.force_login(cert_world.users["producer_dak_mil"])
    assert "Mở hồ sơ nâng hạng" in client.get(certificate.get_absolute_url()).content.decode()
    client.force_login(cert_world.users["council_ld"])
    assert "Mở hồ sơ nâng hạng" not in client.get(certificate.get_absolute_url()).content.decode()
    refused = client.post(
        reverse("certification:certificate-renewal", args=[certificate.pk]), {"kind": "upgrade"}
    )
    assert refused.status_code == 302
    assert not Dossier.objects.filter(kind="upgrade").exists()
    client.force_login(cert_world.users["producer_dak_mil"])
    other = certificates["dak_glei"]
    assert (
        client.post(
            reverse("certification:certificate-renewal", args=[other.pk]), {"kind": "upgrade"}
        ).status_code
        == 404
    )
    client.post(reverse("certification:certificate-renewal", args=[certificate.pk]), {"kind": "upgrade"})
    assert Dossier.objects.filter(kind="upgrade", product=certificate.product).exists()


def test_detail_shows_the_whole_story(client, cert_world, django_capture_on_commit_callbacks):
    admin = cert_world.users["admin"]
    old = issue(cert_world.products["dak_mil"], signed_on=D(2023, 6, 1), star=3)  # until 01/06/2026
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_sweep(today=D(2025, 12, 3))
    dossier = services.renewal_dossier_open(
        actor=admin, certificate=old, kind="reevaluation", today=D(2026, 1, 1)
    )
    from ocop.certification.tests.test_services import make_scored_dossier_from

    new = services.decision_issue(
        actor=admin,
        dossiers=[make_scored_dossier_from(dossier, star=4)],
        number="R/QĐ",
        signed_on=D(2026, 3, 1),
    ).certificates.get()
    client.force_login(admin)
    body = client.get(old.get_absolute_url()).content.decode()
    assert "Nhắc hạn 180 ngày" in body
    assert f"Được thay thế bởi giấy chứng nhận {new.number}" in body
    assert "status-superseded" in body
    assert "Mở hồ sơ" not in body
    body = client.get(new.get_absolute_url()).content.decode()
    assert f"Thay thế giấy chứng nhận {old.number}" in body


def test_nav_has_the_certificates_link(client, cert_world):
    client.force_login(cert_world.users["province_ld"])
    body = client.get("/").content.decode()
    assert f'href="{reverse("certification:certificate-list")}"' in body
