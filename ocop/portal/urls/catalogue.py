"""Public portal URLs: the catalogue, product and producer pages, GS1 Digital Link (no login)."""

from django.urls import path

from ocop.portal.views import catalogue, pages

urlpatterns = [
    path("ocop/", catalogue.catalogue, name="catalogue"),
    path("ocop/san-pham/<int:pk>/", pages.product, name="product"),
    path("ocop/chu-the/<int:pk>/", pages.producer, name="producer"),
    path("01/<str:gtin>", pages.gtin, name="gtin"),
    path("01/<str:gtin>/", pages.gtin, name="gtin-slash"),
    path("01/<str:gtin>/<path:qualifiers>", pages.gtin, name="gtin-qualified"),
]
