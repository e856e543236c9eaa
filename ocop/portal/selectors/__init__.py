"""Reads of the public portal (catalogue, product and producer pages; map and statistics)."""
