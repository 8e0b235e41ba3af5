"""access-export (GDPR Art. 15): everything held about one applicant, jurors pseudonymised, no
juror's private comment, as JSON, the attachments and a PDF summary in French or English."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from selection_desk.cli import main
from selection_desk.services.decisions import record_decision
from selection_desk.services.feedback import approve_feedback
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file

NAME = "Zoé Canarilla"
PRIVATE = "PRIVATE-REMARK-of-the-committee"
DRAFT = "DRAFT-feedback-not-approved"
APPROVED = "Un projet clair, à développer."
CV = b"%PDF-1.4 the applicant's CV"


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    data = make_campaign_data()
    dossiers = tuple(
        replace(d, name=NAME, fields={"E-mail": "zoe@example.org"}) if d.ref == "D02" else d
        for d in data.dossiers
    )
    reviews = tuple(
        replace(r, comment=PRIVATE, feedback=DRAFT) if r.dossier == "D02" else r
        for r in data.reviews
    )
    path = make_campaign_file(
        tmp_path / "c.seldesk", replace(data, dossiers=dossiers, reviews=reviews)
    )
    with CampaignStore.open(path) as store:
        with store.transaction():
            store.write_attachment("D02", "cv.pdf", "application/pdf", CV)
        record_decision(store, "D02", "selected", rationale="Projet solide")
        approve_feedback(store, "D02", APPROVED)
    return path


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.parametrize(
    ("language", "title", "juror"),
    [("en", "Data held about you", "Juror A"), ("fr", "Données", "Juré A")],
)
def test_everything_about_the_applicant_and_nothing_private(
    campaign: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    language: str,
    title: str,
    juror: str,
) -> None:
    out = tmp_path / "access"
    code = main(["access-export", str(campaign), "D02", "--out", str(out), "--language", language])
    assert code == 0
    assert str(out / "D02-access.json") in capsys.readouterr().out
    content = json.loads((out / "D02-access.json").read_text(encoding="utf-8"))
    assert content["dossier"] == {
        "ref": "D02",
        "name": NAME,
        "fields": {"E-mail": "zoe@example.org"},
    }
    assert (out / "attachments" / "cv.pdf").read_bytes() == CV
    assert content["approved_feedback"] == APPROVED
    assert content["decision"]["outcome"] == "selected"
    assert {s["juror"] for s in content["scores"]} == {juror, juror[:-1] + "B", juror[:-1] + "C"}
    assert any(e["action"] == "decide" for e in content["audit"])
    raw = (out / "D02-access.json").read_text(encoding="utf-8")
    summary = _pdf_text(out / "D02-summary.pdf")
    for text in (raw, summary):
        assert PRIVATE not in text and DRAFT not in text
        assert "Juré 1" not in text and '"J1"' not in text and "Start-up 3" not in text
    assert title in summary and NAME in summary and APPROVED in summary and juror in summary
