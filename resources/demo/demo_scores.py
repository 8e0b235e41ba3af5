"""The demo's scores: a small seeded model built so that the ranking has something to teach.

Every juror scores every dossier they are not in conflict with, on every criterion, and every review
is final. A score is the dossier's base quality on the criterion plus the juror's effect, on the
half-point grid of the 0–5 scale:

- most jurors add a little noise (−0.5, 0, 0 or +0.5);
- **J4 is lenient**: +0.5 or +1 on every score; **J5 is severe**: −0.5 or −1 on every score;
- **N26-003 MédiSuivi splits the jury**: J1, J2, J4 and J7 are convinced, J3, J5 and J6 are not,
  so the spread of the jurors' totals is far above the campaign's threshold of 15;
- **N26-011 Pastel Éducation ties N26-007 Cantine Connect exactly**: it receives the same reviews,
  J4's and J5's unchanged and the other jurors' passed round among them, so every criterion has the
  same multiset of scores and the mean, median and trimmed aggregates are identical in exact
  arithmetic. Under ``mean`` the pair shares rank 6, two places below the cut-off of 4 places, so
  the cut-off itself stays unambiguous;
- **N26-012 TraçaBois** has a solo founder: its mean on EQUIPE is below the eliminatory threshold 2.

tests/test_demo_resources.py checks each of these properties on the generated workbook.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from criteria import STARTUP_CRITERIA
from demo_content import CONFLICTS, DOSSIERS, JURORS

SCORE_SEED = 2026
COMMENT_SEED = 1789
"""Comments draw from their own generator so that rewording them never moves a score."""

LENIENT_JUROR = "J4"
SEVERE_JUROR = "J5"
BIAS_STEPS = (0.5, 1.0)
NEUTRAL_NOISE = (-0.5, 0.0, 0.0, 0.5)

SPLIT_DOSSIER = "N26-003"
CONVINCED_JURORS = frozenset({"J1", "J2", "J4", "J7"})
TIED_DOSSIER = "N26-007"
TIE_COPY = "N26-011"
ELIMINATED_DOSSIER = "N26-012"

# Base quality per criterion, in STARTUP_CRITERIA order:
# CROISSANCE, FINANCES, PI, COMMERCIAL, EQUIPE, VOLONTE.
BASE_QUALITY: dict[str, tuple[float, ...]] = {
    "N26-001": (4.0, 3.5, 3.5, 4.0, 4.0, 4.0),
    "N26-002": (2.5, 2.5, 3.0, 2.5, 3.0, 2.5),
    "N26-004": (4.5, 4.0, 3.0, 4.5, 4.0, 4.5),
    "N26-005": (3.5, 4.0, 3.0, 4.0, 3.5, 3.5),
    "N26-006": (3.0, 2.5, 2.5, 2.5, 3.0, 2.5),
    "N26-007": (3.0, 3.0, 2.0, 3.0, 3.0, 3.0),
    "N26-008": (3.5, 3.0, 3.0, 3.5, 3.5, 4.5),
    "N26-009": (2.0, 2.0, 1.5, 2.0, 2.5, 2.5),
    "N26-010": (2.5, 2.0, 2.5, 2.0, 2.5, 3.0),
    "N26-012": (3.5, 3.0, 4.5, 3.0, 1.5, 3.0),
}
SPLIT_QUALITY = {
    True: (4.5, 3.5, 4.0, 3.5, 4.0, 4.5),  # convinced jurors
    False: (2.0, 1.5, 3.0, 1.5, 3.0, 3.0),  # sceptical jurors
}

CRITERION_CODES = tuple(criterion.code for criterion in STARTUP_CRITERIA)

CommentBank = dict[str, tuple[str, ...]]

GENERIC_COMMENTS: dict[str, CommentBank] = {
    "CROISSANCE": {
        "low": (
            "Trajectoire de croissance peu étayée.",
            "Objectif de 500 k€ hors de portée à un an.",
            "Marché trop étroit pour l'ambition affichée.",
        ),
        "mid": (
            "Croissance plausible, hypothèses à consolider.",
            "Le plan de recrutement reste à préciser.",
        ),
        "high": ("Traction solide, objectifs à un an crédibles.", "Marché large et bien adressé."),
    },
    "FINANCES": {
        "low": ("Trésorerie tendue, besoin de financement non couvert.", "Fonds propres faibles."),
        "mid": (
            "Situation saine mais dépendante de la prochaine levée.",
            "Plan de financement à détailler.",
        ),
        "high": ("Structure financière saine.", "Trésorerie confortable, levée bien engagée."),
    },
    "PI": {
        "low": ("Solution facile à copier.", "Aucune protection engagée."),
        "mid": ("Savoir-faire réel, protection à envisager.", "Logiciel propre, pas de brevet."),
        "high": ("Technologie propre et difficile à reproduire.", "Actifs bien protégés."),
    },
    "COMMERCIAL": {
        "low": ("Pas encore de canal de vente qui fonctionne.", "Peu de clients payants."),
        "mid": ("Premiers clients récurrents, canal à confirmer.", "Cycle de vente un peu long."),
        "high": ("Ventes régulières et reproductibles.", "Clients fidèles, bon bouche-à-oreille."),
    },
    "EQUIPE": {
        "low": (
            "Compétences commerciales absentes de l'équipe.",
            "Équipe trop réduite pour le plan présenté.",
        ),
        "mid": ("Équipe complémentaire, un profil commercial manque.", "Recrutements à financer."),
        "high": ("Équipe expérimentée et complémentaire.", "Équipe dirigeante solide."),
    },
    "VOLONTE": {
        "low": ("Ambition peu affirmée.", "Projet vu comme un complément d'activité."),
        "mid": ("Ambition affichée, moyens à préciser.",),
        "high": ("Dirigeants très engagés, ambition chiffrée.", "Forte envie d'être accompagnés."),
    },
}

# What jurors say about the dossiers the demo is built around: (dossier, criterion) → bank.
DOSSIER_COMMENTS: dict[tuple[str, str], CommentBank] = {
    ("N26-003", "CROISSANCE"): {
        "low": ("Prise en charge par l'Assurance maladie incertaine : croissance hypothétique.",),
        "high": ("Besoin clinique réel, marché national accessible.",),
    },
    ("N26-003", "COMMERCIAL"): {
        "low": ("Cycle de vente hospitalier très long, deux clients seulement.",),
        "high": ("Deux cliniques convaincues, résultats cliniques encourageants.",),
    },
    ("N26-003", "FINANCES"): {
        "low": ("Modèle économique suspendu à un remboursement non acquis.",),
        "high": ("Besoin de financement clair et raisonnable.",),
    },
    ("N26-003", "EQUIPE"): {
        "low": ("Pas de profil commercial santé dans l'équipe.",),
        "high": ("Binôme médecin et ingénieur très crédible.",),
    },
    ("N26-012", "EQUIPE"): {
        "low": (
            "Fondateur seul, aucun recrutement engagé : risque d'exécution majeur.",
            "Projet porté par une seule personne.",
        ),
        "high": ("Fondateur compétent, mais seul pour l'instant.",),
    },
    ("N26-012", "PI"): {
        "low": ("Le brevet déposé protège peu le service.",),
        "high": ("Brevet déposé sur le marquage : vraie barrière à l'entrée.",),
    },
    ("N26-004", "COMMERCIAL"): {
        "low": ("Dépendance forte aux fédérations partenaires.",),
        "high": ("Acquisition par les fédérations très efficace.",),
    },
}


@dataclass(frozen=True)
class ScoreSpec:
    dossier: str
    juror: str
    criterion: str
    value: float
    comment: str


Review = tuple[float, ...]


def demo_scores() -> tuple[ScoreSpec, ...]:
    """Every score of the demo, ordered by dossier, juror and criterion."""
    reviews = _reviews()
    comment_rng = random.Random(COMMENT_SEED)
    return tuple(
        ScoreSpec(
            dossier.ref, juror.code, code, value, _comment(dossier.ref, code, value, comment_rng)
        )
        for dossier in DOSSIERS
        for juror in JURORS
        if (dossier.ref, juror.code) in reviews
        for code, value in zip(CRITERION_CODES, reviews[dossier.ref, juror.code], strict=True)
    )


def _reviews() -> dict[tuple[str, str], Review]:
    rng = random.Random(SCORE_SEED)
    conflicted = {(conflict.dossier, conflict.juror) for conflict in CONFLICTS}
    reviews: dict[tuple[str, str], Review] = {}
    for dossier in DOSSIERS:
        if dossier.ref == TIE_COPY:
            continue
        for juror in JURORS:
            if (dossier.ref, juror.code) not in conflicted:
                base = _base_quality(dossier.ref, juror.code)
                reviews[dossier.ref, juror.code] = _scored(base, juror.code, rng)
    reviews.update(_tie_copy(reviews))
    return reviews


def _base_quality(dossier: str, juror: str) -> Review:
    if dossier == SPLIT_DOSSIER:
        return SPLIT_QUALITY[juror in CONVINCED_JURORS]
    return BASE_QUALITY[dossier]


def _scored(base: Review, juror: str, rng: random.Random) -> Review:
    return tuple(_on_scale(quality + _juror_effect(juror, rng)) for quality in base)


def _juror_effect(juror: str, rng: random.Random) -> float:
    if juror == LENIENT_JUROR:
        return rng.choice(BIAS_STEPS)
    if juror == SEVERE_JUROR:
        return -rng.choice(BIAS_STEPS)
    return rng.choice(NEUTRAL_NOISE)


def _on_scale(value: float) -> float:
    return min(5.0, max(0.0, value))


def _tie_copy(reviews: dict[tuple[str, str], Review]) -> dict[tuple[str, str], Review]:
    """The tied dossier's reviews, the neutral jurors' passed one place round the table.

    J4 and J5 keep their own review so that their bias stays systematic; the multiset of scores on
    every criterion is unchanged, hence the exact tie.
    """
    neutral = [juror.code for juror in JURORS if juror.code not in {LENIENT_JUROR, SEVERE_JUROR}]
    giver = {juror.code: juror.code for juror in JURORS}
    giver.update(zip(neutral, neutral[1:] + neutral[:1], strict=True))
    return {(TIE_COPY, juror): reviews[TIED_DOSSIER, giver[juror]] for juror in giver}


def _comment(dossier: str, criterion: str, value: float, rng: random.Random) -> str:
    """A short remark on some scores: jurors comment the notable dossiers and the extremes."""
    special = DOSSIER_COMMENTS.get((dossier, criterion))
    if special is not None:
        if rng.random() < 0.7:
            return rng.choice(special["high" if value >= 3 else "low"])
        return ""
    extreme = value <= 1.5 or value >= 4.5
    if rng.random() < (0.6 if extreme else 0.12):
        bank = GENERIC_COMMENTS[criterion]
        return rng.choice(bank[_level(value)])
    return ""


def _level(value: float) -> str:
    if value <= 2:
        return "low"
    if value >= 4:
        return "high"
    return "mid"
