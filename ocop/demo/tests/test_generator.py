"""The demo generator, the demo accounts and ``setup_demo`` on a small hand-made map."""

import io
import unicodedata

import pytest
from django.core.management import call_command
from django.core.validators import validate_email

from ocop.accounts.models import Role, User
from ocop.core.testing import make_unit
from ocop.core.text import fold
from ocop.demo.accounts import DEMO_PASSWORD, ensure_demo_accounts
from ocop.demo.generator import generate, load_places
from ocop.demo.planning import Place, apportion, plan_producers, short_name
from ocop.demo.vocabulary.people import NAME_SCHEMES, person_name
from ocop.demo.vocabulary.products import PRODUCT_NAMES
from ocop.demo.vocabulary.regions import ETHNIC_MIX, PROVINCE_REGIONS
from ocop.registry.domain import parse_ocop_code, workforce_problems
from ocop.registry.models import Producer, Product

# -- without the database ------------------------------------------------------------------------


def _all_provinces() -> dict[str, list[Place]]:
    """Two made-up communes in each of the 34 current provinces."""
    return {
        code: [
            Place(
                int(code) * 1000 + i,
                f"{int(code) * 300 + i:05d}",
                f"Xã Tân {code}{i}",
                "xa",
                code,
                f"Tỉnh {code}",
            )
            for i in (1, 2)
        ]
        for code in PROVINCE_REGIONS
    }


def test_every_product_set_has_names_and_every_province_a_region_and_a_mix():
    assert sorted(PRODUCT_NAMES) == list(range(1, 27))
    assert all(len(names) >= 5 for names in PRODUCT_NAMES.values())
    assert len(PROVINCE_REGIONS) == 34
    assert set(ETHNIC_MIX) == set(PROVINCE_REGIONS)


@pytest.mark.parametrize("ethnicity", ["Kinh", *NAME_SCHEMES])
@pytest.mark.parametrize("gender", ["nu", "nam"])
def test_person_names_are_nfc_and_well_formed(ethnicity, gender):
    import random

    rng = random.Random(7)
    for _ in range(20):
        name = person_name(rng, ethnicity=ethnicity, gender=gender, southern=rng.random() < 0.5)
        assert unicodedata.is_normalized("NFC", name)
        assert name == " ".join(name.split())
        assert 1 <= len(name.split()) <= 5
        assert "{" not in name


def test_plan_is_deterministic_and_fits_the_registry_fields():
    places = _all_provinces()
    first = plan_producers(places=places, count=200, seed=11)
    second = plan_producers(places=places, count=200, seed=11)
    other = plan_producers(places=places, count=200, seed=12)
    assert [s.fields for s in first] == [s.fields for s in second]
    assert [[p.name for p in s.products] for s in first] == [[p.name for p in s.products] for s in second]
    assert [s.fields["name"] for s in first] != [s.fields["name"] for s in other]
    assert {s.place.province_code for s in first} == set(places)  # every province gets producers
    limits = {"name": 255, "legal_rep_name": 120, "legal_rep_title": 80, "address": 255, "phone": 20}
    for spec in first:
        for field, limit in limits.items():
            assert len(spec.fields[field]) <= limit, (field, spec.fields[field])
        assert unicodedata.is_normalized("NFC", spec.fields["name"] + spec.fields["address"])
        if spec.fields["email"]:
            validate_email(spec.fields["email"])
        assert spec.fields["phone"] == "" or spec.fields["phone"][:2] in {"09", "03"}
        assert 1 <= len(spec.products) <= 4
        for product in spec.products:
            assert product.description
            assert len(product.name) <= 255
            assert unicodedata.is_normalized("NFC", product.name + product.description + product.story)
            assert not product.ocop_code or parse_ocop_code(product.ocop_code)
            assert not product.gtin or len(product.gtin) == 13


def test_apportion_gives_every_key_one_then_follows_the_weights():
    assert apportion(10, {"a": 1, "b": 1, "c": 8}, at_least_one=True) == {"a": 1, "b": 1, "c": 8}
    assert sum(apportion(301, {"a": 0.3, "b": 0.7}, at_least_one=True).values()) == 301
    assert apportion(1, {"a": 1, "b": 3}, at_least_one=True) == {"a": 0, "b": 1}


def test_short_name_strips_the_kind():
    assert short_name("Xã Đắk Mil") == "Đắk Mil"
    assert short_name("Thành phố Huế") == "Huế"
    assert short_name("Đặc khu Lý Sơn") == "Lý Sơn"


# -- with the database ---------------------------------------------------------------------------


@pytest.fixture
def demo_map(small_map, taxonomy):
    """The shared small map plus a few more current communes, and an old-map unit to ignore."""
    for code, name in (("24790", "Xã Lâm Hà"), ("24805", "Xã Đinh Văn Lâm Hà"), ("24830", "Xã Đạ Tẻh")):
        make_unit(code=code, name=name, kind="xa", level=3, parent=small_map.lam_dong)
    make_unit(code="23300", name="Xã Ngọc Linh", kind="xa", level=3, parent=small_map.quang_ngai)
    return small_map


