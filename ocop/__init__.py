"""OCOP — management and monitoring system for the One Commune One Product programme."""
