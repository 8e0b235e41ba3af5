"""Letters carry only the feedback the secretary approved: never a juror's private comment, never
a juror's name, never a feedback the secretary did not approve (design §11, issue 18)."""

from __future__ import annotations

import json
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.cli import main
from selection_desk.domain import CampaignData
from selection_desk.services.feedback import approve_feedback, feedback_drafts, withdraw_approval
from selection_desk.services.reporting import export_reports
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file
from tests.reports.pdf_text import joined

APPROVED = "Un projet clair : testez le marché tôt."


def _canary(kind: str, *parts: str) -> str:
    return f"CANARY{kind}{''.join(parts)}X"


def _canaried_campaign() -> CampaignData:
    """Every text a juror writes holds a canary: criterion comments, review comments, the
    jurors' own (unapproved) feedback; and every juror's name is a canary."""
    data = make_campaign_data(dossiers=4, jurors=3)
    jurors = tuple(replace(j, name=_canary("NAME", j.code)) for j in data.jurors)
    scores = tuple(
        replace(s, comment=_canary("CRIT", s.juror, s.dossier, s.criterion)) for s in data.scores
    )
    reviews = tuple(
        replace(
            r,
            comment=_canary("PRIV", r.juror, r.dossier),
            feedback=_canary("FEED", r.juror, r.dossier),
        )
        for r in data.reviews
    )
    return replace(data, jurors=jurors, scores=scores, reviews=reviews)


def _pdf_text_and_bytes(path: Path) -> str:
    """The letter's extracted text, its raw bytes and its inflated streams, all as one text."""
    raw = path.read_bytes()
    inflated: list[bytes] = []
    for chunk in raw.split(b"stream")[1:]:
        try:
            inflated.append(zlib.decompress(chunk.lstrip(b"\r\n")))
        except zlib.error:
            continue
    return "\n".join(
        [joined(path), raw.decode("latin-1"), *(b.decode("latin-1") for b in inflated)]
    )


def test_letters_hold_no_private_comment_no_juror_name_and_only_approved_feedback(
    tmp_path: Path,
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk", _canaried_campaign())
    with CampaignStore.open(path) as store:
        drafts = {draft.dossier: draft for draft in feedback_drafts(store)}
        # The secretary reads the jurors' feedback, edits it and approves D02's only.
        assert "CANARYFEEDJ2D02X" in drafts["D02"].proposed
        assert all("PRIV" not in draft.proposed for draft in drafts.values())
        approve_feedback(store, "D02", APPROVED)
    files = export_reports(path, letters=tmp_path / "letters", language="fr").files
    assert len(files) == 4
    for letter in files:
        content = _pdf_text_and_bytes(letter)
        assert "CANARY" not in content, letter.name
    assert APPROVED in " ".join(joined(files[1]).split())
    assert APPROVED not in joined(files[2])


def test_an_approval_is_audited_edited_and_withdrawn(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk", _canaried_campaign())
    with CampaignStore.open(path) as store:
        approve_feedback(store, "D03", "  Premier texte.  ")
        approve_feedback(store, "D03", "Premier texte.")  # same text: nothing new
        approve_feedback(store, "D03", "Texte revu.")
        [draft] = [d for d in feedback_drafts(store) if d.dossier == "D03"]
        assert draft.approved is not None and draft.proposed == "Texte revu."
        assert withdraw_approval(store, "D03") and not withdraw_approval(store, "D03")
        actions = [e.action for e in store.audit_entries() if e.entity == "feedback:D03"]
    assert actions == ["approve_feedback", "approve_feedback", "withdraw_feedback"]
    files = export_reports(path, letters=tmp_path / "letters", language="en").files
    assert "The committee has no written feedback to add." in joined(files[2])


def test_the_feedback_command_lists_approves_and_withdraws(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk", _canaried_campaign())
    assert main(["--lang", "en", "feedback", str(path), "D02", "--approve"]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "feedback", str(path), "D03", "--approve", "--text", "Bravo"]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "feedback", str(path), "--json"]) == 0
    listed = {d["dossier"]: d for d in json.loads(capsys.readouterr().out)}
    assert listed["D02"]["approved"] == "\n\n".join(listed["D02"]["jurors_feedback"])
    assert listed["D03"]["approved"] == "Bravo" and listed["D04"]["approved"] is None
    assert all("PRIV" not in json.dumps(d) for d in listed.values())
    assert main(["--lang", "en", "feedback", str(path), "D03", "--withdraw", "--json"]) == 0
    after = {d["dossier"]: d for d in json.loads(capsys.readouterr().out)}
    assert after["D03"]["approved"] is None
    assert main(["--lang", "en", "feedback", str(path), "D03"]) == 2  # a ref without an action
