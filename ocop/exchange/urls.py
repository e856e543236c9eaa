"""Pages of the data exchange: templates, uploads, previews, imports."""

app_name = "exchange"
urlpatterns: list = []
