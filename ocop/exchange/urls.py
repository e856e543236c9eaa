"""Pages of the data exchange: templates, uploads, previews, imports."""

from django.urls import path

from ocop.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.index, name="index"),
    path("tai-len/", views.upload, name="upload"),
    path("mau/<slug:kind>.xlsx", views.template_download, name="template"),
    path("lan-nhap/<int:pk>/", views.job_detail, name="job-detail"),
    path("lan-nhap/<int:pk>/tien-do/", views.job_progress, name="job-progress"),
    path("lan-nhap/<int:pk>/xac-nhan/", views.job_confirm, name="job-confirm"),
    path("lan-nhap/<int:pk>/loi.xlsx", views.job_errors, name="job-errors"),
]
