"""App configuration of certification (decisions, certificates, revocations, inspections, verification)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "ocop.certification"
    label = "certification"
    verbose_name = _("Công nhận, chứng nhận")

    def ready(self) -> None:
        from ocop.certification import verify_cache

        verify_cache.connect()
