"""Top-level URL map: pages, the API v1, Django admin and language switching."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ocop.api import api
from ocop.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", api.urls),
    path("tai-khoan/", include("ocop.accounts.urls")),
    path("dia-ban/", include("ocop.geo.urls")),
    path("", include("ocop.registry.urls")),
    path("danh-gia/", include("ocop.evaluation.urls")),
    path("", include("ocop.certification.urls")),
    path("", include("ocop.monitoring.urls")),
    path("hoat-dong/", include("ocop.activities.urls")),
    path("trao-doi/", include("ocop.exchange.urls")),
    path("", include("ocop.portal.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
