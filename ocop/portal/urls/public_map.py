"""Public portal URLs: the sales-point map (page, points as JSON, background) and public statistics."""

from django.urls import path

from ocop.portal.views import public_map, statistics

urlpatterns = [
    path("ocop/diem-ban/", public_map.sales_map, name="sales-map"),
    path("ocop/diem-ban/du-lieu.json", public_map.sales_map_data, name="sales-map-data"),
    path("ocop/diem-ban/nen.json", public_map.sales_map_background, name="sales-map-background"),
    path("ocop/thong-ke/", statistics.statistics, name="statistics"),
]
