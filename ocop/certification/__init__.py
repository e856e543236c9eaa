"""Decisions, certificates, revocations, post-audit inspections and public verification."""
