"""Monitoring pages: plans list and dashboard (values, statuses, map switch, drill-down), targets, milestones,
reports, the indicator library, unit dashboards; access (outside the area 404, producers and the public
nothing) and query-count guards.

The fixture is helper C's tiny Đắk Nông (``plan_fixtures``) with, counted by hand:

- Bắc Gia Nghĩa (old Gia Nghĩa): a 3★ product recognised 01/05/2022;
- Đắk Mil (old TT Đắk Mil, district Đắk Mil): a 3★ product on 01/03/2022 and a 4★ on 10/01/2023;
- one sales point at Đắk Mil opened 01/05/2022 (none in Gia Nghĩa).

Plan 653/KH-UBND (01/01/2021–31/12/2025, the old province) as of 31/12/2023: certified products 3
(target ≥ 5),
newly recognised each year (2021: 0, 2022: 2, 2023: 1; target ≥ 1), a sales point in each district
(Đắk Mil 1, Gia Nghĩa 0: 1/2 districts).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ocop.core.testing import make_user
from ocop.monitoring import services
from ocop.monitoring.models import Milestone, MilestoneStatus, Report, Target
from ocop.monitoring.tests.plan_fixtures import build_plan_map, certified_product, sales_point

AS_OF = "31/12/2023"


class Dash:
    def __init__(self, world, plan, users):
        self.world = world
        self.plan = plan
        self.users = users

    def __getitem__(self, key):
        return self.world[key]


def make_dash_plan(world, *, number="653/KH-UBND"):
    plan = services.plan_create(
        actor=world.admin,
        number=number,
        title="Kế hoạch thực hiện Chương trình OCOP tỉnh Đắk Nông giai đoạn 2021 - 2025",
        issuing_body="UBND tỉnh Đắk Nông",
        issued_on=dt.date(2022, 11, 11),
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2025, 12, 31),
        unit=world["DN"],
        legal_basis="Quyết định 919/QĐ-TTg",
    )
    add = services.target_add
    add(actor=world.admin, plan=plan, title="Có ít nhất 5 sản phẩm OCOP còn hiệu lực",
        indicator="certified_products", comparator="ge", value=5, code="CT1")  # fmt: skip
    add(actor=world.admin, plan=plan, title="Mỗi năm công nhận mới ít nhất 1 sản phẩm",
        indicator="newly_recognised_products", comparator="ge", value=1, each_year=True,
        code="CT2")  # fmt: skip
    add(actor=world.admin, plan=plan, title="Mỗi huyện có ít nhất 1 điểm bán sản phẩm OCOP",
        indicator="sales_points", comparator="ge", value=1, per_child=True, code="CT3")  # fmt: skip
    services.milestone_add(
        actor=world.admin, plan=plan, title="Xây dựng hệ thống giám sát", due_on=dt.date(2023, 6, 30)
    )
    return plan


def make_dash_data(world):
    certified_product(world, world["bgn"], star=3, on=dt.date(2022, 5, 1))
    certified_product(world, world["dm"], star=3, on=dt.date(2022, 3, 1))
    certified_product(world, world["dm"], star=4, on=dt.date(2023, 1, 10))
    sales_point(world, world["dm"], opened=dt.date(2022, 5, 1))


def build_dash() -> Dash:
    """The world, its data, the plan and a user of each kind (the taxonomy must be loaded)."""
    world = build_plan_map()
    make_dash_data(world)
    plan = make_dash_plan(world)
    users = {
        "admin": world.admin,
        "province": make_user(role="province", scope_unit=world["LD"]),
        "commune": make_user(role="commune", scope_unit=world["dm"]),
        "outside": make_user(role="province", scope_unit=world["QN"]),
        "council": make_user(role="council", scope_unit=world["LD"]),
        "producer": make_user(role="producer"),
    }
    return Dash(world, plan, users)


@pytest.fixture
def dash(taxonomy):
    return build_dash()


def login(client, user):
    client.force_login(user)
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# ----------------------------------------------------------------------------------------------------
# Plans list


@pytest.mark.django_db
def test_plans_list_shows_the_plans_in_scope_with_their_target_counts(client, dash):
    page = text(login(client, dash.users["province"]).get(reverse("monitoring:plan-list")))
    assert "653/KH-UBND" in page
    assert reverse("monitoring:plan-status-counts", args=[dash.plan.pk]) in page


@pytest.mark.django_db
def test_plans_list_filters(client, dash):
    login(client, dash.users["admin"])
    url = reverse("monitoring:plan-list")
    assert "653/KH-UBND" in text(client.get(url, {"q": "Đắk Nông"}))
    assert "653/KH-UBND" in text(client.get(url, {"q": "dak nong 2021"}))  # accents and case ignored
    assert "653/KH-UBND" not in text(client.get(url, {"q": "Hà Giang"}))
    assert "653/KH-UBND" in text(client.get(url, {"year": 2024}))
    assert "653/KH-UBND" not in text(client.get(url, {"year": 2027}))
    assert "653/KH-UBND" not in text(client.get(url, {"reference": "on"}))
    assert "653/KH-UBND" in text(client.get(url, {"unit": dash["DN"].pk}))


@pytest.mark.django_db
def test_plans_list_htmx_returns_the_rows_only(client, dash):
    response = login(client, dash.users["admin"]).get(reverse("monitoring:plan-list"), HTTP_HX_REQUEST="true")
    assert "653/KH-UBND" in text(response)
    assert "<html" not in text(response)


@pytest.mark.django_db
def test_plan_status_counts_fragment(client, dash):
    login(client, dash.users["province"])
    page = text(client.get(reverse("monitoring:plan-status-counts", args=[dash.plan.pk])))
    # as of today (after the period): 3 certified < 5, missed; 2024 and 2025 had none, missed;
    # 1/2 districts, missed
    assert "Không đạt: 3" in page


@pytest.mark.django_db
def test_outside_users_do_not_see_the_plan_in_the_list(client, dash):
    page = text(login(client, dash.users["outside"]).get(reverse("monitoring:plan-list")))
    assert "653/KH-UBND" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_plans_list_query_count_does_not_grow_with_plans(client, dash, n):
    for i in range(1, n):
        make_dash_plan(dash.world, number=f"{i}/KH-UBND")
    login(client, dash.users["province"])
    client.get(reverse("monitoring:plan-list"))  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("monitoring:plan-list"))
    assert response.status_code == 200
    assert text(response).count('class="counts"') == n
    assert len(ctx.captured_queries) <= 9


# ----------------------------------------------------------------------------------------------------
# Plan dashboard


def dashboard(client, dash, **params):
    params.setdefault("as_of", AS_OF)
    return client.get(reverse("monitoring:plan-detail", args=[dash.plan.pk]), params)


@pytest.mark.django_db
def test_dashboard_shows_header_values_statuses_and_charts(client, dash):
    login(client, dash.users["province"])
    response = dashboard(client, dash)
    assert response.status_code == 200
    page = text(response)
    for expected in ("653/KH-UBND", "UBND tỉnh Đắk Nông", "11/11/2022", "01/01/2021 – 31/12/2025",
                     "Tỉnh Đắk Nông", "Quyết định 919/QĐ-TTg"):  # fmt: skip
        assert expected in page
    rows = re.findall(r'<tr class="target" data-target="(\d+)">(.*?)</tr>', page)
    assert len(rows) == 3
    certified, yearly, per_child = (row for _pk, row in rows)
    assert '<td class="num actual">3' in certified  # 3 products in force on 31/12/2023
    assert "60 %" in certified  # 3 of 5
    # from 0 on 31/12/2020 to 3 on day 1,095 of 1,826: forecast 3 + 3 × 731 / 1,095 = 5,00 ≥ 5
    assert 'data-status="on_track"' in certified
    assert '<td class="num">5</td>' in certified
    assert "1/2 đơn vị đạt" in per_child
    assert 'data-status="missed"' in yearly  # 2021 had no new product
    assert "Năm 2022" in page
    assert "Năm 2023" in page
    assert page.count("<canvas data-chart=") == 3
    assert 'id="chart-' in page
    assert "application/json" in page
    assert "Xây dựng hệ thống giám sát" in page


@pytest.mark.django_db
def test_dashboard_map_switch_and_drill_down(client, dash):
    login(client, dash.users["province"])
    page = text(dashboard(client, dash))
    assert 'data-map="children"' in page
    assert 'data-map="current"' in page
    # children on the plan's map: the two old districts, each a drill-down link on the same dashboard
    assert "Thành phố Gia Nghĩa" in page
    assert "Huyện Đắk Mil" in page
    assert f"unit={dash['DM'].pk}" in page
    current = text(dashboard(client, dash, grouping="current"))
    assert "Phường Bắc Gia Nghĩa" in current
    assert "Xã Đắk Mil" in current
    assert "Huyện Đắk Mil" not in current
    assert reverse("monitoring:unit-dashboard", args=[dash["dm"].pk]) in current
    district = text(dashboard(client, dash, unit=dash["DM"].pk))
    assert "Thị trấn Đắk Mil" in district
    assert "Xã Đắk Lao" in district
    crumbs = re.search(r'<nav class="crumbs" aria-label="Đơn vị">(.*?)</nav>', district).group(1)
    assert "Tỉnh Đắk Nông" in crumbs
    assert "Huyện Đắk Mil" in crumbs
    commune = text(dashboard(client, dash, unit=dash["tt"].pk))
    assert "Thị trấn Đắk Mil" in commune


@pytest.mark.django_db
def test_dashboard_unit_outside_the_plan_is_404(client, dash):
    login(client, dash.users["admin"])
    assert dashboard(client, dash, unit=dash["dm"].pk).status_code == 404  # a 2025 unit: not the plan's map
    assert dashboard(client, dash, unit=dash["ls"].pk).status_code == 404
    assert dashboard(client, dash, unit="abc").status_code == 404
    assert dashboard(client, dash, unit=999999).status_code == 404


@pytest.mark.django_db
def test_dashboard_as_of_before_the_period_is_not_started(client, dash):
    login(client, dash.users["admin"])
    page = text(dashboard(client, dash, as_of="01/06/2020"))
    assert page.count('data-status="not_started"') >= 3


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["abc", "31/02/2025", "2025-13-01"])
def test_a_date_that_cannot_be_read_is_said_so_and_today_is_shown(client, dash, written):
    login(client, dash.users["admin"])
    response = dashboard(client, dash, as_of=written)
    assert response.status_code == 200
    page = text(response)
    assert f"Ngày “{written}” không hợp lệ" in page
    assert timezone.localdate().strftime("%d/%m/%Y") in page


def _dashboard_queries(client, dash) -> int:
    dashboard(client, dash)
    with CaptureQueriesContext(connection) as ctx:
        response = dashboard(client, dash)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_the_data(client, dash):
    login(client, dash.users["province"])
    before = _dashboard_queries(client, dash)
    for on in (dt.date(2021, 3, 1), dt.date(2022, 7, 1), dt.date(2023, 2, 1)):
        certified_product(dash.world, dash["bgn"], star=3, on=on)
        certified_product(dash.world, dash["dm"], star=4, on=on)
    sales_point(dash.world, dash["bgn"], opened=dt.date(2023, 1, 1))
    assert _dashboard_queries(client, dash) == before
    # and the bound itself: per target a fixed number per period (certified: 4; yearly: 5 years × 2; sales
    # points: 4), plus a dozen for the page (session, user, plan, targets, milestones, children, reports…)
    assert before <= 18 + 12


# ----------------------------------------------------------------------------------------------------
# Access


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("monitoring:plan-detail", "plan"),
        ("monitoring:plan-status-counts", "plan"),
        ("monitoring:plan-export-xlsx", "plan"),
        ("monitoring:plan-export-pdf", "plan"),
        ("monitoring:target-detail", "target"),
        ("monitoring:plan-edit", "plan"),
        ("monitoring:target-add", "plan"),
        ("monitoring:milestone-add", "plan"),
        ("monitoring:report-issue", "plan"),
        ("monitoring:report-detail", "report"),
    ],
)
def test_outside_producer_and_anonymous(client, dash, name, args):
    report = services.report_issue(actor=dash.world.admin, plan=dash.plan, as_of=dt.date(2023, 12, 31))
    target = dash.plan.targets.first()
    url_args = {"plan": [dash.plan.pk], "target": [dash.plan.pk, target.pk], "report": [report.pk]}[args]
    url = reverse(name, args=url_args)
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "/dang-nhap/" in anonymous["Location"]
    for who in ("outside", "producer"):
        login(client, dash.users[who])
        assert client.get(url).status_code == 404, who


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["monitoring:plan-list", "monitoring:indicator-list", "monitoring:unit-home", "monitoring:plan-create"],
)
def test_producers_get_nothing_from_the_lists(client, dash, name):
    login(client, dash.users["producer"])
    assert client.get(reverse(name)).status_code == 404
    client.logout()
    assert client.get(reverse(name)).status_code == 302


@pytest.mark.django_db
def test_council_members_read_but_do_not_change(client, dash):
    login(client, dash.users["council"])
    assert dashboard(client, dash).status_code == 200
    assert "Sửa kế hoạch" not in text(dashboard(client, dash))
    assert client.get(reverse("monitoring:plan-edit", args=[dash.plan.pk])).status_code == 403
    assert client.get(reverse("monitoring:target-add", args=[dash.plan.pk])).status_code == 403


@pytest.mark.django_db
def test_commune_officer_of_a_2025_commune_does_not_see_the_province_plan(client, dash):
    login(client, dash.users["commune"])
    assert dashboard(client, dash).status_code == 404


# ----------------------------------------------------------------------------------------------------
# Forms: plans, targets, milestones, evidence, reports


@pytest.mark.django_db
def test_create_and_edit_a_plan(client, dash):
    login(client, dash.users["province"])
    url = reverse("monitoring:plan-create")
    page = text(client.get(url))
    assert "Tỉnh Lâm Đồng" in page
    assert "Tỉnh Đắk Nông" in page
    data = {
        "number": "12/KH-UBND",
        "title": "Kế hoạch OCOP năm 2026",
        "issuing_body": "UBND tỉnh Lâm Đồng",
        "issued_on": "15/01/2026",
        "period_start": "01/01/2026",
        "period_end": "31/12/2026",
        "unit": dash["LD"].pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    from ocop.monitoring.models import Plan

    plan = Plan.objects.get(number="12/KH-UBND")
    assert plan.issued_on == dt.date(2026, 1, 15)
    assert plan.created_by == dash.users["province"]
    bad = client.post(url, {**data, "number": "13/KH", "period_end": "01/01/2025"})
    assert bad.status_code == 200
    assert "trước khi bắt đầu" in text(bad)
    edit = reverse("monitoring:plan-edit", args=[plan.pk])
    response = client.post(edit, {**data, "title": "Kế hoạch OCOP năm 2026 (sửa)", "reason": "Sửa tên"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch OCOP năm 2026 (sửa)"
    assert plan.history.first().history_change_reason == "Sửa tên"


@pytest.mark.django_db
def test_plan_outside_the_area_cannot_be_created(client, dash):
    login(client, dash.users["province"])
    response = client.post(
        reverse("monitoring:plan-create"),
        {
            "number": "1/KH",
            "title": "x",
            "issuing_body": "y",
            "issued_on": "01/01/2026",
            "period_start": "01/01/2026",
            "period_end": "31/12/2026",
            "unit": dash["QN"].pk,
        },
    )
    assert response.status_code == 200
    from ocop.monitoring.models import Plan

    assert not Plan.objects.filter(number="1/KH").exists()


@pytest.mark.django_db
def test_target_form_builds_parameter_fields_from_the_indicator(client, dash):
    login(client, dash.users["province"])
    url = reverse("monitoring:target-add", args=[dash.plan.pk])
    fragment = text(
        client.get(
            reverse("monitoring:target-params", args=[dash.plan.pk]), {"indicator": "certified_products"}
        )
    )
    assert 'name="p_star_min"' in fragment
    assert 'name="p_star_max"' in fragment
    response = client.post(
        url,
        {
            "title": "Có ít nhất 2 sản phẩm 4 sao",
            "indicator": "certified_products",
            "p_star_min": "4",
            "p_star_max": "5",
            "comparator": "ge",
            "value": "2",
            "deadline": "31/12/2025",
        },
    )
    assert response.status_code == 302, text(response)[-2000:]
    target = Target.objects.get(title="Có ít nhất 2 sản phẩm 4 sao")
    assert target.params == {"star_min": 4}  # star_max is the default
    assert target.deadline == dt.date(2025, 12, 31)
    edit = reverse("monitoring:target-edit", args=[dash.plan.pk, target.pk])
    page = text(client.get(edit))
    assert re.search(r'<option value="4" selected>', page)
    response = client.post(
        edit,
        {
            "title": target.title,
            "indicator": "certified_products",
            "p_star_min": "3",
            "p_star_max": "5",
            "comparator": "between",
            "value": "2",
            "value_max": "4,5",
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.params == {}
    assert str(target.value_max) == "4.50"
    assert target.comparator == "between"
    response = client.post(
        reverse("monitoring:target-remove", args=[dash.plan.pk, target.pk]), {"reason": "Trùng"}
    )
    assert response.status_code == 302
    assert not Target.objects.filter(pk=target.pk).exists()


@pytest.mark.django_db
def test_target_form_shows_the_service_refusal(client, dash):
    login(client, dash.users["province"])
    response = client.post(
        reverse("monitoring:target-add", args=[dash.plan.pk]),
        {
            "title": "x",
            "indicator": "sales_points",
            "comparator": "ge",
            "value": "1",
            "deadline": "31/12/2030",
        },
    )
    assert response.status_code == 200
    assert "nằm ngoài kỳ kế hoạch" in text(response)


@pytest.mark.django_db
def test_target_detail_breakdown(client, dash):
    login(client, dash.users["province"])
    target = dash.plan.targets.get(code="CT3")
    response = client.get(
        reverse("monitoring:target-detail", args=[dash.plan.pk, target.pk]), {"as_of": AS_OF}
    )
    page = text(response)
    assert response.status_code == 200
    assert "Thành phố Gia Nghĩa" in page
    assert "Huyện Đắk Mil" in page
    assert "1/2 đơn vị đạt" in page
    assert "<canvas data-chart=" in page
    other = services.plan_create(
        actor=dash.world.admin, number="9/KH", title="Khác", issuing_body="UBND",
        issued_on=dt.date(2022, 1, 1),
        period_start=dt.date(2022, 1, 1), period_end=dt.date(2022, 12, 31), unit=dash["DN"],
    )  # fmt: skip
    assert client.get(reverse("monitoring:target-detail", args=[other.pk, target.pk])).status_code == 404


@pytest.mark.django_db
def test_milestone_status_and_evidence(client, dash, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    login(client, dash.users["province"])
    milestone = Milestone.objects.get(plan=dash.plan)
    url = reverse("monitoring:milestone-edit", args=[dash.plan.pk, milestone.pk])
    response = client.post(url, {"status": MilestoneStatus.DONE, "done_on": "30/06/2023", "note": "Xong"})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.DONE
    assert milestone.done_on == dt.date(2023, 6, 30)
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(url, {"title": "Biên bản nghiệm thu", "file": pdf})
    assert response.status_code == 302
    assert milestone.evidence.get().title == "Biên bản nghiệm thu"
    fake = SimpleUploadedFile("virus.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(url, {"title": "Giả", "file": fake})
    assert response.status_code == 200
    assert "không phải PDF" in text(response)
    assert "Biên bản nghiệm thu" in text(dashboard(client, dash))
    add = client.post(
        reverse("monitoring:milestone-add", args=[dash.plan.pk]), {"title": "Tập huấn", "due_on": ""}
    )
    assert add.status_code == 302
    assert dash.plan.milestones.count() == 2


@pytest.mark.django_db
def test_issue_a_report_and_view_it_frozen(client, dash):
    login(client, dash.users["province"])
    response = client.post(
        reverse("monitoring:report-issue", args=[dash.plan.pk]), {"as_of": AS_OF, "grouping": "children"}
    )
    assert response.status_code == 302
    report = Report.objects.get(plan=dash.plan)
    before = text(client.get(response["Location"]))
    assert '<td class="num actual">3' in before
    assert "1/2 đơn vị đạt" in before
    certified_product(dash.world, dash["bgn"], star=3, on=dt.date(2023, 6, 1))  # the data change afterwards
    after = text(client.get(reverse("monitoring:report-detail", args=[report.pk])))
    assert '<td class="num actual">3' in after
    assert '<td class="num actual">4' in text(dashboard(client, dash))  # the live figure moved on


# ----------------------------------------------------------------------------------------------------
# Indicator library and unit dashboards


@pytest.mark.django_db
def test_indicator_library_lists_every_indicator(client, dash):
    from ocop.monitoring.indicators import INDICATORS

    page = text(login(client, dash.users["province"]).get(reverse("monitoring:indicator-list")))
    for key in INDICATORS:
        assert reverse("monitoring:indicator-detail", args=[key]) in page


@pytest.mark.django_db
def test_indicator_detail_computes_for_a_unit_period_and_map(client, dash):
    login(client, dash.users["province"])
    url = reverse("monitoring:indicator-detail", args=["certified_products"])
    page = text(client.get(url, {"unit": dash["DN"].pk, "from": "01/01/2023", "to": "31/12/2023"}))
    assert re.search(r'class="total">3<', page)
    assert "Huyện Đắk Mil" in page
    assert f"unit={dash['DM'].pk}" in page
    four = text(client.get(url, {"unit": dash["DN"].pk, "to": "31/12/2023", "p_star_min": "4"}))
    assert re.search(r'class="total">1<', four)
    current = text(client.get(url, {"unit": dash["DN"].pk, "to": "31/12/2023", "grouping": "current"}))
    assert "Xã Đắk Mil" in current
    assert client.get(url, {"unit": dash["ls"].pk}).status_code == 404  # Quảng Ngãi: outside Lâm Đồng
    assert client.get(reverse("monitoring:indicator-detail", args=["no_such"])).status_code == 404


@pytest.mark.django_db
def test_unit_dashboard_headlines_and_drill_down(client, dash):
    login(client, dash.users["province"])
    home = client.get(reverse("monitoring:unit-home"))
    assert home.status_code == 302
    assert home["Location"] == reverse("monitoring:unit-dashboard", args=[dash["LD"].pk])
    page = text(client.get(reverse("monitoring:unit-dashboard", args=[dash["LD"].pk]), {"as_of": AS_OF}))
    assert "Sản phẩm 3★" in page
    assert "Xã Đắk Mil" in page
    assert reverse("monitoring:unit-dashboard", args=[dash["dm"].pk]) in page
    assert "<canvas data-chart=" in page
    old = client.get(reverse("monitoring:unit-dashboard", args=[dash["DN"].pk]), {"as_of": AS_OF})
    assert old.status_code == 200
    assert "Huyện Đắk Mil" in text(old)
    assert client.get(reverse("monitoring:unit-dashboard", args=[dash["QN"].pk])).status_code == 404


@pytest.mark.django_db
def test_numbers_are_formatted_the_vietnamese_way():
    from decimal import Decimal

    from ocop.monitoring.templatetags.monitoring_tags import num

    assert num(Decimal("1234567.5")) == "1.234.567,5"
    assert num(Decimal("12.00")) == "12"
    assert num(None) == "—"


@pytest.mark.django_db
def test_a_list_parameter_is_ticked_boxes_and_stored_as_a_list(client, dash):
    login(client, dash.users["province"])
    page = text(
        client.get(reverse("monitoring:target-params", args=[dash.plan.pk]), {"indicator": "new_producers"})
    )
    assert page.count('type="checkbox" name="p_kinds"') >= 2
    response = client.post(
        reverse("monitoring:target-add", args=[dash.plan.pk]),
        {
            "title": "Thêm 10 hợp tác xã, doanh nghiệp",
            "indicator": "new_producers",
            "p_kinds": ["htx", "doanh_nghiep"],
            "comparator": "ge",
            "value": "10",
        },
    )
    assert response.status_code == 302
    assert Target.objects.get(title="Thêm 10 hợp tác xã, doanh nghiệp").params == {
        "kinds": ["htx", "doanh_nghiep"]
    }


@pytest.mark.django_db
def test_indicator_period_defaults_to_the_year_of_its_end(client, dash):
    login(client, dash.users["province"])
    url = reverse("monitoring:indicator-detail", args=["newly_recognised_products"])
    page = text(client.get(url, {"unit": dash["DN"].pk, "to": "31/12/2023"}))
    assert "01/01/2023 – 31/12/2023" in page
    assert re.search(r'class="total">1<', page)  # the 4★ of 10/01/2023
    swapped = text(client.get(url, {"unit": dash["DN"].pk, "from": "31/12/2023", "to": "01/01/2022"}))
    assert "đã đổi chỗ hai ngày" in swapped
    assert re.search(r'class="total">3<', swapped)
