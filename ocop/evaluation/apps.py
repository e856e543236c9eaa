"""App configuration of evaluation (rubrics, dossiers, rounds, councils, scoring)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "ocop.evaluation"
    label = "evaluation"
    verbose_name = _("Đánh giá, phân hạng")

    def ready(self) -> None:
        from ocop.evaluation import checks  # noqa: F401  (registers system checks)
