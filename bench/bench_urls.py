"""URL map of the benchmark server: the whole site plus ``/bench/trivial/``, the baseline of every ratio."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def trivial(request: HttpRequest) -> HttpResponse:
    """The cheapest response Django can give through the full middleware stack: no template, no query."""
    return HttpResponse("ok")


urlpatterns = [
    path("bench/trivial/", trivial, name="bench-trivial"),
    path("", include("ocop.urls")),
]
