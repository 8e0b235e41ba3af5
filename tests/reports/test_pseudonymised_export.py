"""``export --pseudonymise`` (design §11): the workbook and the minutes for observers and
statistics carry no applicant's name or personal field, no juror's name or e-mail and no private
comment — read back from the XLSX cells and the PDF text — and rank exactly as the plain export."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from selection_desk import i18n
from selection_desk.cli import main
from selection_desk.domain import CampaignData, Decision, Outcome
from selection_desk.errors import InvalidInput
from selection_desk.services.reporting import LETTERS_NOT_PSEUDONYMISED, export_reports
from tests.factories import make_campaign_data, make_campaign_file
from tests.reports.pdf_text import joined

PERSONAL = (
    "Zorglubine",
    "Vasseurix",
    "zorglub@exemple.org",
    "06 11 22 33 44",
    "17 rue des Quokkas",
    "14/07/1988",
    "linkedin.com/in/zorglub",
    "Apollinette",  # a juror's name
    "jury-mail@exemple.org",  # a juror's e-mail
    "CANARYPRIV",  # a review's private comment
    "CANARYCRIT",  # a criterion comment
    "CANARYFEED",  # a feedback for the applicant
    "Recorder Qwerty",  # who recorded a decision
)


def _campaign() -> CampaignData:
    data = make_campaign_data(dossiers=4, jurors=3)
    dossiers = tuple(
        replace(
            dossier,
            name=f"Zorglubine Vasseurix {index}",
            fields={
                **dossier.fields,
                "Nom du porteur": f"Zorglubine Vasseurix {index}",
                "Courriel": "zorglub@exemple.org",
                "Téléphone": "06 11 22 33 44",
                "Adresse postale": "17 rue des Quokkas, 75011 Paris",
                "Date de naissance": "14/07/1988",
                "LinkedIn": "https://linkedin.com/in/zorglub",
                "Description": f"Porté par Zorglubine Vasseurix {index}, tél. 06 11 22 33 44",
            },
        )
        for index, dossier in enumerate(data.dossiers)
    )
    jurors = tuple(
        replace(juror, name=f"Apollinette {juror.code}", email="jury-mail@exemple.org")
        for juror in data.jurors
    )
    scores = tuple(replace(score, comment="CANARYCRIT") for score in data.scores)
    reviews = tuple(
        replace(review, comment="CANARYPRIV", feedback="CANARYFEED") for review in data.reviews
    )
    decisions = (
        Decision(
            "D02",
            Outcome.SELECTED,
            "Projet solide de zorglubine vasseurix 1, selon Apollinette J2",
            decided_by="Recorder Qwerty",
        ),
    )
    return replace(
        data,
        dossiers=dossiers,
        jurors=jurors,
        scores=scores,
        reviews=reviews,
        decisions=decisions,
    )


def _cells(path: Path) -> list[str]:
    workbook = load_workbook(path, read_only=True)
    cells = [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    workbook.close()  # a read-only workbook keeps its file open until closed
    return cells


def _ranking(path: Path) -> list[tuple[object, ...]]:
    """The workbook's ranking sheet without its texts (name, rationale): ranks, refs, figures."""
    workbook = load_workbook(path, read_only=True)
    rows = list(workbook["Ranking"].iter_rows(values_only=True))
    workbook.close()
    header = list(rows[0])
    texts = {header.index("Name"), header.index("Rationale")}
    return [tuple(v for i, v in enumerate(row) if i not in texts) for row in rows]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_personal_value_reaches_the_pseudonymised_workbook_or_minutes(
    tmp_path: Path, language: str
) -> None:
    campaign = make_campaign_file(tmp_path / "c.seldesk", _campaign())
    xlsx, pdf = tmp_path / "p.xlsx", tmp_path / "p.pdf"
    with i18n.language("en"):
        outputs = ["--xlsx", str(xlsx), "--pdf", str(pdf)]
        code = main(["export", str(campaign), *outputs, "--lang", language, "--pseudonymise"])
    assert code == 0
    cells = "\n".join(_cells(xlsx))
    text = joined(pdf)
    for value in PERSONAL:
        assert value not in cells, value
        assert value not in text, value
    alias = "Juré A" if language == "fr" else "Juror A"
    assert alias in cells and alias in text
    # What is not personal stays: refs, the sector, the decision's rationale and the description,
    # where the applicant's name, personal values and the jurors' names are replaced.
    juror_b = "Juré B" if language == "fr" else "Juror B"
    rationale = f"Projet solide de D02, selon {juror_b}"
    for kept in ("D01", "D04", "SaaS", rationale, "Porté par D01, tél. ***"):
        assert kept in cells
    assert rationale in text


def test_the_pseudonymised_workbook_ranks_as_the_plain_one(tmp_path: Path) -> None:
    campaign = make_campaign_file(tmp_path / "c.seldesk", _campaign())
    plain, pseudonymised = tmp_path / "plain.xlsx", tmp_path / "pseudo.xlsx"
    export_reports(campaign, xlsx=plain, language="en")
    export_reports(campaign, xlsx=pseudonymised, language="en", pseudonymise=True)
    assert _ranking(pseudonymised) == _ranking(plain)
    assert "Zorglubine" in "\n".join(_cells(plain))  # the plain export is the control


def test_letters_are_never_pseudonymised(tmp_path: Path) -> None:
    campaign = make_campaign_file(tmp_path / "c.seldesk", _campaign())
    with pytest.raises(InvalidInput) as caught:
        export_reports(campaign, letters=tmp_path / "letters", pseudonymise=True)
    assert caught.value.code == LETTERS_NOT_PSEUDONYMISED
    assert not (tmp_path / "letters").exists()
