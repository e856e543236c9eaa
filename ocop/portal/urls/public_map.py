"""Public portal URLs: public_map pages (no login)."""

urlpatterns: list = []
