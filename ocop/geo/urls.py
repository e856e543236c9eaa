"""Pages of administrative units (public reference data, no sign-in needed)."""

from django.urls import path

from ocop.geo import views

app_name = "geo"
urlpatterns = [
    path("", views.unit_list, name="unit-list"),
    path("<int:pk>/", views.unit_detail, name="unit-detail"),
]
