"""Activity import kinds (training, events, sales points, listings, revenue): importing registers them."""

from ocop.exchange.importers import activities_located, activities_producer  # noqa: F401
