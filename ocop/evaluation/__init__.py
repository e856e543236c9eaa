"""Evaluation capability: rubrics (score sheets), dossiers, rounds, councils and independent scoring.

For now this package holds only the versioned rubric data and its pure-Python loader and validator
(``ocop.evaluation.rubrics``). The Django app (models, services, selectors, system checks) will be
added later; until then the package is deliberately not listed in ``INSTALLED_APPS``.
"""
