"""App configuration of monitoring: indicators, plans with targets and milestones, progress, reports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "ocop.monitoring"
    label = "monitoring"
    verbose_name = _("Theo dõi, giám sát kế hoạch")
