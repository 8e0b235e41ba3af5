"""The operation registry: name → :class:`~tests.benchmarks.harness.Operation`.

To benchmark a new operation (imports, exports, merges …), write its two sides in a module of this
package and add an entry below.
"""

from __future__ import annotations

from selection_desk.domain import Method
from tests.benchmarks.harness import Operation
from tests.benchmarks.operations.ballot_watch import (
    check_something_final,
    one_second_budget,
    watch_side,
)
from tests.benchmarks.operations.decisions import (
    DECISION_WRITES,
    bare_decision_upsert_side,
    check_same_outcome,
    record_decision_side,
)
from tests.benchmarks.operations.dossier_import import (
    check_same_rows as check_same_dossier_rows,
)
from tests.benchmarks.operations.dossier_import import (
    import_side,
    openpyxl_read_side,
    pandas_side,
)
from tests.benchmarks.operations.expertise import (
    check_a_full_plan,
    expertise_side,
    ten_second_budget,
)
from tests.benchmarks.operations.heavy import rank_json_budget, seconds, xl_growth, xl_memory
from tests.benchmarks.operations.merge import bare_upsert_side, check_same_rows, merge_side
from tests.benchmarks.operations.ranking import (
    check_same_means,
    check_same_scores,
    ranking_side,
    sql_mean_totals,
)
from tests.benchmarks.operations.ranking_baselines import (
    check_same_aggregates,
    check_same_engine_scores,
    engine_side,
    numpy_schulze_side,
)
from tests.benchmarks.operations.ranking_baselines import (
    pandas_side as pandas_ranking_side,
)
from tests.benchmarks.operations.ranking_page import page_show_side, whatif_rank_side
from tests.benchmarks.operations.reports import (
    bare_openpyxl_side,
    bare_reportlab_side,
    check_same_cells,
    check_same_ranking_rows,
    minutes_side,
    workbook_side,
)
from tests.benchmarks.operations.robustness import (
    check_same_ranking_and_a_zone,
    robustness_side,
)
from tests.benchmarks.operations.round_ranking import round_ranking_side
from tests.benchmarks.operations.scoring import (
    SCORE_WRITES,
    bare_update_side,
    check_same_value,
    record_score_side,
)
from tests.benchmarks.operations.scoring_page import (
    bare_draft_update_side,
    check_same_score,
    check_something_shown,
    juror_open_side,
    page_open_side,
    ui_budget,
    workspace_score_side,
)
from tests.benchmarks.operations.startup import (
    bare_window_side,
    cold_start_demo_side,
    cold_start_side,
    import_budget,
    memory_budget,
    open_memory_side,
    page_switch_side,
    ui_block_budget,
    ui_import_side,
)

BOOTSTRAP_RESAMPLES = 1000
OTHER_METHODS = (Method.MEDIAN, Method.TRIMMED, Method.ZSCORE, Method.BORDA)