def test_load_places_keeps_current_communes_only(demo_map):
    places = load_places()
    assert set(places) == {"68", "51"}
    assert sum(len(v) for v in places.values()) == 8
    ids = {p.commune_id for communes in places.values() for p in communes}
    assert demo_map.old_commune.pk not in ids


def test_small_generation_goes_through_the_services(demo_map):
    result = generate(size="small", producers=16, seed=5)
    assert result["producers"] == Producer.objects.count() == 16
    assert result["products"] == Product.objects.count() >= 16
    # the services recorded who and why
    assert Producer.history.filter(history_user__username="admin").count() == 16
    assert Product.history.count() == result["products"]
    _assert_consistent()


def test_national_generation_bulk_creates_with_history_and_search_keys(demo_map):
    result = generate(size="national", producers=40, seed=5)
    assert result["producers"] == Producer.objects.count() == 40
    assert Producer.history.count() == 40
    assert Product.history.count() == Product.objects.count()
    for product in Product.objects.all():
        assert product.name_folded == fold(product.name)
        assert product.name_sort
    _assert_consistent()


def test_generation_is_deterministic_for_a_seed(demo_map):
    generate(size="national", producers=12, seed=99)
    first = list(Producer.objects.order_by("pk").values_list("name", "registration_code", "legal_rep_name"))
    Product.objects.all().delete()
    Producer.objects.all().delete()
    generate(size="national", producers=12, seed=99)
    again = list(Producer.objects.order_by("pk").values_list("name", "registration_code", "legal_rep_name"))
    assert first == again


def test_a_second_run_never_reuses_codes_or_names(demo_map):
    generate(size="small", producers=10, seed=1)
    generate(size="small", producers=10, seed=1)
    assert Producer.objects.count() == 20
    _assert_consistent()


def test_generation_needs_the_map_and_the_taxonomy(db):
    from ocop.core.exceptions import ApplicationError

    with pytest.raises(ApplicationError, match="load_admin_units"):
        generate(size="small", producers=3)


def _assert_consistent() -> None:
    producers = list(Producer.objects.select_related("commune"))
    codes = [p.registration_code for p in producers]
    assert len(codes) == len(set(codes))
    ocop_codes = list(Product.objects.exclude(ocop_code="").values_list("ocop_code", flat=True))
    assert ocop_codes
    assert len(ocop_codes) == len(set(ocop_codes))
    for producer in producers:
        assert producer.commune.level == 3
        assert producer.commune.valid_to is None
        assert not workforce_problems(
            total=producer.workforce_total, local=producer.workforce_local, trained=producer.workforce_trained
        )
        assert producer.address
        assert producer.commune.name not in producer.address
        names = [fold(name) for name in producer.products.values_list("name", flat=True)]
        assert names
        assert len(names) == len(set(names))


def test_demo_accounts_have_the_right_roles_and_scopes(demo_map):
    generate(size="small", producers=12, seed=3)
    accounts = {a.username: a for a in ensure_demo_accounts()}
    users = {u.username: u for u in User.objects.filter(username__in=accounts)}
    assert users["admin"].is_superuser
    assert users["admin"].is_staff
    assert users["admin"].role == Role.ADMIN
    assert users["trunguong"].role == Role.CENTRAL
    assert users["trunguong"].scope_unit is None
    assert users["tinh.lamdong"].scope_unit == demo_map.lam_dong
    assert users["tinh.quangngai"].scope_unit == demo_map.quang_ngai
    assert users["hoidong.lamdong"].role == Role.COUNCIL
    assert users["hoidong.lamdong"].scope_unit == demo_map.lam_dong
    (commune_login,) = [name for name in accounts if name.startswith("xa.")]
    commune = users[commune_login].scope_unit
    assert commune.level == 3
    assert commune.path.startswith(demo_map.lam_dong.path)
    assert Producer.objects.filter(commune=commune).exists()
    producer_account = users["chuthe"]
    assert producer_account.role == Role.PRODUCER
    assert producer_account.producer.commune == commune
    assert not any(u.is_staff for name, u in users.items() if name != "admin")
    assert all(u.check_password(DEMO_PASSWORD) for u in users.values())
    assert all(u.first_name for u in users.values())
    assert not any(a.created for a in ensure_demo_accounts())  # idempotent


def test_setup_demo_is_idempotent_and_prints_the_logins(demo_map, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    out = io.StringIO()
    call_command("setup_demo", producers=10, stdout=out)
    counts = (
        Producer.objects.count(),
        Product.objects.count(),
        User.objects.count(),
        Producer.history.count(),
        Product.history.count(),
    )
    assert counts[0] == 10
    again = io.StringIO()
    call_command("setup_demo", producers=10, stdout=again)
    assert counts == (
        Producer.objects.count(),
        Product.objects.count(),
        User.objects.count(),
        Producer.history.count(),
        Product.history.count(),
    )
    text = again.getvalue()
    assert "http://127.0.0.1:8123" in text
    assert DEMO_PASSWORD in text
    for login in ("admin", "trunguong", "tinh.lamdong", "tinh.quangngai", "hoidong.lamdong", "chuthe", "xa."):
        assert login in text


def test_generate_demo_command_prints_counts(demo_map):
    out = io.StringIO()
    call_command("generate_demo", size="national", producers=8, seed=4, stdout=out)
    assert "8 chủ thể" in out.getvalue()
