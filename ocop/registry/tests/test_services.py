"""Registry services: uniqueness, scope, validation, NFC and the audit trail."""

import datetime as dt
import unicodedata

import pytest

from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.testing import make_user, producer_data
from ocop.registry import services
from ocop.registry.models import Producer, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_officer(small_map):
    return make_user(role="province", scope_unit=small_map.lam_dong)


@pytest.fixture
def producer(small_map, province_officer):
    return services.producer_create(actor=province_officer, **producer_data(small_map.communes["dak_mil"]))


def test_create_producer_records_who_and_why(producer, province_officer):
    version = producer.history.get()
    assert version.history_user == province_officer
    assert version.history_change_reason == "Đăng ký chủ thể"
    assert version.history_type == "+"


def test_update_records_the_change(producer, province_officer):
    services.producer_update(
        actor=province_officer, producer=producer, phone="0912345678", reason="Đổi số máy"
    )
    latest = producer.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Đổi số máy"
    change = latest.diff_against(latest.prev_record).changes
    assert [(c.field, c.old, c.new) for c in change] == [("phone", "", "0912345678")]


def test_unchanged_update_writes_no_history(producer, province_officer):
    services.producer_update(actor=province_officer, producer=producer, phone="")
    assert producer.history.count() == 1


def test_same_registration_code_twice_is_refused_with_the_other_producer_named(
    small_map, province_officer, producer
):
    data = producer_data(
        small_map.communes["bao_loc"], registration_code=f" {producer.registration_code.lower()} "
    )
    with pytest.raises(ApplicationError) as exc:
        services.producer_create(actor=province_officer, **data)
    assert exc.value.field == "registration_code"
    assert producer.name in exc.value.message
    assert Producer.objects.count() == 1


def test_same_product_twice_for_one_producer_is_refused_whatever_the_accents(
    producer, province_officer, product_set
):
    services.product_create(
        actor=province_officer, producer=producer, name="Sâm dây Ngọc Linh", product_set=product_set
    )
    with pytest.raises(ApplicationError) as exc:
        services.product_create(
            actor=province_officer, producer=producer, name="SAM DAY  ngoc linh", product_set=product_set
        )
    assert exc.value.field == "name"
    assert "Sâm dây Ngọc Linh" in exc.value.message
    assert Product.objects.count() == 1


def test_same_product_name_for_two_producers_is_fine(small_map, producer, province_officer, product_set):
    other = services.producer_create(actor=province_officer, **producer_data(small_map.communes["bao_loc"]))
    for owner in (producer, other):
        services.product_create(
            actor=province_officer, producer=owner, name="Cà phê Robusta", product_set=product_set
        )
    assert Product.objects.count() == 2


def test_text_is_stored_nfc(small_map, province_officer):
    name = unicodedata.normalize("NFD", "Hợp tác xã Chè Shan tuyết")
    producer = services.producer_create(
        actor=province_officer, **producer_data(small_map.communes["dak_mil"], name=name)
    )
    producer.refresh_from_db()
    assert producer.name == unicodedata.normalize("NFC", name)
    assert producer.name_folded == "hop tac xa che shan tuyet"


def test_officer_cannot_register_outside_scope(small_map, province_officer):
    with pytest.raises(PermissionDeniedError):
        services.producer_create(actor=province_officer, **producer_data(small_map.communes["dak_glei"]))
    assert not Producer.objects.exists()


def test_commune_officer_only_in_own_commune(small_map):
    officer = make_user(role="commune", scope_unit=small_map.communes["dak_mil"])
    services.producer_create(actor=officer, **producer_data(small_map.communes["dak_mil"]))
    with pytest.raises(PermissionDeniedError):
        services.producer_create(actor=officer, **producer_data(small_map.communes["bao_loc"]))


def test_council_member_and_producer_cannot_register(small_map):
    council = make_user(role="council", scope_unit=small_map.lam_dong)
    with pytest.raises(PermissionDeniedError):
        services.producer_create(actor=council, **producer_data(small_map.communes["dak_mil"]))


def test_a_commune_of_the_old_map_is_refused(small_map, admin_user):
    with pytest.raises(ApplicationError) as exc:
        services.producer_create(actor=admin_user, **producer_data(small_map.old_commune))
    assert exc.value.field == "commune"
    assert "không còn hiệu lực" in exc.value.message


def test_a_province_is_not_a_commune(small_map, admin_user):
    with pytest.raises(ApplicationError, match="cấp xã"):
        services.producer_create(actor=admin_user, **producer_data(small_map.lam_dong))


@pytest.mark.parametrize(
    ("local", "trained", "field"), [(21, 0, "workforce_local"), (0, 21, "workforce_trained")]
)
def test_workforce_cannot_exceed_total(small_map, admin_user, local, trained, field):
    data = producer_data(
        small_map.communes["dak_mil"], workforce_total=20, workforce_local=local, workforce_trained=trained
    )
    with pytest.raises(ApplicationError) as exc:
        services.producer_create(actor=admin_user, **data)
    assert exc.value.field == field


def test_invalid_email_is_reported_on_its_field(small_map, admin_user):
    with pytest.raises(ApplicationError) as exc:
        services.producer_create(
            actor=admin_user, **producer_data(small_map.communes["dak_mil"], email="khong-phai-email")
        )
    assert exc.value.field == "email"


def test_moving_a_producer_needs_scope_over_the_destination(small_map, producer, province_officer):
    with pytest.raises(PermissionDeniedError):
        services.producer_update(
            actor=province_officer, producer=producer, commune=small_map.communes["dak_glei"]
        )
    producer.refresh_from_db()
    assert producer.commune == small_map.communes["dak_mil"]


def test_producer_account_edits_only_its_own(small_map, producer, province_officer, product_set):
    owner = make_user(role="producer", producer=producer)
    services.producer_update(actor=owner, producer=producer, phone="0987654321")
    services.product_create(
        actor=owner, producer=producer, name="Mật ong hoa cà phê", product_set=product_set
    )
    other = services.producer_create(actor=province_officer, **producer_data(small_map.communes["bao_loc"]))
    with pytest.raises(NotFoundError):
        services.producer_update(actor=owner, producer=other, phone="0987654321")
    with pytest.raises(NotFoundError):
        services.product_create(actor=owner, producer=other, name="X", product_set=product_set)


def test_joined_on_is_kept(producer):
    assert producer.joined_on == dt.date(2024, 3, 1)


def test_a_long_reason_is_kept_to_the_history_column(producer, province_officer):
    reason = "Cập nhật theo biên bản kiểm tra " * 8  # ~260 characters
    services.producer_update(actor=province_officer, producer=producer, phone="0911222333", reason=reason)
    latest = producer.history.order_by("-history_id").first()
    assert latest.history_change_reason == reason.strip()[:100]
