"""Activity services: validation at the boundaries, paths on both maps, permissions, history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ocop.activities import services
from ocop.activities.models import Budget, EventParticipation, Listing, RevenueReport, TrainingAttendance
from ocop.activities.tests.conftest import DAY
from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.geo.domain import REFORM_DATE

pytestmark = pytest.mark.django_db


def course_data(unit, **overrides):
    data = {
        "unit": unit,
        "title": "  Tập huấn  kiến thức OCOP ",
        "audience": "officials",
        "level": "province",
        "starts_on": DAY,
        "ends_on": DAY,
        "classes": 2,
        "participants": 80,
    }
    data.update(overrides)
    return data


def point_data(unit, **overrides):
    data = {"unit": unit, "name": "Điểm bán OCOP", "address": "Số 1", "opened_on": DAY}
    data.update(overrides)
    return data


# -- placing on both maps, scope, history --------------------------------------------------------


def test_a_record_at_a_current_commune_counts_on_both_maps(act_world):
    admin = act_world.users["admin"]
    course = services.training_create(actor=admin, **course_data(act_world.map.communes["dak_mil"]))
    assert course.path_2025 == act_world.map.communes["dak_mil"].path
    assert course.path_pre2025 == act_world.map.old_commune.path
    assert course.title == "Tập huấn kiến thức OCOP"
    assert course.search_folded == "tap huan kien thuc ocop"


def test_a_record_at_the_old_province_counts_in_the_current_one(act_world):
    officer = act_world.users["province_ld"]
    course = services.training_create(
        actor=officer,
        **course_data(act_world.old_province, starts_on=dt.date(2022, 5, 1), ends_on=dt.date(2022, 5, 3)),
    )
    assert (course.path_2025, course.path_pre2025) == ("/2025/68/", "/pre2025/67/")


def test_a_merged_province_has_no_single_old_place(act_world):
    course = services.training_create(actor=act_world.users["admin"], **course_data(act_world.map.lam_dong))
    assert (course.path_2025, course.path_pre2025) == ("/2025/68/", "")


def test_officers_write_only_inside_their_scope(act_world):
    with pytest.raises(PermissionDeniedError):
        services.training_create(actor=act_world.users["province_qn"], **course_data(act_world.old_province))
    with pytest.raises(PermissionDeniedError):
        services.media_create(
            actor=act_world.users["council_ld"],
            unit=act_world.map.lam_dong,
            kind="article",
            title="Bài",
            channel="Báo",
            published_on=DAY,
        )
    commune = act_world.users["commune_dak_mil"]
    with pytest.raises(PermissionDeniedError):
        services.training_create(
            actor=commune, **course_data(act_world.map.communes["bao_loc"], level="commune")
        )
    course = services.training_create(
        actor=commune, **course_data(act_world.map.communes["dak_mil"], level="commune")
    )
    with pytest.raises(NotFoundError):
        services.training_update(actor=act_world.users["province_qn"], course=course, title="Khác")
    with pytest.raises(PermissionDeniedError):
        services.training_update(actor=act_world.users["council_ld"], course=course, title="Khác")


def test_history_names_the_actor_and_the_reason(act_world):
    officer = act_world.users["province_ld"]
    course = services.training_create(actor=officer, **course_data(act_world.map.lam_dong))
    services.training_update(actor=officer, course=course, participants=90, reason="Bổ sung danh sách")
    versions = list(course.history.order_by("history_id"))
    assert [v.history_type for v in versions] == ["+", "~"]
    assert all(v.history_user == officer for v in versions)
    assert versions[0].history_change_reason == "Ghi nhận lớp tập huấn"
    assert versions[1].history_change_reason == "Bổ sung danh sách"
    assert versions[1].participants == 90


def test_an_update_without_changes_writes_no_history(act_world):
    officer = act_world.users["province_ld"]
    course = services.training_create(actor=officer, **course_data(act_world.map.lam_dong))
    services.training_update(actor=officer, course=course, participants=80)
    assert course.history.count() == 1


def test_an_unknown_field_is_refused(act_world):
    with pytest.raises(ApplicationError) as exc:
        services.training_create(
            actor=act_world.users["admin"], path_2025="/x/", **course_data(act_world.map.lam_dong)
        )
    assert exc.value.field == "path_2025"


# -- training -----------------------------------------------------------------------------------


def test_training_dates_may_be_one_day_but_not_reversed(act_world):
    admin = act_world.users["admin"]
    services.training_create(actor=admin, **course_data(act_world.map.lam_dong, ends_on=DAY))
    with pytest.raises(ApplicationError) as exc:
        services.training_create(
            actor=admin, **course_data(act_world.map.lam_dong, ends_on=DAY - dt.timedelta(days=1))
        )
    assert exc.value.field == "ends_on"
    assert "10/03/2026" in exc.value.message


@pytest.mark.parametrize(("field", "value"), [("classes", 0), ("participants", -1), ("cost", -5)])
def test_training_counts_and_money_are_not_negative(act_world, field, value):
    with pytest.raises(ApplicationError) as exc:
        services.training_create(
            actor=act_world.users["admin"], **course_data(act_world.map.lam_dong, **{field: value})
        )
    assert exc.value.field == field


def test_a_commune_course_sits_in_a_commune(act_world):
    with pytest.raises(ApplicationError) as exc:
        services.training_create(
            actor=act_world.users["admin"], **course_data(act_world.map.lam_dong, level="commune")
        )
    assert exc.value.field == "unit"


def test_an_old_unit_holds_nothing_from_the_reform_on(act_world):
    admin = act_world.users["admin"]
    before = REFORM_DATE - dt.timedelta(days=1)
    services.training_create(
        actor=admin, **course_data(act_world.old_province, starts_on=before, ends_on=before)
    )
    with pytest.raises(ApplicationError) as exc:
        services.training_create(
            actor=admin, **course_data(act_world.old_province, starts_on=REFORM_DATE, ends_on=REFORM_DATE)
        )
    assert exc.value.field == "unit"


def test_attendees_never_outnumber_the_participants(act_world):
    admin = act_world.users["admin"]
    course = services.training_create(actor=admin, **course_data(act_world.map.lam_dong, participants=1))
    first = services.training_attendance_add(
        actor=admin,
        course=course,
        person_name="Nguyễn Văn A",
        role="leader",
        producer=act_world.producers["dak_mil"],
    )
    with pytest.raises(ApplicationError):
        services.training_attendance_add(actor=admin, course=course, person_name="Trần Thị B", role="worker")
    with pytest.raises(ApplicationError) as exc:
        services.training_update(actor=admin, course=course, participants=0)
    assert exc.value.field == "participants"
    services.training_attendance_remove(actor=admin, attendance=first, reason="Ghi nhầm")
    assert not TrainingAttendance.objects.exists()
    removed = TrainingAttendance.history.get(history_type="-")
    assert (removed.history_user, removed.history_change_reason) == (admin, "Ghi nhầm")


def test_an_attendee_from_outside_the_scope_is_not_found(act_world):
    officer = act_world.users["province_ld"]
    course = services.training_create(actor=officer, **course_data(act_world.map.lam_dong))
    with pytest.raises(NotFoundError):
        services.training_attendance_add(
            actor=officer,
            course=course,
            person_name="A",
            role="leader",
            producer=act_world.producers["ly_son"],
        )


# -- events -------------------------------------------------------------------------------------


def _event(world, **overrides):
    data = {
        "unit": world.map.lam_dong,
        "name": "Hội chợ OCOP Tây Nguyên",
        "kind": "fair",
        "scope": "in_province",
        "starts_on": DAY,
        "ends_on": DAY,
    }
    data.update(overrides)
    return services.event_create(actor=world.users["admin"], **data)


def test_a_participation_is_one_row_per_producer_and_event(act_world):
    admin, event = act_world.users["admin"], _event(act_world)
    producer, product = act_world.producers["dak_mil"], act_world.products["dak_mil"]
    services.event_participation_set(actor=admin, event=event, producer=producer, products=[product], sales=1)
    again = services.event_participation_set(
        actor=admin, event=event, producer=producer, products=[], sales=9, contracts=1, contracts_value=3
    )
    assert EventParticipation.objects.get() == again
    assert (again.sales, again.contracts, list(again.products.all())) == (9, 1, [])
    assert again.history.first().history_user == admin


def test_a_participation_shows_only_the_producers_own_products(act_world):
    with pytest.raises(ApplicationError) as exc:
        services.event_participation_set(
            actor=act_world.users["admin"],
            event=_event(act_world),
            producer=act_world.producers["dak_mil"],
            products=[act_world.products["bao_loc"]],
        )
    assert exc.value.field == "products"


@pytest.mark.parametrize(
    ("figures", "field"),
    [({"sales": -1}, "sales"), ({"contracts_value": 5}, "contracts"), ({"contracts": -2}, "contracts")],
)
def test_participation_figures_are_consistent(act_world, figures, field):
    with pytest.raises(ApplicationError) as exc:
        services.event_participation_set(
            actor=act_world.users["admin"],
            event=_event(act_world),
            producer=act_world.producers["dak_mil"],
            **figures,
        )
    assert exc.value.field == field


def test_an_event_ends_on_or_after_its_start(act_world):
    with pytest.raises(ApplicationError) as exc:
        _event(act_world, ends_on=DAY - dt.timedelta(days=1))
    assert exc.value.field == "ends_on"


# -- media --------------------------------------------------------------------------------------


def test_media_published_today_but_not_tomorrow(act_world):
    today = timezone.localdate()
    data = {"unit": act_world.map.lam_dong, "kind": "tv_clip", "title": "Phóng sự", "channel": "VTV1"}
    services.media_create(actor=act_world.users["admin"], published_on=today, **data)
    with pytest.raises(ApplicationError) as exc:
        services.media_create(
            actor=act_world.users["admin"], published_on=today + dt.timedelta(days=1), **data
        )
    assert exc.value.field == "published_on"


# -- sales points -------------------------------------------------------------------------------


def test_a_sales_point_is_in_a_commune(act_world):
    with pytest.raises(ApplicationError) as exc:
        services.sales_point_create(actor=act_world.users["admin"], **point_data(act_world.map.lam_dong))
    assert exc.value.field == "unit"


@pytest.mark.parametrize(
    ("lat", "lon", "field"),
    [
        (7.99, 108.0, "latitude"),
        (23.51, 108.0, "latitude"),
        (12.0, 101.99, "longitude"),
        (12.0, None, "longitude"),
    ],
)
def test_sales_point_coordinates_lie_in_vietnam(act_world, lat, lon, field):
    with pytest.raises(ApplicationError) as exc:
        services.sales_point_create(
            actor=act_world.users["admin"],
            **point_data(act_world.map.communes["dak_mil"], latitude=lat, longitude=lon),
        )
    assert exc.value.field == field


def test_sales_point_coordinates_on_the_bounds_are_accepted(act_world):
    point = services.sales_point_create(
        actor=act_world.users["admin"],
        **point_data(act_world.map.communes["dak_mil"], latitude=8.0, longitude=117.5),
    )
    assert point.path_pre2025 == act_world.map.old_commune.path


def test_an_open_sales_point_is_not_at_an_abolished_commune(act_world):
    with pytest.raises(ApplicationError) as exc:
        services.sales_point_create(actor=act_world.users["admin"], **point_data(act_world.map.old_commune))
    assert exc.value.field == "unit"


def test_closing_a_sales_point(act_world):
    admin = act_world.users["admin"]
    point = services.sales_point_create(actor=admin, **point_data(act_world.map.communes["dak_mil"]))
    with pytest.raises(ApplicationError) as exc:
        services.sales_point_close(actor=admin, sales_point=point, closed_on=DAY)
    assert exc.value.field == "closed_on"
    with pytest.raises(ApplicationError):
        services.sales_point_close(
            actor=admin, sales_point=point, closed_on=timezone.localdate() + dt.timedelta(days=1)
        )
    closed = services.sales_point_close(actor=admin, sales_point=point, closed_on=DAY + dt.timedelta(days=1))
    assert closed.closed_on == DAY + dt.timedelta(days=1)
    with pytest.raises(ApplicationError):
        services.sales_point_close(actor=admin, sales_point=closed, closed_on=DAY + dt.timedelta(days=2))


def test_products_on_sale_must_be_in_the_scope_and_are_in_the_history(act_world):
    officer = act_world.users["province_ld"]
    with pytest.raises(NotFoundError):
        services.sales_point_create(
            actor=officer,
            products=[act_world.products["ly_son"]],
            **point_data(act_world.map.communes["dak_mil"]),
        )
    point = services.sales_point_create(
        actor=officer,
        products=[act_world.products["dak_mil"]],
        **point_data(act_world.map.communes["dak_mil"]),
    )
    services.sales_point_update(actor=officer, sales_point=point, products=[], reason="Ngừng bày bán")
    assert point.products.count() == 0
    latest = point.history.order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (officer, "Ngừng bày bán")


# -- listings -----------------------------------------------------------------------------------


def _listing(world, actor_key="admin", product_key="dak_mil", **overrides):
    data = {"platform": "shopee", "url": "https://shopee.vn/ca-phe", "listed_from": DAY}
    data.update(overrides)
    return services.listing_create(actor=world.users[actor_key], product=world.products[product_key], **data)


def test_a_listing_url_is_not_repeated_for_a_product(act_world):
    _listing(act_world)
    with pytest.raises(ApplicationError) as exc:
        _listing(act_world, platform="tiki")
    assert exc.value.field == "url"
    _listing(act_world, product_key="bao_loc")  # the same address for another product is another listing


def test_a_listing_ends_after_it_starts_and_only_once(act_world):
    admin = act_world.users["admin"]
    with pytest.raises(ApplicationError) as exc:
        _listing(act_world, listed_until=DAY)
    assert exc.value.field == "listed_until"
    listing = _listing(act_world)
    ended = services.listing_end(actor=admin, listing=listing, listed_until=DAY + dt.timedelta(days=1))
    assert ended.listed_until == DAY + dt.timedelta(days=1)
    with pytest.raises(ApplicationError):
        services.listing_end(actor=admin, listing=ended, listed_until=DAY + dt.timedelta(days=5))


def test_a_producer_keeps_its_own_listings_only(act_world):
    listing = _listing(act_world, actor_key="producer_dak_mil")
    assert listing.created_by == act_world.users["producer_dak_mil"]
    services.listing_update(actor=act_world.users["producer_dak_mil"], listing=listing, platform="tiki")
    with pytest.raises(PermissionDeniedError):
        _listing(act_world, actor_key="producer_dak_mil", product_key="bao_loc")
    other = _listing(act_world, product_key="bao_loc")
    with pytest.raises(NotFoundError):
        services.listing_update(actor=act_world.users["producer_dak_mil"], listing=other, platform="tiki")
    assert Listing.objects.count() == 2


def test_a_listing_cannot_start_in_the_future(act_world):
    with pytest.raises(ApplicationError) as exc:
        _listing(act_world, listed_from=timezone.localdate() + dt.timedelta(days=1))
    assert exc.value.field == "listed_from"


# -- revenue ------------------------------------------------------------------------------------


def test_a_revenue_report_is_upserted_and_totalled(act_world):
    admin, producer = act_world.users["admin"], act_world.producers["dak_mil"]
    first = services.revenue_report_save(actor=admin, producer=producer, year=2024, direct=100, ecommerce=50)
    again = services.revenue_report_save(
        actor=admin, producer=producer, year=2024, export=25, reason="Bổ sung"
    )
    assert first.pk == again.pk
    assert RevenueReport.objects.count() == 1
    assert (again.direct, again.ecommerce, again.export, again.total) == (100, 50, 25, 175)
    product_level = services.revenue_report_save(
        actor=admin, producer=producer, product=act_world.products["dak_mil"], year=2024, direct=80
    )
    assert product_level.pk != first.pk
    assert product_level.total == 80
    assert again.history.order_by("-history_id").first().history_change_reason == "Bổ sung"


def test_revenue_boundaries(act_world):
    admin, producer = act_world.users["admin"], act_world.producers["dak_mil"]
    this_year = timezone.localdate().year
    services.revenue_report_save(actor=admin, producer=producer, year=this_year, direct=0)
    for kwargs, field in (
        ({"year": this_year + 1}, "year"),
        ({"year": 2017}, "year"),
        ({"year": 2024, "direct": -1}, "direct"),
        ({"year": 2024, "gifts": 3}, "gifts"),
        ({"year": 2024, "product": act_world.products["bao_loc"]}, "product"),
    ):
        with pytest.raises(ApplicationError) as exc:
            services.revenue_report_save(actor=admin, producer=producer, **kwargs)
        assert exc.value.field == field, kwargs


def test_a_producer_reports_its_own_revenue_only(act_world):
    own = act_world.users["producer_dak_mil"]
    services.revenue_report_save(actor=own, producer=act_world.producers["dak_mil"], year=2025, direct=10)
    with pytest.raises(NotFoundError):
        services.revenue_report_save(actor=own, producer=act_world.producers["bao_loc"], year=2025, direct=10)
    with pytest.raises(PermissionDeniedError):
        services.revenue_report_save(
            actor=act_world.users["council_ld"], producer=act_world.producers["dak_mil"], year=2025
        )


# -- supports and budgets -----------------------------------------------------------------------


def test_supports_are_recorded_by_officers_with_amounts_and_past_dates(act_world):
    data = {"kind": "trademark", "amount": 15_000_000, "source": "local", "given_on": DAY}
    producer = act_world.producers["dak_mil"]
    support = services.support_create(actor=act_world.users["commune_dak_mil"], producer=producer, **data)
    assert support.amount == 15_000_000
    with pytest.raises(PermissionDeniedError):
        services.support_create(actor=act_world.users["producer_dak_mil"], producer=producer, **data)
    with pytest.raises(PermissionDeniedError):
        services.support_create(actor=act_world.users["province_qn"], producer=producer, **data)
    with pytest.raises(ApplicationError) as exc:
        services.support_create(actor=act_world.users["admin"], producer=producer, **{**data, "amount": -1})
    assert exc.value.field == "amount"
    with pytest.raises(ApplicationError) as exc:
        services.support_update(
            actor=act_world.users["admin"],
            support=support,
            given_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert exc.value.field == "given_on"
    with pytest.raises(ApplicationError) as exc:
        services.support_update(
            actor=act_world.users["admin"], support=support, product=act_world.products["bao_loc"]
        )
    assert exc.value.field == "product"


def test_a_budget_is_upserted_per_unit_year_and_source(act_world):
    officer = act_world.users["province_ld"]
    unit = act_world.map.lam_dong
    first = services.budget_save(actor=officer, unit=unit, year=2025, source="local", planned=1_000)
    again = services.budget_save(actor=officer, unit=unit, year=2025, source="local", mobilised=600)
    other = services.budget_save(actor=officer, unit=unit, year=2025, source="central", planned=500)
    assert first.pk == again.pk != other.pk
    assert (again.planned, again.mobilised) == (1_000, 600)
    assert Budget.objects.count() == 2
    with pytest.raises(ApplicationError) as exc:
        services.budget_save(actor=officer, unit=unit, year=2025, source="local", planned=-1)
    assert exc.value.field == "planned"
    with pytest.raises(ApplicationError) as exc:
        services.budget_save(actor=officer, unit=unit, year=2017, source="local")
    assert exc.value.field == "year"
    with pytest.raises(PermissionDeniedError):
        services.budget_save(actor=act_world.users["province_qn"], unit=unit, year=2025, source="local")
