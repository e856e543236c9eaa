"""The public catalogue: accent-, case- and prefix-tolerant search, facets, sorting, paging, statuses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ocop.portal.selectors.catalogue import PAGE_SIZE, search_words
from ocop.portal.tests.conftest import add_photo
from ocop.registry.models import ProductSet

pytestmark = pytest.mark.django_db
URL = "/ocop/"


def _get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def _names(client, **params) -> list[str]:
    return [card.name for card in _get(client, **params).context["result"].cards]


def _facet(response, name: str) -> dict[str, int]:
    return {link.option.label: link.option.count for link in response.context["facets"][name]}


def test_url_and_default_listing_shows_only_products_in_force(client, world):
    assert reverse("portal:catalogue") == URL
    # Valid and expiring only; the expired, the revoked and the never-certified stay out.
    assert _names(client) == [
        "Cà phê Robusta",
        "Miến dong",
        "Nước mắm Phú Quốc 40 độ đạm",
        "Sâm dây Ngọc Linh",
    ]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("nuoc mam phu quoc", ["Nước mắm Phú Quốc 40 độ đạm"]),
        ("Nước Mắm", ["Nước mắm Phú Quốc 40 độ đạm"]),
        ("NUOC MA", ["Nước mắm Phú Quốc 40 độ đạm"]),  # prefix of a word
        ("sam day", ["Sâm dây Ngọc Linh"]),
        ("sâm dây", ["Sâm dây Ngọc Linh"]),
        ("Đăk Glei", ["Miến dong", "Sâm dây Ngọc Linh"]),  # pre-2025 district of the producer's commune
        ("dak glei", ["Miến dong", "Sâm dây Ngọc Linh"]),
        ("kon tum", ["Miến dong", "Sâm dây Ngọc Linh"]),  # pre-2025 province
        ("dak plo", ["Miến dong", "Sâm dây Ngọc Linh"]),  # current commune
        ("quang ngai", ["Miến dong", "Sâm dây Ngọc Linh"]),  # current province
        ("kien giang", ["Nước mắm Phú Quốc 40 độ đạm"]),
        ("duong dong", ["Nước mắm Phú Quốc 40 độ đạm"]),  # pre-2025 commune
        ("hung thanh", ["Nước mắm Phú Quốc 40 độ đạm"]),  # producer's name
        ("ca phe", ["Cà phê Robusta"]),  # "Mật ong hoa cà phê" has expired
        ("mien dak glei", ["Miến dong"]),  # words may match different fields
        ("uoc mam", []),  # not the start of a word
        ("sam tra", []),  # every word must match
        ("xyz", []),
    ],
)
def test_search_ignores_accents_and_case_and_takes_word_prefixes(client, world, q, expected):
    assert sorted(_names(client, q=q)) == expected


def test_search_words_fold_and_drop_punctuation():
    assert search_words("  Nước-mắm,  PHÚ   Quốc! ") == ["nuoc", "mam", "phu", "quoc"]
    assert search_words("100% _ %_") == ["100", "_", "_"]
    assert len(search_words("a " * 50)) == 8


def test_like_wildcards_in_the_query_match_literally(client, world):
    assert len(_names(client, q="%")) == 4  # no word at all: no search
    assert _names(client, q="_") == []
    assert _names(client, q="s_m") == []  # not "sam"
    assert _names(client, q="nuoc_mam") == []


def test_expired_switch_adds_expired_and_revoked_with_their_badges(client, world):
    response = _get(client, expired="1")
    cards = {card.name: card.status.code for card in response.context["result"].cards}
    assert cards == {
        "Cà phê Robusta": "expiring",
        "Miến dong": "valid",
        "Mật ong hoa cà phê": "expired",
        "Nước mắm Phú Quốc 40 độ đạm": "valid",
        "Sâm dây Ngọc Linh": "valid",
        "Trà Shan tuyết": "revoked",
    }
    body = response.content.decode()
    assert "Hết hạn" in body
    assert "Đã thu hồi" in body
    assert "Rượu cần" not in body
    assert 'name="expired" value="1" checked' in body


def test_revoked_never_shows_as_certified(client, world):
    assert "Trà Shan tuyết" not in _names(client)
    assert "Trà Shan tuyết" not in _names(client, q="tra shan")
    assert "Trà Shan tuyết" not in _get(client, star="4").content.decode()


def test_upgraded_product_shows_once_with_its_current_star(client, world):
    cards = list(_get(client, q="mien").context["result"].cards)
    assert [(c.name, c.star) for c in cards] == [("Miến dong", 4)]


def test_card_shows_star_producer_province_and_status(client, world):
    body = _get(client, q="nuoc mam").content.decode()
    assert body.count('data-testid="product-card"') == 1
    for text in ("Nước mắm Phú Quốc 40 độ đạm", "Công ty TNHH Nước mắm Hưng Thành", "Tỉnh An Giang", "★★★★★"):
        assert text in body
    assert 'data-testid="cert-status"' in body
    assert "Còn hiệu lực" in body
    assert f'href="/ocop/san-pham/{world.products["nuoc_mam"].pk}/"' in body
    assert f'href="/ocop/chu-the/{world.producers["hung_thanh"].pk}/"' in body
    assert 'class="placeholder"' in body  # no photo: a neutral block
    assert 'data-testid="catalogue-q"' in body


def test_card_thumbnail_is_the_first_photo(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    add_photo(world.products["sam_day"], world.maker.admin)
    body = _get(client, q="sam day").content.decode()
    assert '<img src="/media/products/' in body
    assert 'class="placeholder"' not in body


def test_facet_counts_are_disjunctive(client, world):
    response = _get(client)
    assert _facet(response, "stars") == {"3": 1, "4": 2, "5": 1}
    assert _facet(response, "provinces") == {"Tỉnh An Giang": 1, "Tỉnh Lâm Đồng": 1, "Tỉnh Quảng Ngãi": 2}
    assert _facet(response, "kinds") == {"Doanh nghiệp": 1, "Hợp tác xã": 2, "Tổ hợp tác": 1}
    body = response.content.decode()
    for star in (3, 4, 5):
        assert f'data-testid="facet-star-{star}"' in body

    response = _get(client, star="4")
    assert response.context["result"].facets.total == 2
    assert _facet(response, "stars") == {"3": 1, "4": 2, "5": 1}  # the star facet ignores its own filter
    assert _facet(response, "provinces") == {"Tỉnh Quảng Ngãi": 2}
    assert _facet(response, "kinds") == {"Hợp tác xã": 2}
    selected = [link for link in response.context["facets"]["stars"] if link.option.selected]
    assert [link.option.value for link in selected] == ["4"]
    assert "star" not in selected[0].href  # a selected option's link unselects it

    response = _get(client, star="4", province=str(world.maker.places.an_giang.pk))
    assert response.context["result"].facets.total == 0
    assert _facet(response, "stars") == {"3": 0, "4": 0, "5": 1}
    body = response.content.decode()
    assert "Không tìm thấy sản phẩm OCOP nào phù hợp" in body
    # An option that would find nothing is not a link (no dead end); the selected one stays a link.
    assert '<span class="muted" data-testid="facet-star-3">3 ★</span>' in body
    assert '<a href="?' in body.split('data-testid="facet-star-4"')[0].rsplit("<li", 1)[1]


def test_sector_and_group_facets(client, world, maker, places):
    other_set = (
        ProductSet.objects.filter(group__sector__regime="26/2026")
        .exclude(group=maker.product_set.group)
        .first()
    )
    maker.certified(places.bao_loc, "Gạo ST25", product_set=other_set)
    response = _get(client)
    groups = _facet(response, "groups")
    assert groups == {maker.product_set.group.name: 4, other_set.group.name: 1}
    sectors = _facet(response, "sectors")
    assert sum(sectors.values()) == 5
    response = _get(client, group=str(other_set.group_id))
    assert _names(client, group=str(other_set.group_id)) == ["Gạo ST25"]
    assert _facet(response, "groups") == groups  # the group facet ignores its own filter
    response = _get(client, sector=str(other_set.group.sector_id))
    assert "Gạo ST25" in [c.name for c in response.context["result"].cards]
    selecting_sector = response.context["facets"]["sectors"][0].href
    assert "group=" not in selecting_sector


def test_filters_combine_with_search_and_are_in_the_query_string(client, world):
    province = world.maker.places.quang_ngai.pk
    assert _names(client, q="ngoc", province=str(province), kind="htx", star="4") == ["Sâm dây Ngọc Linh"]
    body = _get(client, q="ngoc", province=str(province)).content.decode()
    assert f'name="province" value="{province}"' in body  # kept by the search form


@pytest.mark.parametrize(
    "params",
    [
        {"star": "abc"},
        {"star": "2"},
        {"star": "99999999999999999999999"},
        {"province": "-1"},
        {"province": "1e9"},
        {"group": "0"},
        {"kind": "<script>"},
        {"sort": "evil"},
        {"page": "abc"},
        {"expired": "maybe"},
        {"q": "x" * 5000},
        {"q": "'; DROP TABLE registry_product; --"},
    ],
)
def test_garbage_parameters_never_break_the_page(client, world, params):
    response = _get(client, **params)
    assert response.context["result"].page.number >= 1


def test_sort_by_name_follows_vietnamese_order(client, maker, places):
    for name in ("Đậu phộng rang", "Dưa hấu", "Ăn liền cháo", "An Thái trà", "Bánh tráng"):
        maker.certified(places.bao_loc, name)
    expected = ["An Thái trà", "Ăn liền cháo", "Bánh tráng", "Dưa hấu", "Đậu phộng rang"]
    assert _names(client, sort="name") == expected
    assert _names(client) == expected  # without words, the default is the name order


def test_sort_by_star_then_name(client, world):
    assert _names(client, sort="star") == [
        "Nước mắm Phú Quốc 40 độ đạm",
        "Miến dong",
        "Sâm dây Ngọc Linh",
        "Cà phê Robusta",
    ]


def test_relevance_exact_then_prefix_then_contains_then_words_then_producer_or_place(client, maker, places):
    maker.certified(places.bao_loc, "Rượu sâm dây")  # contains
    maker.certified(places.bao_loc, "Sâm dây Ngọc Linh")  # prefix
    maker.certified(places.bao_loc, "Sâm Ngọc Linh dây leo")  # every word
    producer = maker.producer(places.bao_loc, "Hợp tác xã Sâm Dây Tu Mơ Rông")
    maker.certify(maker.product(producer, "Trà xanh"))  # the producer's name
    maker.certified(places.bao_loc, "Sâm dây", star=3)  # exact
    expected = ["Sâm dây", "Sâm dây Ngọc Linh", "Rượu sâm dây", "Sâm Ngọc Linh dây leo", "Trà xanh"]
    assert _names(client, q="sam day") == expected
    response = _get(client, q="sam day")
    assert response.context["sort"] == "relevance"
    assert _names(client, q="sam day", sort="name")[0] == "Rượu sâm dây"


def test_paging_edges(client, maker, places):
    for n in range(PAGE_SIZE + 6):
        maker.certified(places.bao_loc, f"Sản phẩm {n:02d}")
    first = _get(client).context["result"]
    assert first.page.number == 1
    assert len(first.cards) == PAGE_SIZE
    assert first.page.paginator.num_pages == 2
    second = _get(client, page="2").context["result"]
    assert [c.name for c in second.cards] == [f"Sản phẩm {n:02d}" for n in range(PAGE_SIZE, PAGE_SIZE + 6)]
    assert _get(client, page="99").context["result"].page.number == 2  # out of range: the last page
    assert _get(client, page="0").context["result"].page.number == 2
    assert _get(client, page="abc").context["result"].page.number == 1  # garbage: the first
    body = _get(client, page="2", star="4").content.decode()
    assert "star=4" in body
    assert "page=1" in body


def test_empty_catalogue_is_a_friendly_page(client, db):
    response = _get(client)
    assert response.context["result"].facets.total == 0
    assert "Không tìm thấy sản phẩm OCOP nào phù hợp" in response.content.decode()


@pytest.mark.parametrize("extra", [0, PAGE_SIZE + 1])
def test_catalogue_page_costs_at_most_five_queries(
    client, django_assert_max_num_queries, maker, places, extra
):
    maker.certified(places.dak_plo, "Sâm dây Ngọc Linh", star=5)
    for n in range(extra):
        maker.certified(places.bao_loc, f"Sản phẩm {n:02d}", star=3 + n % 3, on=dt.date(2026, 1, 1 + n % 28))
    for params in ({}, {"q": "sam day"}, {"q": "san pham", "star": "4", "expired": "1", "sort": "star"}):
        with django_assert_max_num_queries(5):
            response = client.get(URL, params)
        assert response.status_code == 200
    assert len(_get(client).context["result"].cards) == min(extra + 1, PAGE_SIZE)


def test_logged_in_visitor_sees_the_same_catalogue_within_budget(
    client, django_assert_max_num_queries, world
):
    client.force_login(world.maker.admin)
    with django_assert_max_num_queries(5):
        response = client.get(URL)
    assert len(response.context["result"].cards) == 4
    assert 'href="/ocop/"' in response.content.decode()  # the navigation links the catalogue


def test_navigation_links_the_portal_for_everyone(client, world):
    for logged_in in (False, True):
        if logged_in:
            client.force_login(world.maker.admin)
        body = client.get("/").content.decode()
        for url in ('href="/ocop/"', 'href="/ocop/diem-ban/"', 'href="/ocop/thong-ke/"'):
            assert url in body, (logged_in, url)
    client.logout()
    body = client.get("/").content.decode()
    assert 'action="/ocop/"' in body  # the anonymous home page searches the catalogue
    assert 'name="q"' in body
