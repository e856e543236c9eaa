"""Management commands of the administrative-unit register."""
