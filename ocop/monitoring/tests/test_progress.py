"""Live progress of a plan (``selectors.plan_progress``), plan and report scoping, permissions.

The Đắk Nông plan of ``plan_fixtures`` (01/01/2021–31/12/2025, on the pre-2025 map) as of 31/12/2023, day
1,095 of 1,826, with hand-counted data:

- p1 at Bắc Gia Nghĩa (old Gia Nghĩa), 3★ on 01/06/2020: before the period, expired 01/06/2023;
- p2, p3 at Đắk Mil (old TT Đắk Mil, district Đắk Mil), 3★ on 01/03/2022 and 4★ on 10/01/2023;
- TV clips at the province: two on 01/05/2021, one on 01/02/2023 (and an article on 01/03/2023);
- one sales point at Đắk Mil, opened 01/05/2022.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ocop.core.exceptions import NotFoundError
from ocop.core.testing import make_user
from ocop.monitoring import permissions, selectors, services
from ocop.monitoring.domain import Status
from ocop.monitoring.indicators import Grouping
from ocop.monitoring.tests.plan_fixtures import build_plan_map, certified_product, media_item, sales_point

D = Decimal
AS_OF = dt.date(2023, 12, 31)


@pytest.fixture
def world(taxonomy):
    return build_plan_map()


def make_plan(
    world, unit=None, *, number="653/KH-UBND", start=dt.date(2021, 1, 1), end=dt.date(2025, 12, 31)
):
    return services.plan_create(
        actor=world.admin,
        number=number,
        title="Kế hoạch thực hiện Chương trình OCOP giai đoạn 2021 - 2025",
        issuing_body="UBND tỉnh Đắk Nông",
        issued_on=dt.date(2022, 11, 11),
        period_start=start,
        period_end=end,
        unit=unit or world["DN"],
    )


@pytest.fixture
def plan(world):
    plan = make_plan(world)
    add = services.target_add
    add(
        actor=world.admin,
        plan=plan,
        title="Thêm 4 sản phẩm",
        indicator="newly_recognised_products",
        comparator="ge",
        value=4,
    )
    add(
        actor=world.admin,
        plan=plan,
        title="Tổng số ≥ 2",
        indicator="certified_products",
        comparator="ge",
        value=2,
    )
    clips = {"indicator": "media_items", "params": {"kind": "tv_clip"}, "each_year": True}
    add(actor=world.admin, plan=plan, title="2 clip mỗi năm", comparator="ge", value=2, **clips)
    points = {"indicator": "sales_points", "per_child": True}
    add(actor=world.admin, plan=plan, title="Mỗi huyện 1 điểm", comparator="ge", value=1, **points)
    services.milestone_add(
        actor=world.admin, plan=plan, title="Hệ thống giám sát", due_on=dt.date(2023, 12, 31)
    )
    return plan


def fill(world) -> None:
    certified_product(world, world["bgn"], on=dt.date(2020, 6, 1))
    certified_product(world, world["dm"], on=dt.date(2022, 3, 1))
    certified_product(world, world["dm"], star=4, on=dt.date(2023, 1, 10))
    media_item(world, world["DN"], on=dt.date(2021, 5, 1))
    media_item(world, world["DN"], on=dt.date(2021, 5, 1))
    media_item(world, world["DN"], on=dt.date(2023, 2, 1))
    media_item(world, world["DN"], kind="article", on=dt.date(2023, 3, 1))
    sales_point(world, world["dm"], opened=dt.date(2022, 5, 1))


def by_title(progress):
    return {t.target.title: t for t in progress.targets}


# ----------------------------------------------------------------------------------------------------
# Values, forecasts and statuses


def test_progress_of_each_target_on_the_plans_map(world, plan):
    fill(world)
    progress = selectors.plan_progress(plan=plan, as_of=AS_OF)
    assert progress.unit == world["DN"]
    assert [u.name for u in progress.child_units] == ["Thành phố Gia Nghĩa", "Huyện Đắk Mil"]
    targets = by_title(progress)

    new = targets["Thêm 4 sản phẩm"]
    assert new.current.total.actual == 2
    # a flow from 0: 2 in 1,095 days of 1,826 → 3.34, short of 4
    assert new.current.total.forecast == D("3.34")
    assert new.current.total.share == D("50.00")
    assert new.status == Status.AT_RISK
    assert [(c.unit_name, c.actual) for c in new.current.children] == [
        ("Thành phố Gia Nghĩa", 0),
        ("Huyện Đắk Mil", 2),
    ]

    total = targets["Tổng số ≥ 2"]
    # p1 expired on 01/06/2023: 2 in force; 1 on the eve (31/12/2020) → 2 + 1 × 731 / 1,095
    assert total.current.total.actual == 2
    assert total.current.total.forecast == D("2.67")
    assert total.status == Status.ACHIEVED

    clips = targets["2 clip mỗi năm"]
    assert [p.period.start.year for p in clips.periods] == [2021, 2022, 2023, 2024, 2025]
    assert [p.total.actual for p in clips.periods] == [2, 0, 1, None, None]
    assert [p.status for p in clips.periods] == [
        Status.ACHIEVED,
        Status.MISSED,
        Status.MISSED,  # 31/12/2023 is that year's deadline: final
        Status.NOT_STARTED,
        Status.NOT_STARTED,
    ]
    assert clips.current.period.start == dt.date(2023, 1, 1)
    assert clips.status == Status.MISSED

    points = targets["Mỗi huyện 1 điểm"]
    period = points.current
    assert period.children_meeting == 1
    assert period.total.share == D("50.00")
    assert [(c.unit_name, c.actual, c.status) for c in period.children] == [
        ("Thành phố Gia Nghĩa", 0, Status.AT_RISK),
        ("Huyện Đắk Mil", 1, Status.ACHIEVED),
    ]
    assert period.status == period.total.status == points.status == Status.AT_RISK

    counts = progress.status_counts()
    assert counts[Status.AT_RISK] == 2
    assert counts[Status.ACHIEVED] == 1
    assert counts[Status.MISSED] == 1
    assert [m.title for m in progress.milestones] == ["Hệ thống giám sát"]


def test_before_the_period_everything_is_not_started(world, plan):
    fill(world)
    progress = selectors.plan_progress(plan=plan, as_of=dt.date(2020, 12, 31))
    assert all(t.status == Status.NOT_STARTED for t in progress.targets)
    assert all(t.current.total.actual is None for t in progress.targets)
    clips = by_title(progress)["2 clip mỗi năm"]
    assert clips.current.period.start == dt.date(2021, 1, 1)


def test_on_the_first_day_a_flow_counts_that_day(world, plan):
    certified_product(world, world["dm"], on=dt.date(2021, 1, 1))
    progress = selectors.plan_progress(plan=plan, as_of=dt.date(2021, 1, 1))
    new = by_title(progress)["Thêm 4 sản phẩm"]
    assert new.current.total.actual == 1
    assert new.current.total.forecast == D("1826.00")
    assert new.status == Status.ON_TRACK


def test_per_child_target_achieved_when_every_child_has_one(world, plan):
    fill(world)
    sales_point(world, world["bgn"], opened=dt.date(2023, 12, 31))
    points = by_title(selectors.plan_progress(plan=plan, as_of=AS_OF))["Mỗi huyện 1 điểm"]
    assert points.current.children_meeting == 2
    assert points.status == Status.ACHIEVED


def test_viewed_on_the_current_map(world, plan):
    fill(world)
    progress = selectors.plan_progress(plan=plan, as_of=AS_OF, grouping=Grouping.CURRENT)
    assert [u.name for u in progress.child_units] == ["Phường Bắc Gia Nghĩa", "Xã Đắk Mil"]
    new = by_title(progress)["Thêm 4 sản phẩm"]
    assert new.current.total.actual == 2
    assert [(c.unit_name, c.actual) for c in new.current.children] == [
        ("Phường Bắc Gia Nghĩa", 0),
        ("Xã Đắk Mil", 2),
    ]
    assert sum(c.actual for c in new.current.children) == new.current.total.actual


def test_drill_down_to_a_district(world, plan):
    fill(world)
    progress = selectors.plan_progress(plan=plan, as_of=AS_OF, unit=world["DM"])
    assert progress.unit == world["DM"]
    assert [u.name for u in progress.child_units] == ["Thị trấn Đắk Mil", "Xã Đắk Lao"]
    new = by_title(progress)["Thêm 4 sản phẩm"]
    assert new.current.total.actual == 2
    assert [(c.unit_name, c.actual) for c in new.current.children] == [
        ("Thị trấn Đắk Mil", 2),
        ("Xã Đắk Lao", 0),
    ]


def test_drill_down_to_a_commune_has_no_children(world, plan):
    fill(world)
    progress = selectors.plan_progress(plan=plan, as_of=AS_OF, unit=world["tt"])
    assert progress.child_units == []
    assert by_title(progress)["Thêm 4 sản phẩm"].current.total.actual == 2
    # a per-child target with no child to meet it has no data
    assert by_title(progress)["Mỗi huyện 1 điểm"].status == Status.NO_DATA


@pytest.mark.parametrize("key", ["LD", "dm", "QN"])
def test_drill_down_outside_the_plan_or_its_map_is_not_found(world, plan, key):
    with pytest.raises(NotFoundError):
        selectors.plan_progress(plan=plan, as_of=AS_OF, unit=world[key])


def test_query_count_does_not_grow_with_the_data(world, plan):
    fill(world)
    with CaptureQueriesContext(connection) as little:
        selectors.plan_progress(plan=plan, as_of=AS_OF)
    for _ in range(3):
        fill(world)
    sales_point(world, world["bgn"], opened=dt.date(2022, 1, 1))
    with CaptureQueriesContext(connection) as more:
        progress = selectors.plan_progress(plan=plan, as_of=AS_OF)
    assert by_title(progress)["Thêm 4 sản phẩm"].current.total.actual == 8
    assert len(more) == len(little)
    # child units, targets, milestones and their evidence; then per target and started period 2 queries
    # (total, breakdown), and 2 more for the eve of the period of stock indicators
    started = 1 + 1 + 3 + 1  # periods started by 31/12/2023 (the clips: 2021, 2022, 2023)
    stock = 1 + 1  # certified_products, sales_points
    assert len(more) == 4 + 2 * started + 2 * stock


# ----------------------------------------------------------------------------------------------------
# Scoping and permissions


def test_a_lam_dong_officer_sees_the_old_dak_nong_plan(world, plan):
    lam_dong = make_user(role="province", scope_unit=world["LD"])
    quang_ngai = make_user(role="province", scope_unit=world["QN"])
    assert list(selectors.plans_for_user(user=lam_dong)) == [plan]
    assert selectors.plan_get_for_user(user=lam_dong, pk=plan.pk) == plan
    assert list(selectors.plans_for_user(user=quang_ngai)) == []
    with pytest.raises(NotFoundError):
        selectors.plan_get_for_user(user=quang_ngai, pk=plan.pk)
    with pytest.raises(NotFoundError):
        selectors.plan_get_for_user(user=lam_dong, pk="abc")


def test_an_officer_scoped_on_the_old_map_sees_it_too(world, plan):
    old = make_user(role="province", scope_unit=world["DN"])
    assert list(selectors.plans_for_user(user=old)) == [plan]


def test_a_commune_officer_sees_commune_plans_only(world, plan):
    officer = make_user(role="commune", scope_unit=world["dm"])
    assert list(selectors.plans_for_user(user=officer)) == []
    commune_plan = make_plan(world, world["dm"], number="12/KH-UBND")
    assert list(selectors.plans_for_user(user=officer)) == [commune_plan]
    assert permissions.can_change_plan(officer, commune_plan)
    assert not permissions.can_change_plan(officer, plan)


def test_nobody_without_a_scope_sees_plans(world, plan):
    producer_account = make_user(role="producer")
    assert list(selectors.plans_for_user(user=producer_account)) == []
    assert not permissions.can_view_plan(producer_account, plan)
    central = make_user(role="central")
    assert list(selectors.plans_for_user(user=central)) == [plan]


def test_change_permissions(world, plan):
    province = make_user(role="province", scope_unit=world["LD"])
    council = make_user(role="council", scope_unit=world["LD"])
    commune = make_user(role="commune", scope_unit=world["bgn"])
    other = make_user(role="province", scope_unit=world["QN"])
    central = make_user(role="central")
    assert permissions.can_change_plan(central, plan)
    assert permissions.can_change_plan(province, plan)
    assert permissions.can_view_plan(council, plan)
    assert not permissions.can_change_plan(council, plan)
    assert not permissions.can_change_plan(commune, plan)
    assert not permissions.can_change_plan(other, plan)
    assert permissions.can_create_plan_in(province, world["DN"])
    assert permissions.can_create_plan_in(province, world["dm"])
    assert not permissions.can_create_plan_in(other, world["DN"])
    assert permissions.can_create_plan_in(commune, world["bgn"])
    assert not permissions.can_create_plan_in(commune, world["LD"])
    assert not permissions.can_create_plan_in(council, world["LD"])


def test_reports_are_scoped_like_their_plans(world, plan):
    report = services.report_issue(actor=world.admin, plan=plan, as_of=AS_OF)
    lam_dong = make_user(role="province", scope_unit=world["LD"])
    quang_ngai = make_user(role="province", scope_unit=world["QN"])
    assert selectors.report_get_for_user(user=lam_dong, pk=report.pk) == report
    with pytest.raises(NotFoundError):
        selectors.report_get_for_user(user=quang_ngai, pk=report.pk)
    assert list(selectors.reports_of_plan(plan=plan)) == [report]


@pytest.mark.parametrize("count", [1, 3])
def test_plan_list_query_count(world, count, django_assert_max_num_queries):
    for n in range(count):
        make_plan(world, number=f"{n}/KH-UBND")
    officer = make_user(role="province", scope_unit=world["LD"])
    with django_assert_max_num_queries(2):
        plans = list(selectors.plans_for_user(user=officer))
        names = [p.unit.name for p in plans]
    assert len(names) == count
