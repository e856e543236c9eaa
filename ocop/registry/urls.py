"""Pages of the producer and product registry."""

from django.urls import path

from ocop.registry import views

app_name = "registry"
urlpatterns = [
    path("chu-the/", views.producer_list, name="producer-list"),
    path("chu-the/them/", views.producer_create, name="producer-create"),
    path("chu-the/<int:pk>/", views.producer_detail, name="producer-detail"),
    path("chu-the/<int:pk>/sua/", views.producer_edit, name="producer-edit"),
    path("chu-the/<int:producer_pk>/them-san-pham/", views.product_create, name="product-create"),
    path("chu-the/xa-theo-tinh/", views.commune_options, name="commune-options"),
    path("san-pham/", views.product_list, name="product-list"),
    path("san-pham/<int:pk>/", views.product_detail, name="product-detail"),
    path("san-pham/<int:pk>/sua/", views.product_edit, name="product-edit"),
    path("san-pham/<int:pk>/anh/", views.product_photo_add, name="product-photo-add"),
]
