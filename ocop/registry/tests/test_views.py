"""Registry pages: every role sees and changes exactly its scope; lists keep a bounded query count."""

import pytest
from django.urls import reverse

from ocop.core.testing import make_user, producer_data
from ocop.registry import services
from ocop.registry.models import Producer
from ocop.registry.tests.conftest import CHANGEABLE, VISIBLE

pytestmark = pytest.mark.django_db
ALL = ("dak_mil", "bao_loc", "dak_glei", "ly_son")


@pytest.mark.parametrize("who", list(VISIBLE))
def test_producer_list_shows_only_the_scope(client, world, who):
    client.force_login(world.users[who])
    body = client.get(reverse("registry:producer-list")).content.decode()
    for key in ALL:
        assert (world.producers[key].name in body) == (key in VISIBLE[who]), key


@pytest.mark.parametrize("who", list(VISIBLE))
def test_product_list_shows_only_the_scope(client, world, who):
    client.force_login(world.users[who])
    body = client.get(reverse("registry:product-list")).content.decode()
    for key in ALL:
        assert (world.products[key].name in body) == (key in VISIBLE[who]), key


@pytest.mark.parametrize("who", list(VISIBLE))
def test_detail_pages_answer_404_outside_the_scope(client, world, who):
    client.force_login(world.users[who])
    for key in ALL:
        expected = 200 if key in VISIBLE[who] else 404
        producer_page = client.get(world.producers[key].get_absolute_url())
        product_page = client.get(world.products[key].get_absolute_url())
        assert producer_page.status_code == expected, key
        assert product_page.status_code == expected, key
        if expected == 404:
            assert world.producers[key].registration_code not in producer_page.content.decode()


@pytest.mark.parametrize("who", list(VISIBLE))
def test_edit_pages_follow_change_rights(client, world, who):
    client.force_login(world.users[who])
    for key in ALL:
        response = client.get(reverse("registry:producer-edit", args=[world.producers[key].pk]))
        if key in CHANGEABLE[who]:
            assert response.status_code == 200
        else:
            assert response.status_code in {403, 404}


