"""Activity pages: every role sees and changes exactly its scope; forms go through the services; lists keep
a bounded query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.activities import services
from ocop.activities.models import TrainingAttendance, TrainingCourse
from ocop.activities.tests.conftest import ALL, CHANGEABLE, DAY, VISIBLE, VISIBLE_OWN

pytestmark = pytest.mark.django_db

# kind → (url kind, what identifies the record of a commune in a list page)
KINDS = {
    "training": ("training", lambda w, k: w.records[k]["training"].title),
    "event": ("event", lambda w, k: w.records[k]["event"].name),
    "media": ("media", lambda w, k: w.records[k]["media"].title),
    "sales_point": ("sales-point", lambda w, k: w.records[k]["sales_point"].name),
    "listing": ("listing", lambda w, k: w.products[k].name),
    "revenue": ("revenue", lambda w, k: w.producers[k].name),
    "support": ("support", lambda w, k: w.producers[k].name),
    "budget": ("budget", lambda w, k: w.map.communes[k].name),
}
# The producer account reads its own records about it, and the courses and events it attended.
PRODUCER_READS = {"training", "event", "listing", "revenue", "support"}


def visible(kind: str, who: str) -> set[str]:
    if who == "producer_dak_mil":
        return {"dak_mil"} if kind in PRODUCER_READS else set()
    return (VISIBLE_OWN if kind in {"listing", "revenue", "support"} else VISIBLE)[who]


def changeable(kind: str, who: str) -> set[str]:
    if who == "producer_dak_mil":
        return {"dak_mil"} if kind in {"listing", "revenue"} else set()
    return CHANGEABLE[who]


USERS = [who for who in VISIBLE if who != "anonymous"]


def _login(client, world, who):
    client.force_login(world.users[who])


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_lists_show_only_the_scope(client, full_world, kind, who):
    _login(client, full_world, who)
    url_kind, label = KINDS[kind]
    body = client.get(reverse(f"activities:{url_kind}-list")).content.decode()
    for key in ALL:
        assert (label(full_world, key) in body) == (key in visible(kind, who)), key


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_detail_and_edit_pages_follow_the_scope(client, full_world, kind, who):
    _login(client, full_world, who)
    url_kind, _label = KINDS[kind]
    for key in ALL:
        pk = full_world.records[key][kind].pk
        detail = client.get(reverse(f"activities:{url_kind}-detail", args=[pk]))
        edit = client.get(reverse(f"activities:{url_kind}-edit", args=[pk]))
        assert detail.status_code == (200 if key in visible(kind, who) else 404), key
        if key in changeable(kind, who):
            assert edit.status_code == 200, key
        else:
            assert edit.status_code in {403, 404}, key


def test_anonymous_is_sent_to_login(client, full_world):
    for url in (
        reverse("activities:overview"),
        reverse("activities:training-list"),
        reverse("activities:budget-detail", args=[full_world.records["dak_mil"]["budget"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_the_overview_counts_within_the_scope(client, full_world):
    _login(client, full_world, "province_ld")
    response = client.get(reverse("activities:overview"))
    cards = {card["url_name"]: card["count"] for card in response.context["cards"]}
    assert cards["activities:training-list"] == 2
    assert cards["activities:budget-list"] == 2
    _login(client, full_world, "producer_dak_mil")
    cards = {c["url_name"]: c["count"] for c in client.get(reverse("activities:overview")).context["cards"]}
    assert cards["activities:listing-list"] == 1
    assert cards["activities:media-list"] == 0


def test_a_producer_sees_only_its_own_attendees(client, full_world):
    course = full_world.records["dak_mil"]["training"]
    services.training_attendance_add(
        actor=full_world.users["admin"],
        course=course,
        person_name="Người Ngoài Danh Sách",
        role="leader",
        producer=full_world.producers["bao_loc"],
    )
    _login(client, full_world, "producer_dak_mil")
    body = client.get(reverse("activities:training-detail", args=[course.pk])).content.decode()
    assert "Chủ thể Dak Mil" in body
    assert "Người Ngoài Danh Sách" not in body


def test_create_a_course_through_the_form(client, act_world):
    _login(client, act_world, "province_ld")
    data = {
        "province": act_world.map.lam_dong.pk,
        "commune": act_world.map.communes["dak_mil"].pk,
        "title": "Tập huấn  xây dựng câu chuyện sản phẩm",
        "audience": "producers",
        "level": "commune",
        "starts_on": "10/03/2026",
        "ends_on": "12/03/2026",
        "classes": 2,
        "participants": 120,
        "cost": 30_000_000,
    }
    response = client.post(reverse("activities:training-create"), data)
    course = TrainingCourse.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:training-detail", args=[course.pk])
    assert course.title == "Tập huấn xây dựng câu chuyện sản phẩm"
    assert course.path_pre2025 == act_world.map.old_commune.path
    assert course.history.get().history_user == act_world.users["province_ld"]


def test_a_refused_form_shows_the_service_message_on_the_field(client, act_world):
    _login(client, act_world, "province_ld")
    data = {
        "province": act_world.map.lam_dong.pk,
        "title": "Lớp",
        "audience": "officials",
        "level": "province",
        "starts_on": "10/03/2026",
        "ends_on": "09/03/2026",
        "classes": 1,
        "participants": 10,
        "cost": 0,
    }
    response = client.post(reverse("activities:training-create"), data)
    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors
    assert not TrainingCourse.objects.exists()


def test_outside_officers_cannot_post_to_create_pages(client, act_world):
    _login(client, act_world, "council_ld")
    assert client.get(reverse("activities:training-create")).status_code == 403
    assert client.get(reverse("activities:support-create")).status_code == 403
    _login(client, act_world, "producer_dak_mil")
    assert client.get(reverse("activities:listing-create")).status_code == 200
    assert client.get(reverse("activities:budget-create")).status_code == 403


def test_attendees_are_added_and_removed_from_the_course_page(client, full_world):
    _login(client, full_world, "province_ld")
    course = full_world.records["bao_loc"]["training"]
    url = reverse("activities:training-attendance-add", args=[course.pk])
    response = client.post(url, {"person_name": "Trần Văn Bình", "role": "worker"})
    assert response.status_code == 302
    added = TrainingAttendance.objects.get(person_name="Trần Văn Bình")
    client.post(reverse("activities:training-attendance-remove", args=[added.pk]))
    assert not TrainingAttendance.objects.filter(pk=added.pk).exists()
    _login(client, full_world, "province_qn")
    assert client.post(url, {"person_name": "X", "role": "worker"}).status_code == 404


def test_closing_a_sales_point_from_its_page(client, full_world):
    _login(client, full_world, "commune_dak_mil")
    point = full_world.records["dak_mil"]["sales_point"]
    client.post(
        reverse("activities:sales-point-close", args=[point.pk]),
        {"day": "20/03/2026", "reason": "Hết hợp đồng"},
    )
    point.refresh_from_db()
    assert point.closed_on == dt.date(2026, 3, 20)
    assert point.history.order_by("-history_id").first().history_change_reason == "Hết hợp đồng"


def test_a_producer_ends_its_listing_and_a_bad_day_is_refused(client, full_world):
    _login(client, full_world, "producer_dak_mil")
    listing = full_world.records["dak_mil"]["listing"]
    url = reverse("activities:listing-end", args=[listing.pk])
    client.post(url, {"day": "31/02/2026", "reason": "Sai ngày"})
    listing.refresh_from_db()
    assert listing.listed_until is None
    client.post(url, {"day": "20/03/2026", "reason": "Ngừng bán trên sàn"})
    listing.refresh_from_db()
    assert listing.listed_until == dt.date(2026, 3, 20)
    assert listing.history.order_by("-history_id").first().history_change_reason == "Ngừng bán trên sàn"


def test_a_producer_reports_revenue_through_the_form(client, act_world):
    _login(client, act_world, "producer_dak_mil")
    producer = act_world.producers["dak_mil"]
    response = client.post(
        reverse("activities:revenue-create"),
        {"producer": producer.pk, "year": 2025, "direct": 100, "ecommerce": 20},
    )
    assert response.status_code == 302
    assert producer.revenues.get().total == 120
    response = client.post(
        reverse("activities:revenue-create"), {"producer": act_world.producers["bao_loc"].pk, "year": 2025}
    )
    assert response.status_code == 200  # not in the producer's choices: refused by the form
    assert act_world.producers["bao_loc"].revenues.count() == 0


def test_list_filters_by_year_kind_and_accent_free_text(client, full_world):
    admin = full_world.users["admin"]
    services.media_create(
        actor=admin,
        unit=full_world.map.lam_dong,
        kind="tv_clip",
        title="Phóng sự Cà phê Đắk Mil",
        channel="VTV1",
        published_on=dt.date(2024, 5, 1),
    )
    _login(client, full_world, "admin")
    page = client.get(reverse("activities:media-list"), {"q": "ca phe dak mil", "year": 2024}).context["page"]
    assert [m.title for m in page] == ["Phóng sự Cà phê Đắk Mil"]
    page = client.get(reverse("activities:media-list"), {"media_kind": "article"}).context["page"]
    assert len(page) == 4


# -- query counts: a list costs the same with 1 and with 3 rows -----------------------------------


def _more(world, kind: str, n: int) -> None:
    """``n`` more records of ``kind`` in Xã Đắk Mil (the commune officer's scope)."""
    admin, commune = world.users["admin"], world.map.communes["dak_mil"]
    producer, product = world.producers["dak_mil"], world.products["dak_mil"]
    for i in range(n):
        if kind == "training":
            services.training_create(
                actor=admin,
                unit=commune,
                title=f"Lớp {i}",
                audience="workers",
                level="commune",
                starts_on=DAY,
                ends_on=DAY,
            )
        elif kind == "event":
            services.event_create(
                actor=admin,
                unit=commune,
                name=f"Hội chợ {i}",
                kind="fair",
                scope="in_province",
                starts_on=DAY,
                ends_on=DAY,
            )
        elif kind == "media":
            services.media_create(
                actor=admin, unit=commune, kind="article", title=f"Bài {i}", channel="Báo", published_on=DAY
            )
        elif kind == "sales_point":
            services.sales_point_create(
                actor=admin, unit=commune, name=f"Điểm {i}", address="x", opened_on=DAY, products=[product]
            )
        elif kind == "listing":
            services.listing_create(
                actor=admin, product=product, platform="tiki", url=f"https://tiki.vn/{i}", listed_from=DAY
            )
        elif kind == "revenue":
            services.revenue_report_save(actor=admin, producer=producer, year=2020 + i, direct=1)
        elif kind == "support":
            services.support_create(
                actor=admin,
                producer=producer,
                product=product,
                kind="label",
                amount=1,
                source="local",
                given_on=DAY,
            )
        elif kind == "budget":
            services.budget_save(actor=admin, unit=commune, year=2020 + i, source="central", planned=1)


@pytest.mark.parametrize("kind", list(KINDS))
def test_list_pages_cost_the_same_for_one_and_three_rows(client, full_world, kind):
    _login(client, full_world, "commune_dak_mil")
    url = reverse(f"activities:{KINDS[kind][0]}-list")
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert response.context["page"].paginator.count == 1
    _more(full_world, kind, 2)
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert response.context["page"].paginator.count == 3
    assert len(three) == len(one) <= 12
