"""API of administrative units (placeholder until the geo work lands)."""

from ninja import Router

router = Router(tags=["admin-units"])
