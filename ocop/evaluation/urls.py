"""URL map of the evaluation pages: dossiers and council scoring."""

from ocop.evaluation.views import dossiers, scoring

app_name = "evaluation"
urlpatterns = [*dossiers.urlpatterns, *scoring.urlpatterns]
