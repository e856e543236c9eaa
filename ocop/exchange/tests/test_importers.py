"""Producer and product importers: pre-2025 place names, updates, ambiguity, scope, and the commit."""

from __future__ import annotations

import pytest

from ocop.accounts.models import Role
from ocop.core.testing import make_user, producer_data
from ocop.exchange import services
from ocop.exchange.importers.producers import ProducerImporter
from ocop.exchange.importers.products import ProductImporter
from ocop.exchange.testing import rows_from_dicts, upload, workbook_bytes
from ocop.exchange.tests.test_services import producer_row
from ocop.geo.domain import REFORM_DATE
from ocop.geo.models import Succession
from ocop.registry import services as registry
from ocop.registry.models import Producer, Product


@pytest.fixture
def officer(small_map):
    return make_user(role=Role.PROVINCE, scope_unit=small_map.lam_dong)


def run(officer, importer, records, *, confirm=False):
    content = workbook_bytes(*rows_from_dicts(importer, records))
    job = services.import_upload(actor=officer, kind=importer.kind, file=upload(content))
    if confirm:
        services.import_confirm(job=job, actor=officer)
        job.refresh_from_db()
    return job


def test_pre_2025_commune_is_mapped_to_the_current_one_and_kept_as_legacy(officer, small_map):
    Succession.objects.create(
        predecessor=small_map.old_commune,
        successor=small_map.communes["dak_mil"],
        kind="merged_whole",
        effective_on=REFORM_DATE,
    )
    record = producer_row(1, commune="TT. Đắk Mil", district="Huyện Đắk Mil", province="Đắk Nông")
    job = run(officer, ProducerImporter, [record], confirm=True)
    assert job.status == "done", (job.error, job.results)
    assert job.results[0]["notes"]  # the old name → new unit is shown in the preview
    producer = Producer.objects.get()
    assert producer.commune == small_map.communes["dak_mil"]
    assert producer.legacy_commune == small_map.old_commune


def test_same_name_in_the_same_commune_updates_and_corrects_the_code(officer, small_map):
    registry.producer_create(
        actor=officer,
        **producer_data(small_map.communes["dak_mil"], name="Hợp tác xã Chè số 1", registration_code="11"),
    )
    job = run(officer, ProducerImporter, [producer_row(1)], confirm=True)
    assert job.results[0]["action"] == "update"
    assert Producer.objects.get().registration_code == "5800000001"


def test_unchanged_producer_is_skipped(officer, small_map):
    run(officer, ProducerImporter, [producer_row(1)], confirm=True)
    job = run(officer, ProducerImporter, [producer_row(1)])
    assert job.counts == {"create": 0, "update": 0, "skip": 1, "error": 0}


def test_existing_producer_of_another_province_is_refused(officer, small_map):
    national = make_user(role=Role.CENTRAL)
    registry.producer_create(
        actor=national, **producer_data(small_map.communes["dak_glei"], registration_code="5800000001")
    )
    job = run(officer, ProducerImporter, [producer_row(1)])
    (row,) = job.results
    assert row["action"] == "error"
    assert any("ngoài địa bàn" in e["message"] for e in row["errors"])


def test_workforce_rules_and_email(officer):
    job = run(officer, ProducerImporter, [producer_row(1, workforce_local=30, email="khong-phai-email")])
    messages = {e["column"]: e["message"] for e in job.results[0]["errors"]}
    assert "không được lớn hơn tổng số lao động" in messages["Lao động địa phương"]
    assert messages["Thư điện tử"] == "Địa chỉ thư điện tử không hợp lệ."


@pytest.fixture
def producer(officer, small_map):
    return registry.producer_create(
        actor=officer, **producer_data(small_map.communes["dak_mil"], registration_code="5800000009")
    )


def test_products_created_then_updated_with_changes(officer, producer, product_set):
    row = {"name": "Chè Shan tuyết", "producer_code": "5800000009", "product_set": "18", "description": "Cũ"}
    job = run(officer, ProductImporter, [row], confirm=True)
    assert job.status == "done", job.error
    product = Product.objects.get()
    assert product.product_set == product_set
    assert product.history.first().history_change_reason.startswith("Nhập từ tệp Excel")
    job = run(
        officer, ProductImporter, [{**row, "name": "CHE SHAN TUYET", "description": "Mới"}], confirm=True
    )
    assert job.results[0]["action"] == "update"
    assert any("Cũ → Mới" in note for note in job.results[0]["notes"])
    product.refresh_from_db()
    assert product.description == "Mới"
    assert Product.objects.count() == 1


def test_product_set_by_name_and_unknown_set(officer, producer, product_set):
    job = run(
        officer,
        ProductImporter,
        [
            {"name": "A", "producer_code": "5800000009", "product_set": product_set.name.upper()},
            {"name": "B", "producer_code": "5800000009", "product_set": "99"},
        ],
    )
    assert job.results[0]["action"] == "create"
    assert job.results[1]["errors"][0]["message"] == "Không có bộ sản phẩm “99”."


def test_unknown_and_ambiguous_producers(officer, small_map, producer, product_set):
    registry.producer_create(
        actor=officer,
        **producer_data(small_map.communes["bao_loc"], name=producer.name, registration_code="5800000010"),
    )
    job = run(
        officer,
        ProductImporter,
        [
            {"name": "A", "producer_code": "123", "product_set": "18"},
            {"name": "B", "producer_name": producer.name, "product_set": "18"},
            {
                "name": "C",
                "producer_name": producer.name,
                "commune": "Đắk Mil",
                "province": "Lâm Đồng",
                "product_set": "18",
            },
            {"name": "D", "product_set": "18"},
        ],
    )
    first, second, third, fourth = job.results
    assert "Không có chủ thể với mã số ĐKKD 123" in first["errors"][0]["message"]
    assert "Có nhiều chủ thể" in second["errors"][0]["message"]
    assert third["action"] == "create"
    assert "Chưa chỉ ra chủ thể" in fourth["errors"][0]["message"]


def test_product_of_a_producer_outside_the_area(small_map, product_set):
    national = make_user(role=Role.CENTRAL)
    registry.producer_create(
        actor=national, **producer_data(small_map.communes["dak_glei"], registration_code="5800000011")
    )
    officer = make_user(role=Role.COMMUNE, scope_unit=small_map.communes["dak_mil"])
    job = run(officer, ProductImporter, [{"name": "A", "producer_code": "5800000011", "product_set": "18"}])
    assert "ngoài địa bàn của bạn" in job.results[0]["errors"][0]["message"]


def test_ocop_code_shape(officer, producer, product_set):
    job = run(
        officer,
        ProductImporter,
        [
            {
                "name": "A",
                "producer_code": "5800000009",
                "product_set": "18",
                "ocop_code": "68-24823-003-2026",
            },
            {"name": "B", "producer_code": "5800000009", "product_set": "18", "ocop_code": "68-248-3-26"},
        ],
    )
    assert job.results[0]["action"] == "create"
    assert "không đúng dạng" in job.results[1]["errors"][0]["message"]


def test_duplicate_products_in_the_file(officer, producer, product_set):
    row = {"name": "Chè", "producer_code": "5800000009", "product_set": "18"}
    job = run(officer, ProductImporter, [row, {**row, "name": "chè"}])
    assert [r["action"] for r in job.results] == ["error", "error"]
