"""Imports every indicator module so that each registers its indicators (the catalogue of indicators/md)."""

from ocop.monitoring.indicators import activities, evaluation, producers, products  # noqa: F401
