"""API of imports: upload → job with rows → commit; errors in the API's one shape; scope (404 elsewhere)."""

from __future__ import annotations

import pytest

from ocop.accounts.models import Role
from ocop.core.testing import make_user
from ocop.exchange.importers.producers import ProducerImporter
from ocop.exchange.testing import rows_from_dicts, upload, workbook_bytes
from ocop.exchange.tests.test_services import producer_row
from ocop.registry.models import Producer

API = "/api/v1"


def producers_upload(records):
    return upload(workbook_bytes(*rows_from_dicts(ProducerImporter, records)))


@pytest.fixture
def officer(small_map):
    return make_user(role=Role.PROVINCE, scope_unit=small_map.lam_dong)


def test_anonymous_gets_401(client, small_map):
    response = client.post(
        f"{API}/imports", {"kind": "producers", "file": producers_upload([producer_row(1)])}
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_upload_read_commit(client, officer):
    client.force_login(officer)
    response = client.post(
        f"{API}/imports", {"kind": "producers", "file": producers_upload([producer_row(1), producer_row(2)])}
    )
    assert response.status_code == 201, response.content
    job = response.json()
    assert job["status"] == "checked"
    assert job["counts"]["create"] == 2
    assert job["can_commit"] is True
    assert job["rows"] == []  # only the rows in error by default
    rows = client.get(f"{API}/imports/{job['id']}?rows=all").json()["rows"]
    assert [r["action"] for r in rows] == ["create", "create"]
    done = client.post(f"{API}/imports/{job['id']}/commit").json()
    assert done["status"] == "done"
    assert Producer.objects.count() == 2


def test_bad_file_and_bad_kind_get_the_error_shape(client, officer):
    client.force_login(officer)
    bad = client.post(f"{API}/imports", {"kind": "producers", "file": upload(b"not a workbook at all")})
    assert bad.status_code == 400
    assert "không phải tệp Excel" in bad.json()["error"]["message"]
    kind = client.post(f"{API}/imports", {"kind": "nothing", "file": producers_upload([producer_row(1)])})
    assert kind.status_code == 400
    assert kind.json()["error"]["field"] == "kind"


def test_commit_with_errors_is_refused(client, officer):
    client.force_login(officer)
    job = client.post(
        f"{API}/imports",
        {"kind": "producers", "file": producers_upload([producer_row(1, commune="Không có")])},
    ).json()
    assert job["rows"][0]["errors"][0]["column"] == "Xã/phường"
    response = client.post(f"{API}/imports/{job['id']}/commit")
    assert response.status_code == 400
    assert "dòng lỗi" in response.json()["error"]["message"]
    assert Producer.objects.count() == 0


def test_other_province_and_producers_get_nothing(client, officer, small_map):
    client.force_login(officer)
    job = client.post(
        f"{API}/imports", {"kind": "producers", "file": producers_upload([producer_row(1)])}
    ).json()
    client.force_login(make_user(role=Role.PROVINCE, scope_unit=small_map.quang_ngai))
    assert client.get(f"{API}/imports/{job['id']}").status_code == 404
    assert client.post(f"{API}/imports/{job['id']}/commit").status_code == 404
    client.force_login(make_user(role=Role.PRODUCER))
    assert client.get(f"{API}/imports/{job['id']}").status_code == 404
    response = client.post(
        f"{API}/imports", {"kind": "producers", "file": producers_upload([producer_row(2)])}
    )
    assert response.status_code == 403
    assert Producer.objects.count() == 0
