"""URL map of monitoring pages: plans (kế hoạch), targets (chỉ tiêu), reports (báo cáo), the indicator
library (chỉ số) and the unit dashboards (theo dõi)."""

from django.urls import path

from ocop.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("ke-hoach/", views.plan_list, name="plan-list"),
    path("ke-hoach/moi/", views.plan_create, name="plan-create"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("ke-hoach/<int:pk>/sua/", views.plan_edit, name="plan-edit"),
    path("ke-hoach/<int:pk>/tinh-trang/", views.plan_status_counts, name="plan-status-counts"),
    path("ke-hoach/<int:pk>/tai-ve/excel/", views.plan_export_xlsx, name="plan-export-xlsx"),
    path("ke-hoach/<int:pk>/tai-ve/pdf/", views.plan_export_pdf, name="plan-export-pdf"),
    path("ke-hoach/<int:pk>/chi-tieu/moi/", views.target_add, name="target-add"),
    path("ke-hoach/<int:pk>/chi-tieu/tham-so/", views.target_params, name="target-params"),
    path("ke-hoach/<int:pk>/chi-tieu/<int:target_pk>/", views.target_detail, name="target-detail"),
    path("ke-hoach/<int:pk>/chi-tieu/<int:target_pk>/sua/", views.target_edit, name="target-edit"),
    path("ke-hoach/<int:pk>/chi-tieu/<int:target_pk>/xoa/", views.target_remove, name="target-remove"),
    path("ke-hoach/<int:pk>/nhiem-vu/moi/", views.milestone_add, name="milestone-add"),
    path("ke-hoach/<int:pk>/nhiem-vu/<int:milestone_pk>/", views.milestone_edit, name="milestone-edit"),
    path("ke-hoach/<int:pk>/bao-cao/moi/", views.report_issue, name="report-issue"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report-detail"),
    path("bao-cao/<int:pk>/tai-ve/excel/", views.report_export_xlsx, name="report-export-xlsx"),
    path("bao-cao/<int:pk>/tai-ve/pdf/", views.report_export_pdf, name="report-export-pdf"),
    path("chi-so/", views.indicator_list, name="indicator-list"),
    path("chi-so/<slug:key>/", views.indicator_detail, name="indicator-detail"),
    path("theo-doi/", views.unit_home, name="unit-home"),
    path("theo-doi/<int:pk>/", views.unit_dashboard, name="unit-dashboard"),
]
