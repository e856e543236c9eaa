"""Public portal URLs: catalogue pages (no login)."""

urlpatterns: list = []
