"""Upload → check → preview → confirm → commit, for producers and products, through the services."""

from __future__ import annotations

import pytest

from ocop.accounts.models import Role
from ocop.core.exceptions import ApplicationError, PermissionDeniedError
from ocop.core.testing import make_user, producer_data
from ocop.exchange import services
from ocop.exchange.importers.producers import ProducerImporter
from ocop.exchange.importers.products import ProductImporter
from ocop.exchange.models import ImportJob
from ocop.exchange.testing import rows_from_dicts, upload, workbook_bytes
from ocop.registry import services as registry
from ocop.registry.models import Producer, Product


def producer_row(n: int, **overrides) -> dict:
    row = {
        "name": f"Hợp tác xã Chè số {n}",
        "kind": "Hợp tác xã",
        "registration_code": f"58000{n:05d}",
        "legal_rep_name": "Nguyễn Thị Hoa",
        "legal_rep_gender": "Nữ",
        "commune": "Xã Đắk Mil",
        "province": "Lâm Đồng",
        "address": f"Thôn {n}",
        "workforce_total": 20,
        "workforce_local": 10,
        "joined_on": "05/03/2024",
    }
    row.update(overrides)
    return row


def producers_file(records) -> bytes:
    headers, rows = rows_from_dicts(ProducerImporter, records)
    return workbook_bytes(headers, rows)


@pytest.fixture
def province_officer(small_map):
    return make_user(role=Role.PROVINCE, scope_unit=small_map.lam_dong)


def test_producers_preview_then_commit_creates_them(province_officer):
    job = services.import_upload(
        actor=province_officer,
        kind="producers",
        file=upload(producers_file([producer_row(1), producer_row(2)])),
    )
    assert job.status == "checked", job.error
    assert job.counts == {"create": 2, "update": 0, "skip": 0, "error": 0}
    assert Producer.objects.count() == 0  # the preview writes nothing
    services.import_confirm(job=job, actor=province_officer)
    job.refresh_from_db()
    assert job.status == "done", job.error
    producer = Producer.objects.get(registration_code="5800000001")
    assert producer.commune.name == "Xã Đắk Mil"
    assert producer.joined_on.isoformat() == "2024-03-05"
    assert producer.history.first().history_change_reason.startswith("Nhập từ tệp Excel")


def test_existing_producer_is_updated_with_changes_listed(province_officer, small_map):
    registry.producer_create(
        actor=province_officer,
        **producer_data(small_map.communes["dak_mil"], registration_code="5800000001", address="Thôn cũ"),
    )
    job = services.import_upload(
        actor=province_officer, kind="producers", file=upload(producers_file([producer_row(1)]))
    )
    (row,) = job.results
    assert row["action"] == "update"
    assert any("Thôn cũ → Thôn 1" in note for note in row["notes"])
    services.import_confirm(job=job, actor=province_officer)
    assert Producer.objects.get(registration_code="5800000001").address == "Thôn 1"


def test_duplicates_in_the_file_are_errors_on_both_rows(province_officer):
    job = services.import_upload(
        actor=province_officer,
        kind="producers",
        file=upload(producers_file([producer_row(1), producer_row(2), producer_row(1, name="Khác")])),
    )
    messages = {r["row"]: [e["message"] for e in r["errors"]] for r in job.results}
    assert "Trùng với dòng 4." in messages[2]
    assert "Trùng với dòng 2." in messages[4]
    assert messages[3] == []
    with pytest.raises(ApplicationError):
        services.import_confirm(job=job, actor=province_officer)
    assert Producer.objects.count() == 0


def test_row_outside_the_officers_area_is_an_error(province_officer):
    job = services.import_upload(
        actor=province_officer,
        kind="producers",
        file=upload(producers_file([producer_row(1, commune="Xã Đăk Glei", province="Quảng Ngãi")])),
    )
    (row,) = job.results
    assert row["action"] == "error"
    assert "ngoài địa bàn của bạn" in row["errors"][0]["message"]


def test_unknown_commune_gets_suggestions(province_officer):
    job = services.import_upload(
        actor=province_officer,
        kind="producers",
        file=upload(producers_file([producer_row(1, commune="Xã Đắk Mill")])),
    )
    (row,) = job.results
    error = row["errors"][0]
    assert error["column"] == "Xã/phường"
    assert "Đắk Mil" in error["suggestion"]


def test_producer_accounts_cannot_import(small_map):
    user = make_user(role=Role.PRODUCER)
    with pytest.raises(PermissionDeniedError):
        services.import_upload(actor=user, kind="producers", file=upload(producers_file([producer_row(1)])))
    assert ImportJob.objects.count() == 0


def test_a_row_that_became_invalid_after_the_preview_writes_nothing(province_officer, small_map):
    job = services.import_upload(
        actor=province_officer,
        kind="producers",
        file=upload(producers_file([producer_row(1), producer_row(2)])),
    )
    assert job.can_commit
    # Meanwhile someone registers another producer with the name of row 2 in the same commune.
    registry.producer_create(
        actor=province_officer,
        **producer_data(small_map.communes["dak_mil"], name="Hợp tác xã Chè số 2", registration_code="59"),
    )
    registry.producer_create(
        actor=province_officer,
        **producer_data(small_map.communes["dak_mil"], name="HTX khác", registration_code="5800000002"),
    )
    services.import_confirm(job=job, actor=province_officer)
    job.refresh_from_db()
    assert job.status == "failed"
    assert "Không có dữ liệu nào được ghi" in job.error
    assert not Producer.objects.filter(registration_code="5800000001").exists()


def test_products_by_registration_code_and_by_name(province_officer, small_map, product_set):
    producer = registry.producer_create(
        actor=province_officer, **producer_data(small_map.communes["dak_mil"], registration_code="5800000009")
    )
    headers, rows = rows_from_dicts(
        ProductImporter,
        [
            {
                "name": "Chè Shan tuyết",
                "producer_code": "5800000009",
                "product_set": "18",
                "gtin": "8931234567897",
            },
            {
                "name": "Cà phê rang",
                "producer_name": producer.name,
                "commune": "Đắk Mil",
                "province": "Lâm Đồng",
                "product_set": str(product_set),
            },
            {"name": "Sai mã", "producer_code": "5800000009", "product_set": "18", "gtin": "8931234567890"},
        ],
    )
    job = services.import_upload(
        actor=province_officer, kind="products", file=upload(workbook_bytes(headers, rows))
    )
    actions = [r["action"] for r in job.results]
    assert actions == ["create", "create", "error"], job.results
    assert "chữ số cuối phải là 7" in job.results[2]["errors"][0]["message"]
    assert Product.objects.count() == 0
