"""The five reference plans: loaded idempotently, every target on a known indicator, every plan computes."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ocop.core.exceptions import ApplicationError, PermissionDeniedError
from ocop.core.testing import make_user
from ocop.monitoring import selectors, services
from ocop.monitoring.domain import Status
from ocop.monitoring.indicators import INDICATORS, Grouping
from ocop.monitoring.models import Milestone, Plan, Target
from ocop.monitoring.services.reference import DATA_FILE, reference_plans_data
from ocop.monitoring.tests.plan_fixtures import build_plan_map, certified_product, media_item, sales_point

PLANS = {
    ("653/KH-UBND", "UBND tỉnh Đắk Nông"): ("1", "67", dt.date(2021, 1, 1), dt.date(2025, 12, 31)),
    ("569/KH-UBND", "UBND tỉnh Bắc Giang"): ("1", "24", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
    ("122/KH-UBND", "UBND tỉnh Đồng Tháp"): ("1", "87", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
    ("127/KH-UBND", "UBND huyện Đăk Glei"): ("2", "610", dt.date(2021, 1, 1), dt.date(2025, 12, 31)),
    ("100/QĐ-UBND", "UBND tỉnh Thừa Thiên Huế"): ("1", "46", dt.date(2019, 1, 1), dt.date(2020, 12, 31)),
}


@pytest.fixture
def world(taxonomy):
    return build_plan_map()


@pytest.fixture
def loaded(world):
    services.reference_plans_load()
    return world


def history_counts() -> tuple[int, int, int]:
    return Plan.history.count(), Target.history.count(), Milestone.history.count()


def fill(world) -> None:
    certified_product(world, world["bgn"], on=dt.date(2021, 6, 1))
    certified_product(world, world["dm"], star=4, on=dt.date(2022, 3, 1))
    media_item(world, world["DN"], on=dt.date(2021, 5, 1))
    media_item(world, world["DN"], kind="article", on=dt.date(2024, 3, 1))
    sales_point(world, world["dm"], opened=dt.date(2022, 5, 1))


# ----------------------------------------------------------------------------------------------------
# The data


def test_every_target_names_a_known_indicator_with_its_own_parameters():
    for plan in reference_plans_data():
        codes = [t["code"] for t in plan["targets"]]
        assert len(codes) == len(set(codes)), plan["number"]
        for target in plan["targets"]:
            spec = INDICATORS[target["indicator"]]
            assert set(target.get("params", {})) <= {p.name for p in spec.params}, target["code"]
            assert target["comparator"] in {"ge", "le", "eq", "between"}


def test_the_data_file_names_its_source():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert "shared/seeds" in data["about"]
    assert all(plan["seed"] and plan["source"] for plan in data["plans"])
    assert (DATA_FILE.parent / "REFERENCE_PLANS.md").exists()


# ----------------------------------------------------------------------------------------------------
# Loading


def test_load_creates_the_five_plans_on_the_pre2025_map(world):
    counts = services.reference_plans_load()
    assert counts["plans_created"] == 5
    assert counts["targets_created"] == sum(len(p["targets"]) for p in reference_plans_data())
    assert counts["milestones_created"] == sum(len(p["milestones"]) for p in reference_plans_data())
    for plan in Plan.objects.select_related("unit"):
        level, code, start, end = PLANS[(plan.number, plan.issuing_body)]
        assert plan.is_reference
        assert plan.unit.map_key == "pre2025"
        assert (str(plan.unit.level), plan.unit.code) == (level, code)
        assert (plan.period_start, plan.period_end) == (start, end)
        assert plan.path_pre2025 == plan.unit.path
        assert "shared/seeds/" in plan.source
    dak_nong = Plan.objects.get(number="653/KH-UBND")
    assert dak_nong.path_2025 == "/2025/68/"  # seen by Lâm Đồng officers
    assert dak_nong.targets.count() == 12
    growth = dak_nong.targets.get(code="DN-12")
    assert (growth.comparator, growth.value, growth.value_max, growth.each_year) == (
        "between",
        Decimal(5),
        Decimal(10),
        True,
    )
    assert dak_nong.targets.get(code="DN-11").per_child
    assert dak_nong.milestones.get().due_on == dt.date(2023, 12, 31)


def test_loading_twice_changes_nothing(loaded):
    before = history_counts()
    snapshot = list(Target.objects.order_by("pk").values())
    counts = services.reference_plans_load()
    assert counts["plans_unchanged"] == 5
    assert {k: v for k, v in counts.items() if k != "plans_unchanged"} == dict.fromkeys(
        [k for k in counts if k != "plans_unchanged"], 0
    )
    assert history_counts() == before
    assert list(Target.objects.order_by("pk").values()) == snapshot


def test_reloading_restores_edited_values_and_keeps_milestone_status(loaded):
    target = Target.objects.get(code="DN-01")
    services.target_update(actor=loaded.admin, target=target, value=99)
    milestone = Milestone.objects.get(plan__number="653/KH-UBND")
    services.milestone_update(actor=loaded.admin, milestone=milestone, status="in_progress")
    counts = services.reference_plans_load()
    assert counts["targets_updated"] == 1
    target.refresh_from_db()
    milestone.refresh_from_db()
    assert target.value == 30
    assert milestone.status == "in_progress"


def test_targets_dropped_from_the_data_are_removed_unless_reported(loaded, tmp_path):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    dak_nong = next(p for p in data["plans"] if p["number"] == "653/KH-UBND")
    dak_nong["targets"] = [t for t in dak_nong["targets"] if t["code"] not in {"DN-09", "DN-10"}]
    path = tmp_path / "plans.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    plan = Plan.objects.get(number="653/KH-UBND")
    services.report_issue(actor=loaded.admin, plan=plan, as_of=dt.date(2021, 6, 30))
    counts = services.reference_plans_load(path=path)
    # both are in the issued report: kept so that it stays reproducible
    assert counts["targets_removed"] == 0
    assert plan.targets.filter(code__in=["DN-09", "DN-10"]).count() == 2
    plan.reports.all().delete()
    assert services.reference_plans_load(path=path)["targets_removed"] == 2
    assert not plan.targets.filter(code__in=["DN-09", "DN-10"]).exists()


def test_loading_needs_the_administrative_units(db):
    with pytest.raises(ApplicationError) as error:
        services.reference_plans_load()
    assert "load_admin_units" in error.value.message
    with pytest.raises(CommandError):
        call_command("load_reference_plans", stdout=StringIO())
    assert not Plan.objects.exists()


def test_only_nationwide_users_load_them(world):
    officer = make_user(role="province", scope_unit=world["LD"])
    with pytest.raises(PermissionDeniedError):
        services.reference_plans_load(actor=officer)
    assert services.reference_plans_load(actor=world.admin)["plans_created"] == 5
    assert Plan.objects.filter(created_by=world.admin).count() == 5


def test_the_command_reports_what_it_did(world):
    out = StringIO()
    call_command("load_reference_plans", stdout=out)
    assert "5 mới" in out.getvalue()
    out = StringIO()
    call_command("load_reference_plans", stdout=out)
    assert "5 không đổi" in out.getvalue()


# ----------------------------------------------------------------------------------------------------
# Computing


@pytest.mark.parametrize("with_data", [False, True])
@pytest.mark.parametrize("grouping", [Grouping.CHILDREN, Grouping.CURRENT])
def test_every_reference_plan_computes(loaded, with_data, grouping):
    if with_data:
        fill(loaded)
    for plan in Plan.objects.select_related("unit"):
        for as_of in (plan.period_start - dt.timedelta(days=1), plan.period_start, dt.date(2024, 6, 30)):
            progress = selectors.plan_progress(plan=plan, as_of=as_of, grouping=grouping)
            assert len(progress.targets) == plan.targets.count()
            assert sum(progress.status_counts().values()) == len(progress.targets)
            for target in progress.targets:
                assert target.status in set(Status)
                for period in target.periods:
                    assert len(period.children) == len(progress.child_units)


def test_dak_nong_reference_plan_figures(loaded):
    fill(loaded)
    plan = Plan.objects.get(number="653/KH-UBND")
    progress = selectors.plan_progress(plan=plan, as_of=dt.date(2023, 12, 31))
    targets = {t.target.code: t for t in progress.targets}
    assert targets["DN-01"].current.total.actual == 2
    assert targets["DN-02"].current.total.actual == 2
    assert targets["DN-03"].current.total.actual == 50  # one of the two at 4★
    assert [p.total.actual for p in targets["DN-07"].periods[:3]] == [1, 0, 0]
    assert targets["DN-11"].current.children_meeting == 1
    assert [m.title for m in progress.milestones] == [
        "Năm 2023 xây dựng hệ thống quản lý, giám sát sản phẩm OCOP đồng bộ, hiệu quả, ứng dụng công nghệ số"
    ]


@pytest.mark.parametrize("grouping", [Grouping.CHILDREN, Grouping.CURRENT])
def test_dak_nong_plan_uses_as_many_queries_with_more_data(loaded, grouping):
    plan = Plan.objects.select_related("unit").get(number="653/KH-UBND")  # as plan_get_for_user reads it
    as_of = dt.date(2025, 12, 31)
    fill(loaded)
    with CaptureQueriesContext(connection) as little:
        selectors.plan_progress(plan=plan, as_of=as_of, grouping=grouping)
    for _ in range(4):
        fill(loaded)
    with CaptureQueriesContext(connection) as more:
        progress = selectors.plan_progress(plan=plan, as_of=as_of, grouping=grouping)
    assert {t.target.code: t for t in progress.targets}["DN-01"].current.total.actual == 10
    assert len(more) == len(little)
    # 12 targets: 3 over the plan, 8 each year (5 periods), 1 per child; stock: DN-02, DN-03, DN-10 (5), DN-11
    periods = 3 + 8 * 5 + 1
    stock_periods = 2 + 5 + 1
    assert len(more) == 4 + 2 * periods + 2 * stock_periods
