"""Evaluation capability: rubrics (score sheets), dossiers, rounds, councils and independent scoring.

``ocop.evaluation.rubrics`` holds the legal score sheets as versioned data with a pure-Python loader and
validator; the Django side (models, services, selectors) stores a frozen copy of a sheet on each dossier.
"""
