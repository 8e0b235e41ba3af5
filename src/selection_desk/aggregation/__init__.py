"""The aggregation engine (design §5): from counted scores to the committee's ranking.

Qt-free and vectorised (numpy). It reads a :class:`RankingInput` only; :func:`build_ranking_input`
fills one from domain objects.
"""

from selection_desk.aggregation.agreement import krippendorff_alpha_interval
from selection_desk.aggregation.calibration import JurorCalibration, juror_calibration
from selection_desk.aggregation.explanation import (
    CriterionDetail,
    DossierExplanation,
    JurorContribution,
    LeftOut,
    LeftOutReason,
    explain,
)
from selection_desk.aggregation.inputs import (
    IncompleteReview,
    RankingInput,
    RankingSettings,
    build_ranking_input,
)
from selection_desk.aggregation.ranking import BootstrapRun, RankedDossier, Ranking, compute_ranking
from selection_desk.aggregation.rounding import round_half_up
from selection_desk.aggregation.sensitivity import Sensitivity, WeightChange, weight_sensitivity
from selection_desk.aggregation.serialisation import ranking_to_json

__all__ = [
    "BootstrapRun",
    "CriterionDetail",
    "DossierExplanation",
    "IncompleteReview",
    "JurorCalibration",
    "JurorContribution",
    "LeftOut",
    "LeftOutReason",
    "RankedDossier",
    "Ranking",
    "RankingInput",
    "RankingSettings",
    "Sensitivity",
    "WeightChange",
    "build_ranking_input",
    "compute_ranking",
    "explain",
    "juror_calibration",
    "krippendorff_alpha_interval",
    "ranking_to_json",
    "round_half_up",
    "weight_sensitivity",
]
