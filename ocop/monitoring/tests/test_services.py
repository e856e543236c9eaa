"""Writes of plans, targets, milestones and reports: validation, permissions, audit, frozen reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.testing import make_user
from ocop.monitoring import selectors, services
from ocop.monitoring.domain import Status
from ocop.monitoring.indicators import Grouping
from ocop.monitoring.models import MilestoneStatus, Plan, ReportValue, Target
from ocop.monitoring.tests.plan_fixtures import build_plan_map, certified_product, sales_point

D = Decimal
AS_OF = dt.date(2023, 12, 31)


@pytest.fixture
def world(taxonomy):
    return build_plan_map()


def plan_data(world, **overrides):
    data = {
        "number": "653/KH-UBND",
        "title": "Kế hoạch thực hiện Chương trình OCOP",
        "issuing_body": "UBND tỉnh Đắk Nông",
        "issued_on": dt.date(2022, 11, 11),
        "period_start": dt.date(2021, 1, 1),
        "period_end": dt.date(2025, 12, 31),
        "unit": world["DN"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def plan(world):
    return services.plan_create(actor=world.admin, **plan_data(world))


def target(world, plan, **overrides):
    data = {
        "title": "Thêm 30 sản phẩm",
        "indicator": "newly_recognised_products",
        "comparator": "ge",
        "value": 30,
        "params": {"star_min": 3},
    }
    data.update(overrides)
    return services.target_add(actor=world.admin, plan=plan, **data)


# ----------------------------------------------------------------------------------------------------
# Plans


def test_plan_create_sets_paths_on_both_maps_and_history(world, plan):
    assert plan.path_pre2025 == "/pre2025/67/"
    assert plan.path_2025 == "/2025/68/"
    assert plan.created_by == world.admin
    entry = plan.history.get()
    assert entry.history_user == world.admin
    assert entry.history_change_reason == "Lập kế hoạch"


def test_plan_text_is_normalised(world):
    plan = services.plan_create(
        actor=world.admin, **plan_data(world, title="  Kế hoạch   OCOP ", number=" 1/KH-UBND ")
    )
    assert plan.title == "Kế hoạch OCOP"
    assert plan.number == "1/KH-UBND"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"period_end": dt.date(2020, 12, 31)}, "period_end"),
        ({"number": ""}, "number"),
        ({"title": " "}, "title"),
        ({"issuing_body": ""}, "issuing_body"),
        ({"issued_on": "11/11/2022"}, "issued_on"),
        ({"unit": None}, "unit"),
    ],
)
def test_plan_create_refuses_bad_input(world, overrides, field):
    with pytest.raises(ApplicationError) as error:
        services.plan_create(actor=world.admin, **plan_data(world, **overrides))
    assert error.value.field == field
    assert not Plan.objects.exists()


def test_plan_period_may_be_one_day(world):
    day = dt.date(2021, 1, 1)
    plan = services.plan_create(actor=world.admin, **plan_data(world, period_start=day, period_end=day))
    assert plan.period_end == plan.period_start


def test_plan_number_is_unique_per_issuing_body(world, plan):
    with pytest.raises(ApplicationError) as error:
        services.plan_create(actor=world.admin, **plan_data(world))
    assert error.value.field == "number"
    other = services.plan_create(actor=world.admin, **plan_data(world, issuing_body="UBND huyện Đắk Mil"))
    assert other.pk != plan.pk


def test_plan_create_needs_the_right_to_plan_there(world):
    outsider = make_user(role="province", scope_unit=world["QN"])
    with pytest.raises(PermissionDeniedError):
        services.plan_create(actor=outsider, **plan_data(world))
    commune = make_user(role="commune", scope_unit=world["dm"])
    with pytest.raises(PermissionDeniedError):
        services.plan_create(actor=commune, **plan_data(world))
    province = make_user(role="province", scope_unit=world["LD"])
    assert services.plan_create(actor=province, **plan_data(world)).created_by == province


def test_plan_update_records_the_reason_and_moves_the_paths(world, plan):
    services.plan_update(
        actor=world.admin, plan=plan, reason="Sửa trích yếu", title="Kế hoạch mới", unit=world["DM"]
    )
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch mới"
    assert plan.path_pre2025 == "/pre2025/67/663/"
    assert plan.history.first().history_change_reason == "Sửa trích yếu"


def test_plan_update_without_change_writes_nothing(world, plan):
    services.plan_update(actor=world.admin, plan=plan, title=plan.title)
    assert plan.history.count() == 1


def test_plan_update_keeps_target_deadlines_inside_the_period(world, plan):
    target(world, plan, deadline=dt.date(2025, 6, 30))
    with pytest.raises(ApplicationError) as error:
        services.plan_update(actor=world.admin, plan=plan, period_end=dt.date(2025, 6, 29))
    assert error.value.field == "period_end"
    services.plan_update(actor=world.admin, plan=plan, period_end=dt.date(2025, 6, 30))


def test_plan_update_refuses_unknown_fields_and_outsiders(world, plan):
    with pytest.raises(ApplicationError):
        services.plan_update(actor=world.admin, plan=plan, is_reference=True)
    outsider = make_user(role="province", scope_unit=world["QN"])
    with pytest.raises(NotFoundError):
        services.plan_update(actor=outsider, plan=plan, title="x")
    council = make_user(role="council", scope_unit=world["LD"])
    with pytest.raises(PermissionDeniedError):
        services.plan_update(actor=council, plan=plan, title="x")


# ----------------------------------------------------------------------------------------------------
# Targets


def test_target_add_numbers_positions_and_keeps_history(world, plan):
    first = target(world, plan)
    second = target(world, plan, title="Tổng số trên 80", indicator="certified_products", value="81")
    assert (first.position, second.position) == (1, 2)
    assert second.value == D(81)
    assert first.history.get().history_change_reason == "Thêm chỉ tiêu"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"indicator": "no_such_indicator"}, "indicator"),
        ({"params": {"kind": "tv_clip"}}, "params"),
        ({"indicator": "media_items", "params": {"kind": "podcast"}}, "params"),
        ({"indicator": "new_producers", "params": {"kinds": ["htx", "xyz"]}}, "params"),
        ({"comparator": "gt"}, "comparator"),
        ({"value": "ba mươi"}, "value"),
        ({"comparator": "between", "value": 5}, "value_max"),
        ({"comparator": "between", "value": 5, "value_max": "4.99"}, "value_max"),
        ({"deadline": dt.date(2020, 12, 31)}, "deadline"),
        ({"deadline": dt.date(2026, 1, 1)}, "deadline"),
        ({"title": ""}, "title"),
    ],
)
def test_target_add_refuses_bad_input(world, plan, overrides, field):
    with pytest.raises(ApplicationError) as error:
        target(world, plan, **overrides)
    assert error.value.field == field
    assert not Target.objects.exists()


def test_target_boundaries_are_accepted(world, plan):
    between = target(
        world, plan, indicator="revenue_growth", params={}, comparator="between", value=5, value_max=5
    )
    assert between.value_max == between.value
    assert target(world, plan, deadline=dt.date(2021, 1, 1)).deadline == dt.date(2021, 1, 1)
    assert target(world, plan, deadline=dt.date(2025, 12, 31)).deadline == dt.date(2025, 12, 31)
    kinds = target(world, plan, indicator="new_producers", params={"kinds": ["htx", "doanh_nghiep"]})
    assert kinds.params == {"kinds": ["htx", "doanh_nghiep"]}


def test_a_commune_plan_has_no_per_child_targets(world):
    plan = services.plan_create(actor=world.admin, **plan_data(world, unit=world["dm"], number="9/KH-UBND"))
    with pytest.raises(ApplicationError) as error:
        target(world, plan, per_child=True)
    assert error.value.field == "per_child"


def test_target_update_and_remove(world, plan):
    item = target(world, plan)
    services.target_update(actor=world.admin, target=item, value=35, reason="Điều chỉnh")
    item.refresh_from_db()
    assert item.value == D(35)
    with pytest.raises(ApplicationError):
        services.target_update(actor=world.admin, target=item, comparator="between")
    with pytest.raises(ApplicationError):
        services.target_remove(actor=world.admin, target=item, reason=" ")
    services.target_remove(actor=world.admin, target=item, reason="Trùng chỉ tiêu")
    assert not Target.objects.exists()
    assert Target.history.filter(history_type="-").get().history_change_reason == "Trùng chỉ tiêu"


def test_a_target_in_an_issued_report_cannot_be_removed(world, plan):
    item = target(world, plan)
    services.report_issue(actor=world.admin, plan=plan, as_of=AS_OF)
    with pytest.raises(ApplicationError) as error:
        services.target_remove(actor=world.admin, target=item, reason="Bỏ")
    assert error.value.field == "target"
    assert Target.objects.filter(pk=item.pk).exists()


def test_only_plan_writers_change_targets(world, plan):
    item = target(world, plan)
    council = make_user(role="council", scope_unit=world["LD"])
    with pytest.raises(PermissionDeniedError):
        services.target_update(actor=council, target=item, value=1)
    outsider = make_user(role="province", scope_unit=world["QN"])
    with pytest.raises(NotFoundError):
        services.target_add(
            actor=outsider, plan=plan, title="x", indicator="revenue", comparator="ge", value=1
        )


# ----------------------------------------------------------------------------------------------------
# Milestones


def test_milestones(world, plan, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    with pytest.raises(ApplicationError) as error:
        services.milestone_add(actor=world.admin, plan=plan, title="Hệ thống", due_on=dt.date(2026, 1, 1))
    assert error.value.field == "due_on"
    milestone = services.milestone_add(
        actor=world.admin, plan=plan, title="Hệ thống", due_on=dt.date(2023, 12, 31)
    )
    assert milestone.status == MilestoneStatus.PLANNED
    services.milestone_update(
        actor=world.admin, milestone=milestone, status="done", done_on=dt.date(2023, 11, 2)
    )
    assert (milestone.status, milestone.done_on) == ("done", dt.date(2023, 11, 2))
    with pytest.raises(ApplicationError) as error:
        services.milestone_update(
            actor=world.admin, milestone=milestone, status="done", done_on=dt.date(2999, 1, 1)
        )
    assert error.value.field == "done_on"
    services.milestone_update(actor=world.admin, milestone=milestone, status="in_progress", note="Đang làm")
    assert (milestone.status, milestone.done_on, milestone.note) == ("in_progress", None, "Đang làm")
    with pytest.raises(ApplicationError):
        services.milestone_update(actor=world.admin, milestone=milestone, status="finished")
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    evidence = services.milestone_evidence_add(
        actor=world.admin, milestone=milestone, title="Biên bản", file=pdf
    )
    assert evidence.uploaded_by == world.admin
    fake = SimpleUploadedFile("bien-ban.pdf", b"not a pdf", content_type="application/pdf")
    with pytest.raises(ApplicationError) as error:
        services.milestone_evidence_add(actor=world.admin, milestone=milestone, title="Biên bản", file=fake)
    assert error.value.field == "file"


# ----------------------------------------------------------------------------------------------------
# Reports


def test_an_issued_report_is_reproduced_after_the_data_changes(world, plan):
    target(world, plan, value=2)
    services.target_add(
        actor=world.admin,
        plan=plan,
        title="Mỗi huyện 1 điểm",
        indicator="sales_points",
        comparator="ge",
        value=1,
        per_child=True,
    )
    certified_product(world, world["dm"], on=dt.date(2022, 3, 1))
    sales_point(world, world["dm"], opened=dt.date(2022, 5, 1))
    report = services.report_issue(actor=world.admin, plan=plan, as_of=AS_OF, note="Quý IV")
    assert report.map_key == "pre2025"
    assert report.title == "Báo cáo tiến độ 653/KH-UBND đến ngày 31/12/2023"
    rows = [
        (r.target.title, r.unit_name, r.period_start, r.actual, r.forecast, r.share, r.status)
        for r in selectors.report_rows(report)
    ]
    # 2 targets × (the province + 2 districts)
    assert len(rows) == 6
    assert rows[0][:4] == ("Thêm 30 sản phẩm", "Tỉnh Đắk Nông", dt.date(2021, 1, 1), D(1))
    assert rows[0][6] == Status.AT_RISK
    assert rows[3][1] == "Tỉnh Đắk Nông"
    assert rows[3][5] == D(50)  # one district of two has a point

    # the data changes: the live progress changes, the report does not
    certified_product(world, world["dm"], on=dt.date(2023, 6, 1))
    sales_point(world, world["bgn"], opened=dt.date(2023, 7, 1))
    live = selectors.plan_progress(plan=plan, as_of=AS_OF)
    assert live.targets[0].current.total.actual == 2
    assert live.targets[0].status == Status.ACHIEVED
    assert live.targets[1].status == Status.ACHIEVED
    again = [
        (r.target.title, r.unit_name, r.period_start, r.actual, r.forecast, r.share, r.status)
        for r in selectors.report_rows(report)
    ]
    assert again == rows


def test_report_values_match_the_live_progress_on_the_day(world, plan):
    target(world, plan, value=2)
    certified_product(world, world["dm"], on=dt.date(2022, 3, 1))
    report = services.report_issue(actor=world.admin, plan=plan, as_of=AS_OF, grouping=Grouping.CURRENT)
    assert report.map_key == "2025"
    live = selectors.plan_progress(plan=plan, as_of=AS_OF, grouping=Grouping.CURRENT).targets[0].current
    cells = [live.total, *live.children]
    assert [
        (r.unit_id, r.actual, r.numerator, r.forecast, r.share, r.status) for r in report.values.all()
    ] == [(c.unit_id, c.actual, c.numerator, c.forecast, c.share, c.status) for c in cells]
    assert report.history.get().history_user == world.admin


def test_report_issue_needs_the_right_to_change_the_plan(world, plan):
    council = make_user(role="council", scope_unit=world["LD"])
    with pytest.raises(PermissionDeniedError):
        services.report_issue(actor=council, plan=plan, as_of=AS_OF)
    assert not ReportValue.objects.exists()
