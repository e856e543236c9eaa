"""Pages of the evaluation procedure: ``dossiers`` (producer, commune, province) and ``scoring`` (council)."""
