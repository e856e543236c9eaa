"""Pages of the programme's activities (mounted at /hoat-dong/)."""

from django.urls import path

from ocop.activities import views

app_name = "activities"


def _crud(prefix: str, kind: str, list_view, create_view, detail_view, edit_view) -> list:
    return [
        path(f"{prefix}/", list_view, name=f"{kind}-list"),
        path(f"{prefix}/them/", create_view, name=f"{kind}-create"),
        path(f"{prefix}/<int:pk>/", detail_view, name=f"{kind}-detail"),
        path(f"{prefix}/<int:pk>/sua/", edit_view, name=f"{kind}-edit"),
    ]


urlpatterns = [
    path("", views.overview, name="overview"),
    *_crud(
        "tap-huan",
        "training",
        views.training_list,
        views.training_create,
        views.training_detail,
        views.training_edit,
    ),
    path("tap-huan/<int:pk>/hoc-vien/", views.training_attendance_add, name="training-attendance-add"),
    path(
        "tap-huan/hoc-vien/<int:pk>/xoa/", views.training_attendance_remove, name="training-attendance-remove"
    ),
    *_crud("xuc-tien", "event", views.event_list, views.event_create, views.event_detail, views.event_edit),
    path("xuc-tien/<int:pk>/chu-the/", views.event_participation_set, name="event-participation-set"),
    path(
        "xuc-tien/chu-the/<int:pk>/xoa/", views.event_participation_remove, name="event-participation-remove"
    ),
    *_crud(
        "truyen-thong", "media", views.media_list, views.media_create, views.media_detail, views.media_edit
    ),
    *_crud(
        "diem-ban",
        "sales-point",
        views.sales_point_list,
        views.sales_point_create,
        views.sales_point_detail,
        views.sales_point_edit,
    ),
    path("diem-ban/<int:pk>/dong-cua/", views.sales_point_close, name="sales-point-close"),
    *_crud(
        "thuong-mai-dien-tu",
        "listing",
        views.listing_list,
        views.listing_create,
        views.listing_detail,
        views.listing_edit,
    ),
    path("thuong-mai-dien-tu/<int:pk>/ngung-ban/", views.listing_end, name="listing-end"),
    *_crud(
        "doanh-thu",
        "revenue",
        views.revenue_list,
        views.revenue_create,
        views.revenue_detail,
        views.revenue_edit,
    ),
    *_crud(
        "ho-tro",
        "support",
        views.support_list,
        views.support_create,
        views.support_detail,
        views.support_edit,
    ),
    *_crud(
        "kinh-phi", "budget", views.budget_list, views.budget_create, views.budget_detail, views.budget_edit
    ),
]
