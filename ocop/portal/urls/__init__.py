"""URL map of the public portal, one module per part (catalogue and pages; map and statistics)."""

from django.urls import include, path

app_name = "portal"
urlpatterns = [
    path("", include("ocop.portal.urls.catalogue")),
    path("", include("ocop.portal.urls.public_map")),
]
