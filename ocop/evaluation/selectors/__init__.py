"""Scoped reads of the evaluation app: ``dossiers`` (queues, detail) and ``scoring`` (councils, sheets)."""
