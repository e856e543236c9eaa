"""The indicator library: every indicator module registers itself in ``INDICATORS`` on import."""

from ocop.monitoring.indicators import catalogue  # noqa: F401  (registers the indicators)
from ocop.monitoring.indicators.base import (  # noqa: F401
    INDICATORS,
    Breakdown,
    Grouping,
    Indicator,
    Param,
    Period,
    UnknownIndicator,
    Value,
    compute,
)
