"""Management entry points of the administrative-unit register."""
