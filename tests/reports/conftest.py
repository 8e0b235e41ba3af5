"""A small campaign whose applicant and juror text is hostile: markup, formulas, accents."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from selection_desk.domain import CampaignData, Decision, Dossier, Outcome, Role
from selection_desk.reports.report_data import ReportData
from selection_desk.services.reporting import build_report_data
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file

FORMULA_NAME = '=HYPERLINK("http://x","y")'
MARKUP_NAME = '<b>Bold & Co</b> <img src="/etc/passwd"/> <font color=red>'
PHONE_NAME = "+33 6 12 34 56 78"
AT_NAME = "@SUM(A1:A9)"
ACCENT_NAME = "Société d’Économie Ünïe — 5 000 € ≥ ✓"
HOSTILE_COMMENT = "<i>très</i> prometteur & <unclosed"
RATIONALE = "Équipe solide; marché > 1 M€ & traction réelle."
GENERATED_AT = datetime(2026, 3, 14, 10, 30)


def hostile_campaign_data(dossiers: int = 6, *, places: int = 2) -> CampaignData:
    data = make_campaign_data(dossiers=dossiers, jurors=4, places=places)
    names = [FORMULA_NAME, MARKUP_NAME, PHONE_NAME, AT_NAME, ACCENT_NAME]
    renamed = tuple(
        replace(dossier, name=names[index]) if index < len(names) else dossier
        for index, dossier in enumerate(data.dossiers)
    )
    jurors = tuple(
        replace(juror, role=Role.SECRETARY) if juror.code == "J4" else juror
        for juror in data.jurors
    )
    scores = tuple(
        replace(score, comment=HOSTILE_COMMENT)
        if (score.juror, score.dossier, score.criterion) == ("J2", "D02", "TEAM")
        else score
        for score in data.scores
    )
    decisions = (
        Decision("D01", Outcome.DEFERRED, "À revoir à la prochaine séance."),
        Decision("D02", Outcome.SELECTED, RATIONALE, 3, 0, 1),
        Decision("D03", Outcome.REJECTED, "Marché trop étroit.", 1, 2, 0),
    )
    campaign = replace(
        data.campaign,
        name="Appel « Numérique » 2026",
        meeting_date="14 mars 2026",
        meeting_place="Toulouse, salle Garonne",
    )
    return replace(
        data,
        campaign=campaign,
        dossiers=renamed,
        jurors=jurors,
        scores=scores,
        decisions=decisions,
    )


@pytest.fixture(scope="session")
def hostile_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per session; tests copy it."""
    folder = tmp_path_factory.mktemp("hostile")
    return make_campaign_file(folder / "hostile.seldesk", hostile_campaign_data())


@pytest.fixture
def hostile_file(hostile_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "hostile.seldesk"
    shutil.copyfile(hostile_template, target)
    return target


@pytest.fixture(scope="session")
def hostile_report(hostile_template: Path) -> ReportData:
    with CampaignStore.open(hostile_template, readonly=True) as store:
        return build_report_data(store, bootstrap=200, generated_at=GENERATED_AT)


def report_of(path: Path, **options: object) -> ReportData:
    with CampaignStore.open(path, readonly=True) as store:
        return build_report_data(store, generated_at=GENERATED_AT, **options)  # type: ignore[arg-type]


def many_dossiers(count: int) -> CampaignData:
    """A campaign with ``count`` dossiers with long names, for page-breaking tests."""
    data = make_campaign_data(dossiers=count, jurors=3, places=5)
    dossiers = tuple(
        Dossier(
            dossier.ref,
            f"Coopérative d’intérêt collectif n° {index} — énergie, mobilité & économie circulaire",
            dossier.fields,
        )
        for index, dossier in enumerate(data.dossiers)
    )
    return replace(data, dossiers=dossiers)