OPERATIONS: dict[str, Operation] = {
    "merge_ballots": Operation(
        ours=merge_side,
        baseline=bare_upsert_side,
        target_ratio=1.5,
        sizes=("S", "M", "L"),
        description="merge_ballots of every juror's ballot vs signature checks + bare upsert",
        runs=3,
        check=check_same_rows,
    ),
    # Absolute target: a ballot landing in a watched folder is in the grid within a second.
    "merge_watch": Operation(
        ours=watch_side,
        baseline=one_second_budget,
        target_ratio=1.0,
        sizes=("S", "M", "L"),
        description="merge --watch: a ballot lands → merged, re-read, ranked, grid (1 s budget)",
        runs=5,
        check=check_something_final,
    ),
    "rank_mean": Operation(
        ours=ranking_side(Method.MEAN),
        baseline=sql_mean_totals,
        target_ratio=1.5,
        sizes=("S", "M", "L", "XL"),
        description="rank_campaign (mean) vs one SQL query computing the same means",
        check=check_same_means,
    ),
    # Issue 17: a round ranks as fast as a campaign did before rounds, the other round's scores
    # in the same tables notwithstanding.
    "rank_round": Operation(
        ours=round_ranking_side("R1", Method.MEAN),
        baseline=ranking_side(Method.MEAN),
        target_ratio=1.1,
        sizes=("S", "M", "L"),
        description="rank_campaign of round R1 of a two-round campaign vs of the same campaign"
        " in one round",
        check=check_same_scores,
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
    "decision_write": Operation(
        ours=record_decision_side,
        baseline=bare_decision_upsert_side,
        target_ratio=1.5,
        sizes=("S", "M", "L"),
        description="one durable record_decision vs a bare upsert in BEGIN IMMEDIATE … COMMIT",
        runs=DECISION_WRITES,
        check=check_same_outcome,
    ),
    # Absolute target: the baseline is the 100 ms budget of a blocked UI thread (a sleep).
    "scoring_page_open": Operation(
        ours=page_open_side,
        baseline=ui_budget,
        target_ratio=1.0,
        sizes=("S", "M", "L"),
        description="Scoring page set_session + first paint, against the 100 ms UI budget",
        check=check_something_shown,
    ),
    "scoring_juror_open": Operation(
        ours=juror_open_side,
        baseline=ui_budget,
        target_ratio=1.0,
        sizes=("S", "M", "L"),
        description="a juror starts scoring (queue, dossier, sheet, painted) vs the 100 ms budget",
        check=check_something_shown,
    ),
    "workspace_score": Operation(
        ours=workspace_score_side,
        baseline=bare_draft_update_side,
        target_ratio=1.5,
        sizes=("S", "M", "L"),
        description="a score typed in the workspace (saved, sheet read back) vs a bare UPDATE",
        runs=SCORE_WRITES,
        check=check_same_score,
    ),
    "whatif_rank": Operation(
        ours=whatif_rank_side,
        baseline=sql_mean_totals,
        target_ratio=None,
        sizes=("S", "M", "L"),
        description="Ranking page what-if re-rank from memory vs the SQL mean query (info)",
    ),
    "ranking_page_show": Operation(
        ours=page_show_side,
        baseline=ui_budget,
        target_ratio=1.0,
        sizes=("S", "M", "L"),
        description="Ranking page shows a new ranking (UI thread, painted) vs the 100 ms budget",
        check=check_something_shown,
    ),
    "export_workbook": Operation(
        ours=workbook_side,
        baseline=bare_openpyxl_side,
        target_ratio=1.3,
        sizes=("S", "M", "L"),
        description="write_workbook (styles, formulas) vs openpyxl write-only of the same cells",
        runs=3,
        check=check_same_cells,
    ),
    "export_minutes": Operation(
        ours=minutes_side,
        baseline=bare_reportlab_side,
        target_ratio=1.5,
        sizes=("S", "M"),
        target_sizes=("M",),
        description="write_minutes vs bare reportlab of the same tables and paragraphs",
        check=check_same_ranking_rows,
    ),
    "import_dossiers_xlsx": Operation(
        ours=import_side,
        baseline=openpyxl_read_side,
        target_ratio=1.25,
        sizes=("L",),
        description="import 5,000 dossiers x 30 columns (XLSX) vs openpyxl read-only reading it",
        runs=3,
        check=check_same_dossier_rows,
    ),
    "import_dossiers_pandas": Operation(
        ours=import_side,
        baseline=pandas_side,
        target_ratio=1.0,
        sizes=("L",),
        description="the same import vs pandas.read_excel + to_sql of the same file",
        runs=3,
        check=check_same_dossier_rows,
    ),
    # Engine work against engine work: both sides start from the counted reviews loaded outside
    # the timing (the SQL load is in neither).
    "rank_bootstrap": Operation(
        ours=engine_side(Method.MEAN, bootstrap=BOOTSTRAP_RESAMPLES),
        baseline=engine_side(Method.MEAN),
        target_ratio=25.0,  # issue 22
        sizes=("S", "M", "L"),
        description=f"compute_ranking with a {BOOTSTRAP_RESAMPLES}-resample bootstrap vs without",
        check=check_same_engine_scores,
    ),
    "rank_robustness": Operation(
        ours=robustness_side(BOOTSTRAP_RESAMPLES),
        baseline=engine_side(Method.MEAN, bootstrap=BOOTSTRAP_RESAMPLES),
        target_ratio=1.2,
        sizes=("S", "M", "L"),
        description="bootstrap + every method's selection + cut-off zone vs the bootstrap alone",
        check=check_same_ranking_and_a_zone,
    ),
    # Absolute target: the baseline is the 10 s the issue allows (a sleep), run once.
    "assign_expertise": Operation(
        ours=expertise_side,
        baseline=ten_second_budget,
        target_ratio=1.0,
        sizes=("S", "M", "L"),
        description="assign by expertise (K = 5, min-cost flow by HiGHS) vs the 10 s budget",
        runs=1,
        warmup=False,
        check=check_a_full_plan,
    ),
    # Start-up (issue 22): whole processes, timed until the first painted window, next to a bare
    # PySide6 window doing the same in the same run.  The demo is the same file at every size.
    "cold_start_demo": Operation(
        ours=cold_start_demo_side,
        baseline=bare_window_side,
        target_ratio=4.0,
        sizes=("S",),
        target_sizes=("S",),
        description="app process until its first window (the demo) is painted vs a bare window",
        quantity="seconds",
    ),
    "cold_start": Operation(
        ours=cold_start_side,
        baseline=bare_window_side,
        target_ratio=8.0,
        sizes=("S", "M", "L"),
        description="app process until the campaign's first window is painted vs a bare window",
        quantity="seconds",
    ),
    # Absolute targets: the baselines are the budgets the issue sets.
    "open_memory": Operation(
        ours=open_memory_side,
        baseline=memory_budget,
        target_ratio=1.0,
        sizes=("S", "M", "L"),
        description="peak RSS of the app opening the campaign (ranked, stability shown) vs 300 MB",
        runs=3,
        quantity="bytes",
    ),
    # Heavy data (issue 22): XL exported and opened as whole processes, peak memory against 1 GB
    # and time against the same process on L (ten times the data: at most 12 times the time).
    "export_memory": xl_memory(
        "export",
        "peak RSS of `export FILE --xlsx` (a whole process) vs 1 GB",
    ),
    "export_growth": xl_growth(
        "export",
        "`export FILE --xlsx` on XL vs the same on L (a whole process each)",
    ),
    "open_memory_xl": xl_memory(
        "open",
        "peak RSS of the app opening XL (ranked, stability shown) vs 1 GB",
    ),
    "open_growth": xl_growth(
        "open",
        "the app opening XL until ranked and stability shown vs the same on L",
    ),
    "rank_memory_xl": xl_memory(
        "rank",
        "peak RSS of `rank FILE` (a whole process) vs 1 GB",
    ),
    "rank_growth": xl_growth(
        "rank",
        "`rank FILE` on XL vs the same on L (a whole process each)",
    ),
    "rank_json_memory_xl": xl_memory(
        "rank_json",
        "peak RSS of `rank FILE --json` (a whole process) vs 1 GB",
    ),
    "rank_json_growth": xl_growth(
        "rank_json",
        "`rank FILE --json` on XL vs the same on L (a whole process each)",
    ),
    "rank_json": Operation(
        ours=seconds("rank_json"),
        baseline=rank_json_budget,
        target_ratio=1.0,
        sizes=("S", "M", "L"),
        target_sizes=("L",),
        description="`rank FILE --json` as a whole process vs 2 s",
        quantity="seconds",
    ),
    "page_switch": Operation(
        ours=page_switch_side,
        baseline=ui_block_budget,
        target_ratio=1.0,
        sizes=("S", "M", "L"),
        description="longest UI-thread block showing every page in turn (heartbeat) vs 100 ms",
        runs=3,
        quantity="seconds",
    ),
    "ui_import_time": Operation(
        ours=ui_import_side,
        baseline=import_budget,
        target_ratio=1.0,
        sizes=("S",),
        target_sizes=("S",),
        description="import selection_desk.ui.app in a fresh process (-X importtime) vs 0.4 s",
        quantity="seconds",
    ),
    **{
        f"rank_{method.value}": Operation(
            ours=engine_side(method),
            baseline=pandas_ranking_side(method),
            # Reported, not a target: the pipeline computes only the aggregates, the engine also
            # spreads, agreement, eliminations, ties and one entry per dossier (measured on L:
            # 4–12×, most of it building the 5,000 entries). Issue #3 asks for the comparison.
            target_ratio=None,
            sizes=("S", "M", "L", "XL"),
            description=f"compute_ranking ({method.value}) vs a pandas pipeline computing the same",
            check=check_same_aggregates,
        )
        for method in OTHER_METHODS
    },
    # Schulze's strongest paths cost D³ steps and D² memory; XL's 50,000 × 50,000 matrices alone
    # would take 20 GB, so the engine refuses it (aggregation/schulze.py MAX_DOSSIERS): on XL the
    # benchmark reports the refusal and its reason instead of a time.
    "rank_schulze": Operation(
        ours=engine_side(Method.SCHULZE),
        baseline=numpy_schulze_side,
        target_ratio=None,  # reported, as the other methods
        sizes=("S", "M", "L", "XL"),
        description="compute_ranking (schulze) vs a plain numpy Floyd–Warshall widest path",
        runs=1,
        warmup=False,
        check=check_same_aggregates,
    ),
}
