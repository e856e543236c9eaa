"""App configuration of the programme's activities: training, promotion, media, sales, support, budgets."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "ocop.activities"
    label = "activities"
    verbose_name = _("Hoạt động của Chương trình")
