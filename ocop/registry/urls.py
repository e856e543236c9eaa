"""Pages of the producer and product registry."""

from django.urls import path
from django.views.generic import TemplateView

app_name = "registry"
urlpatterns = [
    path("chu-the/", TemplateView.as_view(template_name="base.html"), name="producer-list"),
    path("san-pham/", TemplateView.as_view(template_name="base.html"), name="product-list"),
]
