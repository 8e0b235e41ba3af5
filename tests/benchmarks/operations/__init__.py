"""The operation registry: name → :class:`~tests.benchmarks.harness.Operation`.

To benchmark a new operation (imports, exports, merges …), write its two sides in a module of this
package and add an entry below.
"""

from __future__ import annotations

from selection_desk.domain import Method
from tests.benchmarks.harness import Operation
from tests.benchmarks.operations.ranking import (
    check_same_means,
    check_same_scores,
    ranking_side,
    sql_mean_totals,
)
from tests.benchmarks.operations.scoring import (
    SCORE_WRITES,
    bare_update_side,
    check_same_value,
    record_score_side,
)

BOOTSTRAP_RESAMPLES = 1000
OTHER_METHODS = (Method.MEDIAN, Method.TRIMMED, Method.ZSCORE, Method.BORDA)

OPERATIONS: dict[str, Operation] = {
    "rank_mean": Operation(
        ours=ranking_side(Method.MEAN),
        baseline=sql_mean_totals,
        target_ratio=1.5,
        sizes=("S", "M", "L", "XL"),
        description="rank_campaign (mean) vs one SQL query computing the same means",
        check=check_same_means,
    ),
    "score_write": Operation(
        ours=record_score_side,
        baseline=bare_update_side,
        target_ratio=1.5,
        sizes=("S", "M", "L"),
        description="one durable record_score vs a bare UPDATE in BEGIN IMMEDIATE … COMMIT",
        runs=SCORE_WRITES,
        check=check_same_value,
    ),
    "rank_bootstrap": Operation(
        ours=ranking_side(Method.MEAN, bootstrap=BOOTSTRAP_RESAMPLES),
        baseline=ranking_side(Method.MEAN),
        target_ratio=100.0,
        sizes=("S", "M", "L"),
        description=f"rank_campaign with a {BOOTSTRAP_RESAMPLES}-resample bootstrap vs without",
        check=check_same_scores,
    ),
    **{
        f"rank_{method.value}": Operation(
            ours=ranking_side(method),
            baseline=sql_mean_totals,
            target_ratio=None,
            sizes=("L", "XL"),
            description=f"rank_campaign ({method.value}) vs the SQL mean query (informational)",
        )
        for method in OTHER_METHODS
    },
    # Schulze's strongest paths cost D³ steps and D² memory: about 1.5 minutes on L, and XL's
    # 50,000 × 50,000 preference matrix alone would take 20 GB. One cold run on L only.
    "rank_schulze": Operation(
        ours=ranking_side(Method.SCHULZE),
        baseline=sql_mean_totals,
        target_ratio=None,
        sizes=("L",),
        description="rank_campaign (schulze) vs the SQL mean query (informational; D³, slow)",
        runs=1,
        warmup=False,
    ),
}
