"""URL map of certification pages (officers) and public verification."""

from django.urls import path, re_path

from ocop.certification import views

app_name = "certification"
urlpatterns = [
    path("giay-chung-nhan/", views.certificate_list, name="certificate-list"),
    path("giay-chung-nhan/cho-thu-hoi/", views.pending_revocations, name="pending-revocations"),
    path("giay-chung-nhan/<int:pk>/", views.certificate_detail, name="certificate-detail"),
    path("giay-chung-nhan/<int:pk>/pdf/", views.certificate_pdf, name="certificate-pdf"),
    path("giay-chung-nhan/<int:pk>/mo-ho-so/", views.certificate_renewal, name="certificate-renewal"),
    path("giay-chung-nhan/<int:pk>/thu-hoi/", views.certificate_revoke, name="certificate-revoke"),
    path("giay-chung-nhan/<int:pk>/hau-kiem/", views.inspection_create, name="inspection-create"),
    path("quyet-dinh/", views.decision_list, name="decision-list"),
    path("quyet-dinh/ban-hanh/", views.decision_issue, name="decision-issue"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision-detail"),
    # Public: the QR code's target. The second pattern catches every other address under /xac-minh/
    # (no trailing slash, empty, slashes, "../") so that it too gets the friendly "not found" page.
    path("xac-minh/<str:token>/", views.verify, name="verify"),
    re_path(r"^xac-minh/(?P<token>[\s\S]*)\Z", views.verify, name="verify-any"),
]
