"""The aggregation engine (design §5): from counted scores to the committee's ranking.

Qt-free and vectorised (numpy). It reads a :class:`RankingInput` only; :func:`build_ranking_input`
fills one from domain objects.

Rounding sharpens design §5: with ``criterion_decimals = N``, the methods that have points
(``mean``, ``trimmed``) rank by the sum of the rounded weighted terms ``Σ_c round(w_c·m_c)``,
rounded half-up with exact decimal arithmetic; dossiers with equal rounded totals tie (the
tie-break criterion may then separate them). So the order always agrees with the points shown.
Without rounding, and for the other methods, the order follows the aggregate ``A``.

A dossier that no counted juror scored is never selected by rank, whatever the method: it gets no
aggregate (``score`` ``None``), is listed after the scored ones and has ``p_top`` 0.

Public explanation API (stable, used by the reports): :func:`explain` returns a
:class:`DossierExplanation` for one dossier of a ranking, :func:`explain_all` for several (or all)
from one ranking; :func:`explanation_to_json` gives its JSON form (the ``explanation`` object of
``rank --json``).
"""

from selection_desk.aggregation.agreement import krippendorff_alpha_interval
from selection_desk.aggregation.calibration import JurorCalibration, juror_calibration
from selection_desk.aggregation.explanation import (
    CriterionDetail,
    DossierExplanation,
    JurorContribution,
    LeftOut,
    LeftOutReason,
    PathContest,
    SchulzeDetail,
    explain,
    explain_all,
)
from selection_desk.aggregation.inputs import (
    BootstrapRun,
    IncompleteReview,
    RankingInput,
    RankingSettings,
    build_ranking_input,
)
from selection_desk.aggregation.ranking import RankedDossier, Ranking, compute_ranking
from selection_desk.aggregation.rounding import round_half_up
from selection_desk.aggregation.sensitivity import Sensitivity, WeightChange, weight_sensitivity
from selection_desk.aggregation.serialisation import explanation_to_json, ranking_to_json

__all__ = [
    "BootstrapRun",
    "CriterionDetail",
    "DossierExplanation",
    "IncompleteReview",
    "JurorCalibration",
    "JurorContribution",
    "LeftOut",
    "LeftOutReason",
    "PathContest",
    "RankedDossier",
    "Ranking",
    "RankingInput",
    "RankingSettings",
    "SchulzeDetail",
    "Sensitivity",
    "WeightChange",
    "build_ranking_input",
    "compute_ranking",
    "explain",
    "explain_all",
    "explanation_to_json",
    "juror_calibration",
    "krippendorff_alpha_interval",
    "ranking_to_json",
    "round_half_up",
    "weight_sensitivity",
]
