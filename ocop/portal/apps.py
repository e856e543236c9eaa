"""Django configuration of the public portal app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ocop.portal"
    verbose_name = _("Cổng thông tin công khai")

    def ready(self) -> None:
        from ocop.portal import signals  # noqa: F401  (connects the catalogue index receivers)
