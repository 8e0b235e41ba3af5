"""Deterministic benchmark campaigns at four sizes, written through the storage API.

Every number comes from ``numpy.random.default_rng`` with a fixed seed per size, so two builds of
one size hold the same campaign (only the file's own audit timestamps differ).  Scores are
realistic enough that every aggregation method has real work to do: a latent dossier quality, a
dossier profile per criterion, a leniency offset per juror and noise, snapped to each criterion's
scale and step.

The campaigns follow the storage's rules: conflicted pairs carry no score, and about 2 % of the
reviews are drafts (every other one incomplete), the rest final and complete.  Built files are
cached under ``tests/benchmarks/.cache/``, keyed by size, generator version and schema version:
bump :data:`GENERATOR_VERSION` whenever the generated content changes.  The same campaign also
comes in two rounds (:func:`build_two_round_campaign_file`: the one-round campaign as a closed
dossier round, then a hearing of its shortlist), cached beside it.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from selection_desk.domain import (
    Assignment,
    Campaign,
    Conflict,
    Criterion,
    Dossier,
    Juror,
    Review,
    ReviewStatus,
    Role,
    RubricLevel,
    Score,
)
from selection_desk.storage.campaign_file import lock_path
from selection_desk.storage.schema import schema_version
from selection_desk.storage.store import CampaignStore

GENERATOR_VERSION = 1
CACHE_DIR = Path(__file__).resolve().parent / ".cache"

DRAFT_EVERY = 50
"""One review in 50 (2 %) is left as a draft."""
DRAFT_OFFSET = 17

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class CampaignSize:
    name: str
    dossiers: int
    jurors: int
    criteria: int
    jurors_per_dossier: int | None
    """``None``: everyone scores everything (no assignment rows, the campaign default)."""
    conflicts: int
    seed: int

    @property
    def assigned(self) -> bool:
        return self.jurors_per_dossier is not None


SIZES: dict[str, CampaignSize] = {
    size.name: size
    for size in (
        CampaignSize(
            "S", dossiers=12, jurors=7, criteria=6, jurors_per_dossier=None, conflicts=2, seed=101
        ),
        CampaignSize(
            "M", dossiers=300, jurors=15, criteria=8, jurors_per_dossier=None, conflicts=6, seed=202
        ),
        CampaignSize(
            "L",
            dossiers=5_000,
            jurors=60,
            criteria=10,
            jurors_per_dossier=5,
            conflicts=40,
            seed=303,
        ),
        CampaignSize(
            "XL",
            dossiers=50_000,
            jurors=300,
            criteria=10,
            jurors_per_dossier=3,
            conflicts=200,
            seed=404,
        ),
    )
}

# (label, weight, scale max, step, eliminatory threshold): two criteria are marked out of 20.
_CRITERIA = (
    ("Équipe", 3.0, 5.0, 0.5, 1.0),
    ("Marché", 2.0, 5.0, 0.5, None),
    ("Innovation", 2.0, 20.0, 1.0, None),
    ("Modèle économique", 1.5, 5.0, 0.5, None),
    ("Impact", 1.0, 5.0, 0.5, None),
    ("Faisabilité", 1.0, 5.0, 0.5, None),
    ("Traction", 2.0, 20.0, 1.0, None),
    ("Finances", 1.0, 5.0, 0.5, None),
    ("Pitch", 0.5, 5.0, 0.5, None),
    ("Adéquation au programme", 1.0, 5.0, 0.5, None),
)
_LEVELS = tuple(
    RubricLevel(float(value), label)
    for value, label in enumerate(("Absent", "Faible", "Moyen", "Bon", "Très bon", "Excellent"))
)
_SECTORS = ("SaaS", "Santé", "Énergie", "Agritech", "Mobilité", "Fintech", "Éducation", "Industrie")
_CITIES = ("Toulouse", "Lyon", "Nantes", "Lille", "Bordeaux", "Grenoble", "Rennes", "Marseille")
_WORDS = ("Nova", "Terra", "Alto", "Lumen", "Vela", "Orbis", "Kairos", "Solis", "Atlas", "Nexa")


def size_spec(size: str | CampaignSize) -> CampaignSize:
    return size if isinstance(size, CampaignSize) else SIZES[size]


def make_criteria(count: int) -> tuple[Criterion, ...]:
    if not 1 <= count <= len(_CRITERIA):
        raise ValueError(f"between 1 and {len(_CRITERIA)} criteria, not {count}")
    return tuple(
        Criterion(
            code=f"C{index + 1:02d}",
            label=label,
            weight=weight,
            scale_min=0.0,
            scale_max=top,
            step=step,
            threshold=threshold,
            levels=_LEVELS if top == 5.0 else (),
        )
        for index, (label, weight, top, step, threshold) in enumerate(_CRITERIA[:count])
    )


def juror_code(index: int) -> str:
    return f"J{index + 1:03d}"


def dossier_ref(index: int) -> str:
    return f"D{index + 1:05d}"


def make_jurors(count: int) -> Iterator[Juror]:
    for index in range(count):
        code = juror_code(index)
        role = Role.PRESIDENT if index == 0 else Role.MEMBER
        yield Juror(code, f"Juré·e {index + 1}", f"{code.lower()}@jury.example.org", role)


def make_dossiers(count: int) -> Iterator[Dossier]:
    for index in range(count):
        name = f"{_WORDS[index % 10]} {_WORDS[index // 10 % 10]} {index + 1}"
        fields = {
            "Secteur": _SECTORS[index % len(_SECTORS)],
            "Ville": _CITIES[index * 7 % len(_CITIES)],
            "Effectif": str(1 + index * 13 % 40),
        }
        yield Dossier(dossier_ref(index), name, fields)


@dataclass(frozen=True)
class Panel:
    """Who reviews what: pairs sorted by (juror, dossier), the storage's own key order."""

    review_juror: IntArray
    review_dossier: IntArray
    conflicts: tuple[tuple[int, int], ...]