def test_anonymous_is_sent_to_login(client, world):
    for url in (reverse("registry:producer-list"), world.producers["dak_mil"].get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_search_ignores_accents(client, world):
    client.force_login(world.users["admin"])
    body = client.get(reverse("registry:product-list"), {"q": "sam day ngoc linh dak mil"}).content.decode()
    assert world.products["dak_mil"].name in body
    assert world.products["bao_loc"].name not in body


def test_htmx_search_returns_only_the_rows(client, world):
    client.force_login(world.users["admin"])
    response = client.get(reverse("registry:producer-list"), {"q": "hop tac"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert world.producers["ly_son"].name.encode() in response.content


def test_create_producer_through_the_form(client, world):
    officer = world.users["province_ld"]
    client.force_login(officer)
    commune = world.map.communes["bao_loc"]
    data = producer_data(commune, name="Hợp tác xã Cà phê Bảo Lộc", joined_on="15/03/2025")
    data.update(commune=commune.pk, province=world.map.lam_dong.pk)
    response = client.post(reverse("registry:producer-create"), data)
    producer = Producer.objects.get(name="Hợp tác xã Cà phê Bảo Lộc")
    assert response.status_code == 302
    assert response["Location"] == producer.get_absolute_url()
    assert producer.joined_on.isoformat() == "2025-03-15"
    assert producer.history.get().history_user == officer


def test_form_shows_the_duplicate_code_message_and_writes_nothing(client, world):
    client.force_login(world.users["province_ld"])
    commune = world.map.communes["bao_loc"]
    data = producer_data(commune, registration_code=world.producers["dak_mil"].registration_code)
    data.update(commune=commune.pk, province=world.map.lam_dong.pk)
    data.pop("joined_on")
    before = Producer.objects.count()
    response = client.post(reverse("registry:producer-create"), data)
    assert response.status_code == 200
    assert "đã được dùng cho chủ thể" in response.content.decode()
    assert Producer.objects.count() == before


def test_province_officer_cannot_pick_a_commune_outside_scope(client, world):
    client.force_login(world.users["province_ld"])
    commune = world.map.communes["dak_glei"]
    data = producer_data(commune)
    data.update(commune=commune.pk, joined_on="")
    response = client.post(reverse("registry:producer-create"), data)
    assert response.status_code == 200
    assert not Producer.objects.filter(commune=commune).exclude(pk=world.producers["dak_glei"].pk).exists()


def test_edit_records_reason_and_shows_history(client, world):
    client.force_login(world.users["commune_dak_mil"])
    producer = world.producers["dak_mil"]
    url = reverse("registry:producer-edit", args=[producer.pk])
    data = producer_data(
        producer.commune,
        name=producer.name,
        registration_code=producer.registration_code,
        phone="0905123456",
        joined_on="01/03/2024",
    )
    data.update(commune=producer.commune.pk, province=world.map.lam_dong.pk, reason="Cập nhật số điện thoại")
    assert client.post(url, data).status_code == 302
    body = client.get(producer.get_absolute_url()).content.decode()
    assert "Cập nhật số điện thoại" in body
    assert "0905123456" in body


def test_commune_options_are_scoped(client, world):
    client.force_login(world.users["province_ld"])
    url = reverse("registry:commune-options")
    body = client.get(url, {"province": world.map.quang_ngai.pk}).content.decode()
    assert "Đăk Glei" not in body
    body = client.get(url, {"province": world.map.lam_dong.pk}).content.decode()
    assert "Đắk Mil" in body


def test_producer_account_can_add_a_product(client, world, product_set):
    client.force_login(world.users["producer_dak_mil"])
    producer = world.producers["dak_mil"]
    url = reverse("registry:product-create", args=[producer.pk])
    response = client.post(url, {"name": "Mật ong hoa cà phê", "product_set": product_set.pk})
    assert response.status_code == 302
    other = world.producers["bao_loc"]
    assert client.get(reverse("registry:product-create", args=[other.pk])).status_code == 404


def _add_producers(admin, commune, n):
    for _ in range(n):
        services.producer_create(actor=admin, **producer_data(commune))


@pytest.mark.parametrize("url_name", ["registry:producer-list", "registry:product-list"])
def test_list_query_count_does_not_grow(
    client, small_map, admin_user, django_assert_max_num_queries, url_name, product_set
):
    client.force_login(admin_user)
    counts = []
    for n in (1, 3):
        _add_producers(admin_user, small_map.communes["dak_mil"], n)
        for p in Producer.objects.filter(products__isnull=True):
            services.product_create(actor=admin_user, producer=p, name="Cà phê", product_set=product_set)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(url_name)).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]
    assert counts[1] <= 12


def test_home_counts_only_the_scope(client, world):
    client.force_login(world.users["province_qn"])
    body = client.get(reverse("home")).content.decode()
    assert "Tỉnh Quảng Ngãi" in body


def test_english_is_switchable(client, world):
    client.force_login(make_user(role="central"))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("registry:producer-list")).content.decode()
    assert 'lang="en"' in body


def _png_bytes():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (27, 110, 58)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_photo_upload_and_bad_file(client, world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.users["producer_dak_mil"])
    product = world.products["dak_mil"]
    url = reverse("registry:product-photo-add", args=[product.pk])
    good = SimpleUploadedFile("sam.png", _png_bytes(), content_type="image/png")
    assert client.post(url, {"image": good, "caption": "Củ sâm"}).status_code == 302
    assert product.photos.get().caption == "Củ sâm"
    bad = SimpleUploadedFile("sam.png", b"not an image", content_type="image/png")
    response = client.post(url, {"image": bad}, follow=True)
    assert product.photos.count() == 1
    assert "ảnh" in response.content.decode().lower()
    other = world.products["bao_loc"]
    denied = client.post(reverse("registry:product-photo-add", args=[other.pk]), {"image": good})
    assert denied.status_code == 404
    assert not other.photos.exists()
