"""Scoped reads of producers and products."""
