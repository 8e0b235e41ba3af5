"""The issue's selection in two rounds (issue 17), shared by the end-to-end tests on the command
line and in the window: 40 dossiers and 7 jurors; R1 *Présélection*, a dossier round (3 jurors per
dossier, 8 go on, weight 40); R2 *Audition*, a hearing of the whole committee (R1's criteria
copied, then MARKET replaced by PITCH; 4 places, weight 60)."""

from __future__ import annotations

from pathlib import Path

from selection_desk.cli import main
from selection_desk.domain import CampaignData, Criterion
from selection_desk.services.assignments import assign_balanced
from selection_desk.services.criteria import add_criterion, delete_criterion
from selection_desk.services.kits import kit_file_name, open_kit
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file
from tests.offline.flows import export, score_in_kit

JURORS = [f"J{i}" for i in range(1, 8)]
DOSSIERS = 40
SHORTLIST = 8
PLACES = 4
WEIGHTS = {"R1": 40.0, "R2": 60.0}
ASSIGNMENT_SEED = 17
PITCH = Criterion("PITCH", "Pitch", 2.0, 0, 5, 0.5)


def cli(*args: str) -> None:
    """One command of the secretary's, in English; it must succeed."""
    assert main(["--lang", "en", *args]) == 0, args


def set_up_two_rounds(path: Path) -> CampaignData:
    """The campaign file at ``path``, its two rounds set up on the command line as a secretary
    would, R2's criteria edited and R1 assigned (3 jurors per dossier) through the services;
    returns what the factory put in it."""
    data = make_campaign_data(dossiers=DOSSIERS, jurors=len(JURORS), scored=False, places=PLACES)
    file = str(make_campaign_file(path, data))
    cli("round", file, "edit", "R1", "--name", "Présélection", "--places", str(SHORTLIST),
        "--weight", "40")  # fmt: skip
    cli("round", file, "add", "R2", "--name", "Audition", "--kind", "hearing",
        "--places", str(PLACES), "--weight", "60", "--criteria-from", "R1")  # fmt: skip
    with CampaignStore.open(path) as store:
        store.use_round("R2")
        delete_criterion(store, "MARKET", confirm=True)
        add_criterion(store, PITCH)
        store.use_round("R1")
        assert [c.code for c in store.criteria()] == ["TEAM", "MARKET"]
        # Seeded: the plan's default seed comes from the campaign's random uid, and the values
        # below are chosen for one plan (no tie at a cut).
        assign_balanced(store, 3, seed=ASSIGNMENT_SEED)
    return data


def juror_value(juror: str, ref: str, criterion: str) -> float:
    """A dossier's quality (distinct per dossier), seen a little differently by each juror, on
    0–5 by halves.  Chosen, for the plan of :data:`ASSIGNMENT_SEED`, so that no two dossiers tie
    at either round's cut nor in the final ranking (D14, D27, D01, D02, D15, D28, D29 and D30 go
    on; D27, D14, D01 and D28 are selected): a tie there would leave who goes on to the order in
    which tied dossiers are listed."""
    quality = (int(ref[1:]) * 37 % 40) / 12
    seen = quality + int(juror[1:]) % 3 * 0.25 + len(criterion) % 2 * 0.5
    return min(5.0, round(2 * seen) / 2)


def kit_path(kits: Path, juror: str) -> Path:
    return kits / kit_file_name(juror)


def score_every_kit(kits: Path, folder: Path) -> dict[str, Path]:
    """Each juror scores every dossier of their kit (in ``kits``) with :func:`juror_value`, every
    review final, and exports one ballot into ``folder``: juror → ballot."""
    ballots = {}
    folder.mkdir(parents=True)
    for juror in JURORS:
        kit = kit_path(kits, juror)
        with open_kit(kit) as store:
            refs = [d.ref for d in store.dossiers()]
            codes = [c.code for c in store.criteria()]
        entries = [(ref, code, juror_value(juror, ref, code)) for ref in refs for code in codes]
        score_in_kit(kit, juror, entries, final=refs)
        ballots[juror] = export(kit, folder / f"ballot-{juror}.json").path
    return ballots
