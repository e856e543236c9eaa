"""API of producers and products."""

from ninja import Router

router = Router(tags=["registry"])
