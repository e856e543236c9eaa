"""API of the evaluation procedure: one router assembling ``dossiers`` and ``scoring``."""

from ninja import Router

from ocop.evaluation.api.dossiers import router as dossiers_router
from ocop.evaluation.api.scoring import router as scoring_router

router = Router(tags=["evaluation"])
router.add_router("", dossiers_router)
router.add_router("", scoring_router)