def _assigned_panel(spec: CampaignSize, per_dossier: int) -> Panel:
    """Dossier d goes to jurors (d·k + i) mod J, i < k: every juror gets the same load (± 1).

    A conflicted juror is the next one in that rotation, so assignments already avoid them.
    """
    dossiers = np.repeat(np.arange(spec.dossiers, dtype=np.int64), per_dossier)
    jurors = (dossiers * per_dossier + np.tile(np.arange(per_dossier), spec.dossiers)) % spec.jurors
    order = np.lexsort((dossiers, jurors))
    conflicted = _spread(spec.conflicts, spec.dossiers)
    conflicts = tuple(
        (int((d * per_dossier + per_dossier) % spec.jurors), int(d)) for d in conflicted
    )
    return Panel(jurors[order], dossiers[order], conflicts)


def _full_panel(spec: CampaignSize, rng: np.random.Generator) -> Panel:
    """Everyone scores every dossier, except the pairs with a declared conflict."""
    pairs = rng.choice(spec.jurors * spec.dossiers, size=spec.conflicts, replace=False)
    conflicts = tuple(sorted((int(p // spec.dossiers), int(p % spec.dossiers)) for p in pairs))
    keep = np.ones(spec.jurors * spec.dossiers, dtype=bool)
    keep[[j * spec.dossiers + d for j, d in conflicts]] = False
    flat = np.flatnonzero(keep).astype(np.int64)
    return Panel(flat // spec.dossiers, flat % spec.dossiers, conflicts)


def _spread(count: int, total: int) -> IntArray:
    """``count`` indices spread evenly over ``range(total)``."""
    return ((np.arange(count) + 0.5) * total / max(count, 1)).astype(np.int64)


def make_panel(spec: CampaignSize, rng: np.random.Generator) -> Panel:
    if spec.jurors_per_dossier is None:
        return _full_panel(spec, rng)
    return _assigned_panel(spec, spec.jurors_per_dossier)


def draft_scored_counts(review_count: int, criteria: int) -> IntArray:
    """How many criteria each review scores: all of them, except drafts (every other is half)."""
    scored = np.full(review_count, criteria, dtype=np.int64)
    drafts = np.arange(DRAFT_OFFSET, review_count, DRAFT_EVERY)
    scored[drafts[1::2]] = max(1, criteria // 2)
    return scored


def is_draft(review_index: int) -> bool:
    return review_index % DRAFT_EVERY == DRAFT_OFFSET


def make_values(
    spec: CampaignSize, panel: Panel, criteria: tuple[Criterion, ...], rng: np.random.Generator
) -> FloatArray:
    """Scores of every review on every criterion, shape (reviews, criteria), on scale and step."""
    quality = rng.normal(0.0, 1.0, spec.dossiers)
    profile = rng.normal(0.0, 1.0, (spec.dossiers, len(criteria)))
    leniency = rng.normal(0.0, 1.0, spec.jurors)
    noise = rng.normal(0.0, 1.0, (panel.review_juror.size, len(criteria)))
    normalised = (
        0.55
        + 0.14 * quality[panel.review_dossier, None]
        + 0.06 * profile[panel.review_dossier]
        + 0.07 * leniency[panel.review_juror, None]
        + 0.09 * noise
    )
    low = np.array([c.scale_min for c in criteria])
    high = np.array([c.scale_max for c in criteria])
    step = np.array([c.step for c in criteria])
    steps = np.round(np.clip(normalised, 0.0, 1.0) * (high - low) / step)
    values: FloatArray = low + steps * step
    return values


def _timestamp(review_index: int) -> str:
    """A fixed, plausible ISO time per review: reviews written over March 2026."""
    seconds = review_index * 37 % (28 * 86_400)
    day, rest = divmod(seconds, 86_400)
    hour, rest = divmod(rest, 3_600)
    minute, second = divmod(rest, 60)
    return f"2026-03-{day + 1:02d}T{hour:02d}:{minute:02d}:{second:02d}.000000+00:00"


@dataclass(frozen=True)
class GeneratedCampaign:
    campaign: Campaign
    criteria: tuple[Criterion, ...]
    panel: Panel
    values: FloatArray
    scored: IntArray
    confidence: IntArray
    """1–5, or 0 where the review gives none."""

    def reviews(self) -> Iterator[Review]:
        for index, (juror, dossier) in enumerate(self.pairs()):
            status = ReviewStatus.DRAFT if is_draft(index) else ReviewStatus.FINAL
            confidence = int(self.confidence[index]) or None
            yield Review(juror, dossier, status, "", confidence, 1, _timestamp(index))

    def scores(self) -> Iterator[Score]:
        codes = [criterion.code for criterion in self.criteria]
        values = self.values.tolist()
        scored = self.scored.tolist()
        for index, (juror, dossier) in enumerate(self.pairs()):
            at = _timestamp(index)
            row = values[index]
            for position in range(scored[index]):
                yield Score(juror, dossier, codes[position], row[position], "", 1, at)

    def conflicts(self) -> Iterator[Conflict]:
        for juror, dossier in self.panel.conflicts:
            yield Conflict(juror_code(juror), dossier_ref(dossier), "lien professionnel déclaré")

    def pairs(self) -> Iterator[tuple[str, str]]:
        for juror, dossier in zip(
            self.panel.review_juror.tolist(), self.panel.review_dossier.tolist(), strict=True
        ):
            yield juror_code(juror), dossier_ref(dossier)


def generate(size: str | CampaignSize) -> GeneratedCampaign:
    spec = size_spec(size)
    rng = np.random.default_rng(spec.seed)
    criteria = make_criteria(spec.criteria)
    panel = make_panel(spec, rng)
    reviews = panel.review_juror.size
    campaign = Campaign(
        uid=str(uuid.UUID(int=int(rng.integers(0, 2**63)) << 64 | spec.seed, version=4)),
        name=f"Benchmark {spec.name}",
        programme="Selection Desk benchmark",
        places=max(1, spec.dossiers // 10),
    )
    return GeneratedCampaign(
        campaign=campaign,
        criteria=criteria,
        panel=panel,
        values=make_values(spec, panel, criteria, rng),
        scored=draft_scored_counts(reviews, len(criteria)),
        confidence=np.where(rng.random(reviews) < 0.6, rng.integers(1, 6, reviews), 0),
    )


def build_campaign_file(size: str | CampaignSize, path: Path) -> Path:
    """Write the campaign of ``size`` to a new campaign file at ``path``, in one transaction."""
    spec = size_spec(size)
    generated = generate(spec)
    store = CampaignStore.create(path, generated.campaign, actor="benchmark")
    with store, store.transaction():
        store.write_criteria(
            generated.criteria, {c.code: i for i, c in enumerate(generated.criteria)}
        )
        store.write_jurors(make_jurors(spec.jurors))
        store.write_dossiers(
            make_dossiers(spec.dossiers), {dossier_ref(i): i for i in range(spec.dossiers)}
        )
        if spec.assigned:
            store.write_assignments(
                Assignment(juror, dossier) for juror, dossier in generated.pairs()
            )
        store.write_conflicts(generated.conflicts())
        store.write_reviews(generated.reviews())
        store.write_scores(generated.scores())
        store.record_audit(
            "benchmark",
            "import",
            f"import:generator-v{GENERATOR_VERSION}",
            after={"size": spec.name, "seed": spec.seed},
        )
    return path


def cache_key(size: str | CampaignSize) -> str:
    return f"{size_spec(size).name}-g{GENERATOR_VERSION}-s{schema_version()}"


def cached_file(key: str, build: Callable[[Path], object], cache_dir: Path = CACHE_DIR) -> Path:
    """The cached campaign file ``<key>.seldesk``, built first by ``build(path)`` when missing.

    Built under a temporary name and moved in place, so an interrupted build is never reused.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"{key}.seldesk"
    if path.exists():
        return path
    partial = cache_dir / f"{key}.{os.getpid()}.partial"
    partial.unlink(missing_ok=True)
    try:
        build(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
        with contextlib.suppress(FileNotFoundError):
            lock_path(partial).unlink()
    return path


def cached_campaign_file(size: str | CampaignSize, cache_dir: Path = CACHE_DIR) -> Path:
    """The campaign file of ``size`` from the cache, built first when missing."""
    return cached_file(cache_key(size), lambda path: build_campaign_file(size, path), cache_dir)


# -- a campaign in two rounds (design §10) ------------------------------------------------------

HEARING_SEED_OFFSET = 1
"""Round 2's scores draw from the size's seed plus this."""


def shortlist_size(size: str | CampaignSize) -> int:
    """How many dossiers go on to the hearing: one in 50, at least 4 (100 on L, 60,000 scores
    beside R1's 248,750: already more pitches than a day holds)."""
    return max(4, size_spec(size).dossiers // 50)


def build_two_round_campaign_file(size: str | CampaignSize, path: Path) -> Path:
    """The campaign of ``size`` (:func:`build_campaign_file`) as round R1, a dossier round that
    shortlists :func:`shortlist_size` dossiers (weight 40), closed; then R2, a hearing started
    from R1's criteria and scored by the whole committee (every review final and complete,
    weight 60), still open.  R1 holds exactly the one-round campaign's scores, so ranking R1
    ranks the same data as ranking the one-round file, with R2's scores in the same tables."""
    from selection_desk.domain import Round, RoundKind
    from selection_desk.services.rounds import add_round, close_round, edit_round

    spec = size_spec(size)
    build_campaign_file(spec, path)
    shortlist = shortlist_size(spec)
    with CampaignStore.open(path) as store:
        edit_round(store, "R1", places=shortlist, weight=40.0, actor="benchmark")
        hearing = Round(
            "R2", "Audition", kind=RoundKind.HEARING, places=max(1, shortlist // 4), weight=60.0
        )
        add_round(store, hearing, criteria_from="R1", actor="benchmark")
        _settle_a_tie_at_the_line(store)
        close_round(store, "R1", actor="benchmark")  # R2's roster and its whole-committee panel
        store.use_round("R2")
        criteria = store.criteria()
        pairs = [(a.juror, a.dossier) for a in store.assignments()]
        rng = np.random.default_rng(spec.seed + HEARING_SEED_OFFSET)
        low = np.array([c.scale_min for c in criteria])
        high = np.array([c.scale_max for c in criteria])
        step = np.array([c.step for c in criteria])
        normalised = np.clip(rng.normal(0.6, 0.15, (len(pairs), len(criteria))), 0.0, 1.0)
        values = (low + np.round(normalised * (high - low) / step) * step).tolist()
        at = "2026-06-15T14:00:00.000000+00:00"
        with store.transaction():
            store.write_reviews(Review(j, d, ReviewStatus.FINAL, "", None, 1, at) for j, d in pairs)
            store.write_scores(
                Score(juror, dossier, criterion.code, row[index], "", 1, at)
                for (juror, dossier), row in zip(pairs, values, strict=True)
                for index, criterion in enumerate(criteria)
            )
    return path


def _settle_a_tie_at_the_line(store: CampaignStore) -> None:
    """Closing refuses to part dossiers tied across the line by their listing order (L has three
    at R1's rank 99 of 100): the committee's decisions do, as a deliberation records them — the
    first places by the listing selected, every tied dossier with a reason."""
    from selection_desk.domain import Outcome
    from selection_desk.services.decisions import record_decision
    from selection_desk.services.ranking import rank_campaign
    from selection_desk.services.rounds import tied_at_the_line

    ranking = rank_campaign(store)
    tied = tied_at_the_line(ranking)
    for position, entry in enumerate(ranking.selected if tied else ()):
        goes_on = position < ranking.places
        record_decision(
            store,
            entry.ref,
            Outcome.SELECTED if goes_on else Outcome.REJECTED,
            rationale="tie at the line settled in deliberation" if entry.ref in tied else "",
            actor="benchmark",
        )


def cached_two_round_campaign_file(size: str | CampaignSize, cache_dir: Path = CACHE_DIR) -> Path:
    """The two-round campaign of ``size`` (:func:`build_two_round_campaign_file`), cached."""
    return cached_file(
        f"{cache_key(size)}-rounds",
        lambda path: build_two_round_campaign_file(size, path),
        cache_dir,
    )


def expected_counts(size: str | CampaignSize) -> dict[str, int]:
    """What a built campaign holds, worked out from the size alone (not from the generator)."""
    spec = size_spec(size)
    if spec.jurors_per_dossier is None:
        reviews = spec.jurors * spec.dossiers - spec.conflicts
    else:
        reviews = spec.jurors_per_dossier * spec.dossiers
    drafts = len(range(DRAFT_OFFSET, reviews, DRAFT_EVERY))
    half_scored = drafts // 2
    return {
        "dossiers": spec.dossiers,
        "jurors": spec.jurors,
        "criteria": spec.criteria,
        "reviews": reviews,
        "drafts": drafts,
        "scores": reviews * spec.criteria
        - half_scored * (spec.criteria - max(1, spec.criteria // 2)),
        "conflicts": spec.conflicts,
        "assignments": 0 if spec.jurors_per_dossier is None else reviews,
    }


__all__ = [
    "CACHE_DIR",
    "GENERATOR_VERSION",
    "SIZES",
    "CampaignSize",
    "GeneratedCampaign",
    "build_campaign_file",
    "build_two_round_campaign_file",
    "cache_key",
    "cached_campaign_file",
    "cached_file",
    "cached_two_round_campaign_file",
    "expected_counts",
    "generate",
    "shortlist_size",
]
