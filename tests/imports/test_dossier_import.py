"""The dossier import use case: preview, write all or nothing, re-import, attachments, scores."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from selection_desk import i18n
from selection_desk.commands.importing import plan_json
from selection_desk.domain import Dossier
from selection_desk.errors import Cancelled, InvalidInput, ValidationFailed
from selection_desk.formats.column_mapping import ColumnMapping
from selection_desk.formats.tabular_sources import read_source
from selection_desk.progress import Progress
from selection_desk.services.dossier_import import (
    _update,
    apply_dossier_import,
    import_dossiers,
    plan_dossier_import,
    saved_mapping,
)
from selection_desk.services.dossier_import_plan import REJECTED
from selection_desk.services.import_report import describe_dossier_import, rejected_file_message
from selection_desk.services.import_source import DOSSIERS, SCORES, WORKBOOK, detect_source
from selection_desk.services.score_import import import_score_table
from selection_desk.storage import dossier_import as sql
from selection_desk.storage.store import CampaignStore
from tests.data.imports import generate
from tests.data.imports.generate import NAMES, REFS, write_csv
from tests.factories import make_campaign_file


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_french_excel_list_becomes_dossiers_with_every_field(
    empty_campaign: Path, corpus: Path
) -> None:
    with CampaignStore.open(empty_campaign) as store:
        report = import_dossiers(store, corpus / "excel_fr_cp1252.csv", actor="secretary")
        assert report.written
        dossiers = store.dossiers()
    assert [d.ref for d in dossiers] == list(REFS)
    assert [d.name for d in dossiers] == list(NAMES)
    first = dossiers[0]
    assert list(first.fields) == ["Porteur", "Ville", "Montant demandé", "Description"]
    assert first.fields["Ville"] == "Besançon"
    assert first.fields["Montant demandé"] == "45\u00a0000"


@pytest.mark.parametrize(
    "name",
    [
        "google_forms_fr.csv",
        "google_forms_fr.xlsx",
        "microsoft_forms.xlsx",
        "typeform.csv",
        "airtable.csv",
        "excel_fr_utf8_bom.csv",
        "excel_mac_roman.csv",
        "excel_unicode_text.txt",
        "title_row_above_header.xlsx",
    ],
)
def test_every_tool_export_imports_the_six_applicants(
    empty_campaign: Path, corpus: Path, name: str
) -> None:
    with CampaignStore.open(empty_campaign) as store:
        import_dossiers(store, corpus / name, actor="secretary")
        assert [d.name for d in store.dossiers()] == list(NAMES)


def test_generated_references_survive_a_reordered_export(
    empty_campaign: Path, corpus: Path
) -> None:
    rows = generate.google_forms_fr_rows()
    reordered = [rows[0], *reversed(rows[1:])]
    with CampaignStore.open(empty_campaign) as store:
        import_dossiers(store, corpus / "google_forms_fr.csv", actor="secretary")
        first = {d.name: d.ref for d in store.dossiers()}
        path = write_csv(
            empty_campaign.with_name("again.csv"), reordered, encoding="utf-8", delimiter=","
        )
        report = import_dossiers(store, path, actor="secretary")
        assert report.plan.counts()["unchanged"] == 6
        assert {d.name: d.ref for d in store.dossiers()} == first


def test_reimporting_a_newer_export_adds_updates_and_reports_missing(tmp_path: Path) -> None:
    campaign = make_campaign_file(tmp_path / "c.seldesk")  # D01..D04 with Secteur, Ville
    newer = _write(
        tmp_path / "newer.csv",
        "ref;name;Secteur;Ville;Site web\n"
        "D01;Start-up 1;SaaS;Toulouse;https://d01.fr\n"
        "D02;Start-up 2 (renommée);SaaS;Lyon;\n"
        "D05;Nouvelle;Santé;Nantes;\n",
    )
    with CampaignStore.open(campaign) as store:
        before_entries = len(store.audit_entries())
        report = import_dossiers(store, newer, actor="secretary")
        plan = report.plan
        assert [d.ref for d in plan.added] == ["D05"]
        assert [u.after.ref for u in plan.updated] == ["D01", "D02"]
        assert plan.missing == ("D03", "D04")
        changes = {
            u.after.ref: [(c.field, c.before, c.after) for c in u.changes] for u in plan.updated
        }
        assert changes["D01"] == [("Site web", None, "https://d01.fr")]
        assert changes["D02"] == [
            (None, "Start-up 2", "Start-up 2 (renommée)"),
            ("Ville", "Toulouse", "Lyon"),
        ]
        by_ref = {d.ref: d for d in store.dossiers()}
        # Missing dossiers are kept; positions: new ones after the existing ones.
        assert list(by_ref) == ["D01", "D02", "D03", "D04", "D05"]
        assert by_ref["D02"].fields == {"Secteur": "SaaS", "Ville": "Lyon", "Site web": ""}
        entries = store.audit_entries()[before_entries:]
        assert [e.action for e in entries] == ["dossier.update", "dossier.update", "import"]
        assert json.loads(entries[1].before or "") == {
            "name": "Start-up 2",
            "fields": {"Ville": "Toulouse"},
        }
        assert json.loads(entries[1].after or "") == {
            "name": "Start-up 2 (renommée)",
            "fields": {"Ville": "Lyon"},
        }
        summary = json.loads(entries[2].after or "")
        assert summary["added"] == ["D05"]
        assert summary["missing"] == ["D03", "D04"]
        assert summary["sha256"] == plan.sha256
        # The same file twice: nothing changes, nothing is audited.
        again = import_dossiers(store, newer, actor="secretary")
        assert not again.written
        assert again.plan.counts()["unchanged"] == 3
        assert len(store.audit_entries()) == before_entries + 3


def test_a_dry_run_writes_nothing(empty_campaign: Path, corpus: Path) -> None:
    with CampaignStore.open(empty_campaign) as store:
        report = import_dossiers(store, corpus / "typeform.csv", actor="x", dry_run=True)
        assert report.dry_run and not report.written
        assert report.plan.counts()["added"] == 6
        assert store.dossiers() == ()
        assert sql.saved_mapping_json(store) is None


@pytest.mark.parametrize(
    ("text", "row", "column", "code"),
    [
        ("ref;name\nD1;Alpha\nD2;Beta\nD1;Gamma\n", 4, "ref", "import_row_duplicate_ref"),
        ("ref;name\nD1;Alpha\n;Beta\n", 3, "ref", "import_row_empty_ref"),
        ("ref;name\nD1;Alpha\nD2;\n", 3, "name", "import_row_empty_name"),
        ("ref;name;Ville\nD1;Alpha;Lyon\nD2;Be\x00ta;Paris\n", 3, "name", "import_row_nul"),
    ],
)
def test_broken_rows_are_rejected_by_row_and_column_and_nothing_is_written(
    empty_campaign: Path, tmp_path: Path, text: str, row: int, column: str, code: str
) -> None:
    path = _write(tmp_path / "bad.csv", text)
    with CampaignStore.open(empty_campaign) as store:
        preview = import_dossiers(store, path, actor="x", dry_run=True)
        [problem] = preview.plan.rejected
        assert (problem.row, problem.column, problem.code) == (row, column, code)
        assert preview.plan.rows[row - 2].status == REJECTED
        with pytest.raises(ValidationFailed) as raised:
            import_dossiers(store, path, actor="x")
        assert raised.value.problems[0].row == row
        assert f"row {row}" in raised.value.message()
        assert store.dossiers() == ()
        skipped = import_dossiers(store, path, actor="x", skip_rejected=True)
        assert skipped.skipped_rows == (row,)
        assert "D1" in {d.ref for d in store.dossiers()}


def test_a_ten_megabyte_cell_rejects_its_row_only(empty_campaign: Path, tmp_path: Path) -> None:
    path = generate.write_huge_cell_csv(tmp_path / "huge.csv")
    with CampaignStore.open(empty_campaign) as store:
        plan = import_dossiers(store, path, actor="x", dry_run=True).plan
    [problem] = plan.rejected
    assert (problem.row, problem.column, problem.code) == (
        2,
        "Description",
        "import_row_cell_too_long",
    )
    assert [d.ref for d in plan.added] == ["D2"]


def test_duplicate_submissions_are_named_when_references_are_generated(
    empty_campaign: Path, tmp_path: Path
) -> None:
    path = _write(
        tmp_path / "forms.csv",
        "Horodateur,Adresse e-mail,Nom du projet\n"
        "01/03/2025 10:00:00,a@x.fr,Alpha\n"
        "02/03/2025 11:00:00,A@X.fr ,Alpha v2\n",
    )
    # Issue 19: a repeated submission is a choice, not a refusal (see test_repeated_submissions…).
    with CampaignStore.open(empty_campaign) as store:
        plan = import_dossiers(store, path, actor="x", dry_run=True).plan
    assert plan.rejected == ()
    assert [(r.email, r.rows, r.kept) for r in plan.repeated] == [("a@x.fr", (2, 3), (3,))]
    assert [dossier.name for dossier in plan.added] == ["Alpha v2"]


def test_duplicate_column_names_are_both_kept_and_noted(empty_campaign: Path, corpus: Path) -> None:
    with CampaignStore.open(empty_campaign) as store:
        report = import_dossiers(store, corpus / "hostile_duplicate_columns.csv", actor="x")
        [dossier] = store.dossiers()
    assert dossier.fields == {"Commentaire": "premier", "Commentaire (2)": "second"}
    assert [note.code for note in report.plan.notes] == ["import_duplicate_header"]


def test_formulas_are_stored_as_their_cached_values_and_text_stays_text(
    empty_campaign: Path, corpus: Path
) -> None:
    with CampaignStore.open(empty_campaign) as store:
        import_dossiers(store, corpus / "hostile_formulas.xlsx", actor="x")
        dossiers = {d.ref: d for d in store.dossiers()}
    assert dossiers["D1"].fields == {"Total": "42"}
    assert dossiers["D2"].name == "=cmd|' /C calc'!A0"
    assert dossiers["D2"].fields == {"Total": ""}


def test_the_mapping_is_saved_and_reused(empty_campaign: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "Numéro;Intitulé;Ville\nN1;Alpha;Lyon\n")
    mapping = ColumnMapping(ref="Numéro", name="Intitulé")
    with CampaignStore.open(empty_campaign) as store:
        import_dossiers(store, path, mapping=mapping, actor="x")
        assert saved_mapping(store) == mapping
        newer = _write(tmp_path / "b.csv", "Numéro;Intitulé;Ville\nN1;Alpha;Paris\nN2;Beta;Nice\n")
        report = import_dossiers(store, newer, actor="x")
    assert report.plan.mapping_origin == "saved"
    assert report.plan.counts() | {} == {
        "rows": 2,
        "added": 1,
        "updated": 1,
        "unchanged": 0,
        "rejected": 0,
        "missing": 0,
    }


def test_a_list_without_a_name_column_is_refused(empty_campaign: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "Réf;Ville\nD1;Lyon\n")
    with CampaignStore.open(empty_campaign) as store, pytest.raises(ValidationFailed) as raised:
        import_dossiers(store, path, actor="x")
    assert raised.value.problems[0].code == "mapping_no_name"


def test_a_cancelled_import_writes_nothing(empty_campaign: Path, tmp_path: Path) -> None:
    path = generate.write_many_rows_csv(tmp_path / "many.csv", 3000)
    with CampaignStore.open(empty_campaign) as store:
        plan = plan_dossier_import(store, read_source(path))
        progress = Progress(lambda done, total, message: progress.cancel() if done else None)
        with pytest.raises(Cancelled):
            apply_dossier_import(store, plan, actor="x", progress=progress)
        assert store.dossiers() == ()
        assert store.audit_entries()[-1].action == "create"


def test_a_plan_made_before_another_change_is_refused(empty_campaign: Path, corpus: Path) -> None:
    with CampaignStore.open(empty_campaign) as store:
        plan = plan_dossier_import(store, read_source(corpus / "typeform.csv"))
        import_dossiers(store, corpus / "excel_fr_cp1252.csv", actor="x")
        with pytest.raises(InvalidInput) as raised:
            apply_dossier_import(store, plan, actor="x")
    assert raised.value.code == "import_stale_plan"


def test_a_hundred_thousand_rows_import_with_progress(empty_campaign: Path, tmp_path: Path) -> None:
    path = generate.write_many_rows_csv(tmp_path / "many.csv", 100_000)
    steps: list[int] = []
    with CampaignStore.open(empty_campaign) as store:
        report = import_dossiers(
            store, path, actor="x", progress=Progress(lambda done, total, _m: steps.append(done))
        )
        assert report.plan.counts()["added"] == 100_000
        count = store.db.execute("SELECT count(*) FROM dossier").fetchone()[0]
    assert count == 100_000
    assert len(steps) > 100


def test_attachments_are_stored_by_content_and_unmatched_files_reported(
    empty_campaign: Path, corpus: Path
) -> None:
    with CampaignStore.open(empty_campaign) as store:
        report = import_dossiers(
            store, corpus / "airtable.csv", attachments=corpus / "attachments", actor="x"
        )
        plan = report.plan.attachments
        assert plan is not None
        stored = {(p.ref, p.file_name, p.matched_by) for p in plan.stored}
        refs = {
            a["name"]: r.ref for a, r in zip(generate.APPLICANTS, report.plan.added, strict=True)
        }
        assert (refs["Éco-Logis"], "CAND-001 pitch deck.pdf", "column") in stored
        assert (refs["Café Suspendu"], "deck-cafe.pdf", "column") in stored
        assert "reglement du concours.pdf" in plan.unmatched
        assert plan.rejected == ()  # the program disguised as a PDF matches nobody here
        attachments = store.attachments(refs["Éco-Logis"])
        assert [a.mime_type for a in attachments] == ["application/pdf"]
        content = store.attachment_content(attachments[0].sha256)
        assert content == (corpus / "attachments" / "CAND-001 pitch deck.pdf").read_bytes()
        again = import_dossiers(
            store, corpus / "airtable.csv", attachments=corpus / "attachments", actor="x"
        )
        assert again.plan.attachments is not None
        assert again.plan.attachments.stored == ()
        assert again.plan.attachments.unchanged == len(plan.stored)
        assert not again.written


def test_a_pdf_without_extension_gets_one(empty_campaign: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pj"
    folder.mkdir()
    (folder / "D1 deck").write_bytes(generate.minimal_pdf("x"))
    (folder / "D1 photo.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    path = _write(tmp_path / "a.csv", "ref;name\nD1;Alpha\n")
    with CampaignStore.open(empty_campaign) as store:
        import_dossiers(store, path, attachments=folder, actor="x")
        names = sorted(a.file_name for a in store.attachments("D1"))
    assert names == ["D1 deck.pdf", "D1 photo.pdf.png"]


def test_json_report_is_stable(empty_campaign: Path, corpus: Path) -> None:
    with CampaignStore.open(empty_campaign) as store:
        report = import_dossiers(
            store, corpus / "hostile_duplicate_refs.csv", actor="x", dry_run=True
        )
    data = plan_json(report)
    assert set(data) == {
        "source",
        "kind",
        "dry_run",
        "written",
        "sha256",
        "table",
        "mapping",
        "counts",
        "added",
        "updated",
        "rejected",
        "skipped_rows",
        "repeated",
        "missing",
        "notes",
    }
    assert data["rejected"][0]["row"] == 4
    assert data["mapping"]["origin"] == "detected"


# --- Score files -------------------------------------------------------------------------------


def test_a_french_score_file_imports_with_decimal_commas(tmp_path: Path, corpus: Path) -> None:
    campaign = make_campaign_file(tmp_path / "c.seldesk")
    detected = detect_source(corpus / "scores_fr.csv")
    assert detected.kind == SCORES
    assert detected.table is not None
    with CampaignStore.open(campaign) as store:
        before = {(s.juror, s.dossier, s.criterion): s for s in store.scores()}
        report = import_score_table(store, detected.table, actor="x")
        assert report.written
        after = {(s.juror, s.dossier, s.criterion): s for s in store.scores()}
    changed = after[("J2", "D01", "TEAM")]
    assert (changed.value, changed.comment) == (4.5, "Équipe solide")
    assert changed.revision == before[("J2", "D01", "TEAM")].revision + 1
    assert after[("J2", "D02", "MARKET")].value == 2.5


def test_an_english_xlsx_score_file_imports_with_its_statuses(tmp_path: Path, corpus: Path) -> None:
    campaign = make_campaign_file(tmp_path / "c.seldesk")
    detected = detect_source(corpus / "scores_en.xlsx")
    assert detected.kind == SCORES and detected.table is not None
    with CampaignStore.open(campaign) as store:
        report = import_score_table(store, detected.table, actor="x")
        assert report.written
        team, market = (
            store.score_value("J3", "D01", "TEAM"),
            store.score_value("J3", "D01", "MARKET"),
        )
        assert team is not None and (team.value, team.comment) == (3.0, "ok")
        assert market is not None and market.value == 4.0
        review = store.review("J3", "D01")
        assert review is not None and review.status.value == "final"
        entries = len(store.audit_entries())
        # The same file again changes nothing.
        assert not import_score_table(store, detected.table, actor="x").written
        assert len(store.audit_entries()) == entries


def test_score_files_are_validated_like_the_campaign_workbook(tmp_path: Path) -> None:
    campaign = make_campaign_file(tmp_path / "c.seldesk")
    path = _write(
        tmp_path / "notes.csv",
        "dossier;juré;critère;note\nD01;J9;TEAM;3\nD02;J2;TEAM;7\nD01;J1;TEAM;2\n",
    )
    detected = detect_source(path)
    assert detected.table is not None
    with CampaignStore.open(campaign) as store, pytest.raises(ValidationFailed) as raised:
        import_score_table(store, detected.table, actor="x")
    codes = [(p.row, p.code) for p in raised.value.problems]
    assert codes == [
        (2, "score_file_unknown_juror"),
        (3, "workbook_score_outside_scale"),
        (4, "workbook_conflicted_score"),
    ]
    assert raised.value.problems[0].column == "juré"
    # A CSV has no sheet: the file is named, and the jurors are the campaign's.
    assert all(problem.sheet is None for problem in raised.value.problems)
    with i18n.language("fr"):
        message = raised.value.message()
    assert "La campagne n’a pas de juré « J9 »" in message
    assert "feuille" not in message


def test_numbers_in_messages_follow_the_language(tmp_path: Path) -> None:
    campaign = make_campaign_file(tmp_path / "c.seldesk")
    path = _write(tmp_path / "long.csv", "ref;name;Texte\nX1;Alpha;" + "x" * 123_456 + "\n")
    with CampaignStore.open(campaign) as store:
        plan = plan_dossier_import(store, read_source(path))
    [problem] = plan.rejected
    with i18n.language("fr"):
        assert "123\u202f456 caractères ; 100\u202f000 au plus" in problem.message()
    with i18n.language("en"):
        assert "123,456 characters; at most 100,000" in problem.message()


def test_detecting_what_a_file_is(tmp_path: Path, corpus: Path) -> None:
    from tests.formats.workbooks import save_workbook, valid_sheets

    workbook = save_workbook(valid_sheets(), tmp_path / "w.xlsx")
    assert detect_source(workbook).kind == WORKBOOK
    assert detect_source(corpus / "scores_en.xlsx").kind == SCORES
    assert detect_source(corpus / "typeform.csv").kind == DOSSIERS


def test_existing_dossier_fields_are_never_lost() -> None:
    before = Dossier("D1", "Alpha", {"Secteur": "SaaS", "Note interne": "à voir"})
    incoming = Dossier("D1", "Alpha", {"Secteur": "Santé"})
    update = _update(before, incoming, 2)
    assert update is not None
    assert update.after.fields == {"Secteur": "Santé", "Note interne": "à voir"}


def test_a_program_disguised_as_a_pdf_is_refused(empty_campaign: Path, corpus: Path) -> None:
    with CampaignStore.open(empty_campaign) as store:
        report = import_dossiers(
            store, corpus / "excel_fr_cp1252.csv", attachments=corpus / "attachments", actor="x"
        )
        plan = report.plan.attachments
        assert plan is not None
        assert {r.original: r.code for r in plan.rejected} == {
            "CAND-005 business plan.pdf": "attachment_forbidden_type"
        }
        assert "a program" in rejected_file_message(plan.rejected[0])
        assert store.attachments("CAND-005") == ()
        assert [a.file_name for a in store.attachments("CAND-002")] == [
            "Fabrique a Velos - business plan.pdf",
            "photo equipe.png",
        ]


def test_a_damaged_member_of_the_attachments_zip_is_reported_not_a_crash(
    empty_campaign: Path, corpus: Path, tmp_path: Path
) -> None:
    archive = generate.write_damaged_attachment_zip(tmp_path / "pj.zip", "data")
    with CampaignStore.open(empty_campaign) as store:
        report = import_dossiers(
            store, corpus / "excel_fr_cp1252.csv", attachments=archive, actor="x"
        )
        plan = report.plan.attachments
        assert plan is not None
        assert [(p.ref, p.file_name) for p in plan.stored] == [
            ("CAND-001", "CAND-001 pitch deck.pdf")
        ]
        [rejected] = plan.rejected
        assert rejected.original == "CAND-003 deck.pdf"
        assert "damaged" in rejected_file_message(rejected)
        assert "CAND-003 deck.pdf" in describe_dossier_import(report)
        assert store.attachments("CAND-003") == ()


def test_an_archive_damaged_after_the_preview_writes_nothing(
    empty_campaign: Path, corpus: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "pj.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("CAND-001 pitch deck.pdf", generate.minimal_pdf("Eco-Logis"))
        target.writestr(
            "CAND-003 deck.pdf", generate.minimal_pdf("Cafe Suspendu") + b"%" + b"padding " * 200
        )
    with CampaignStore.open(empty_campaign) as store:
        table = read_source(corpus / "excel_fr_cp1252.csv")
        plan = plan_dossier_import(store, table, attachments=archive)
        assert plan.attachments is not None and len(plan.attachments.stored) == 2
        generate.write_damaged_attachment_zip(archive, "checksum")
        with pytest.raises(InvalidInput) as raised:
            apply_dossier_import(store, plan, actor="x")
        assert str(archive) in raised.value.message()
        assert "CAND-003 deck.pdf" in raised.value.message()
        assert store.dossiers() == ()


def test_two_applicants_with_the_same_name_both_import_and_keep_their_references(
    empty_campaign: Path, tmp_path: Path
) -> None:
    first = _write(
        tmp_path / "week1.csv",
        "Horodateur,Nom du projet,Ville\n"
        "01/03/2025 10:00:00,Atelier Nova,Lyon\n"
        "02/03/2025 11:00:00,Atelier Nova,Brest\n",
    )
    with CampaignStore.open(empty_campaign) as store:
        import_dossiers(store, first, actor="x")
        refs = {dossier.fields["Ville"]: dossier.ref for dossier in store.dossiers()}
    assert len(set(refs.values())) == 2
    # A week later: one more row, the others in another order, one edited.
    grown = _write(
        tmp_path / "week2.csv",
        "Horodateur,Nom du projet,Ville\n"
        "03/03/2025 09:00:00,Atelier Nova,Nantes\n"
        "02/03/2025 11:00:00,Atelier Nova,Brest (29)\n"
        "01/03/2025 10:00:00,Atelier Nova,Lyon\n",
    )
    with CampaignStore.open(empty_campaign) as store:
        plan = import_dossiers(store, grown, actor="x", dry_run=True).plan
    assert plan.counts()["added"] == 1 and not plan.rejected
    assert [update.after.ref for update in plan.updated] == [refs["Brest"]]
    assert plan.unchanged == (refs["Lyon"],)


def test_same_names_without_e_mail_or_time_import_from_their_whole_row(
    empty_campaign: Path, tmp_path: Path
) -> None:
    path = _write(
        tmp_path / "list.csv", "Nom du projet;Ville\nAtelier Nova;Lyon\nAtelier Nova;Brest\n"
    )
    with CampaignStore.open(empty_campaign) as store:
        import_dossiers(store, path, actor="x")
        assert [dossier.name for dossier in store.dossiers()] == ["Atelier Nova"] * 2


def test_references_once_made_from_the_name_alone_are_found_again(
    empty_campaign: Path, tmp_path: Path
) -> None:
    from selection_desk.formats.column_mapping import generated_ref, name_only_key

    earlier = generated_ref(name_only_key("Alpha"))
    with CampaignStore.open(empty_campaign) as store:
        store.write_dossiers([Dossier(earlier, "Alpha", {"Ville": "Lyon"})], {earlier: 1})
    path = _write(tmp_path / "list.csv", "Nom du projet;Ville\nAlpha;Lyon\nBeta;Brest\n")
    with CampaignStore.open(empty_campaign) as store:
        plan = import_dossiers(store, path, actor="x", dry_run=True).plan
    assert plan.unchanged == (earlier,)
    assert plan.counts()["added"] == 1


def test_repeated_submissions_are_a_choice_latest_all_or_picked(
    empty_campaign: Path, tmp_path: Path
) -> None:
    from selection_desk.services.dossier_import_plan import KEEP_ALL, KEEP_PICKED, RepeatChoice

    path = _write(
        tmp_path / "forms.csv",
        "Horodateur,Adresse e-mail,Nom du projet\n"
        "01/03/2025 10:00:00,a@x.fr,Alpha\n"
        "02/03/2025 11:00:00,b@x.fr,Beta\n"
        "03/03/2025 12:00:00,a@x.fr,Alpha v2\n"
        "04/03/2025 13:00:00,A@x.fr,Alpha v3\n",
    )

    def names(repeats: RepeatChoice) -> list[str]:
        with CampaignStore.open(empty_campaign) as store:
            plan = import_dossiers(store, path, actor="x", dry_run=True, repeats=repeats).plan
        assert plan.rejected == ()
        return [dossier.name for dossier in plan.added]

    assert names(RepeatChoice()) == ["Beta", "Alpha v3"]
    assert names(RepeatChoice(KEEP_ALL)) == ["Alpha", "Beta", "Alpha v2", "Alpha v3"]
    assert names(RepeatChoice(KEEP_PICKED, frozenset({4}))) == ["Beta", "Alpha v2"]
    with CampaignStore.open(empty_campaign) as store:
        report = import_dossiers(store, path, actor="x", dry_run=True)
    assert report.plan.set_aside_rows == (2, 4)
    assert "a@x.fr submitted on rows 2, 4, 5: kept row(s) 5" in describe_dossier_import(report)


def test_keeping_all_submissions_gives_stable_references(
    empty_campaign: Path, tmp_path: Path
) -> None:
    from selection_desk.services.dossier_import_plan import KEEP_ALL, RepeatChoice

    header = "Horodateur,Adresse e-mail,Nom du projet\n"
    rows = ["01/03/2025 10:00:00,a@x.fr,Alpha\n", "03/03/2025 12:00:00,a@x.fr,Alpha v2\n"]
    first = _write(tmp_path / "w1.csv", header + "".join(rows))
    grown = _write(
        tmp_path / "w2.csv", header + "".join(rows) + "05/03/2025 09:00:00,c@x.fr,Gamma\n"
    )
    keep_all = RepeatChoice(KEEP_ALL)
    with CampaignStore.open(empty_campaign) as store:
        import_dossiers(store, first, actor="x", repeats=keep_all)
        plan = import_dossiers(store, grown, actor="x", dry_run=True, repeats=keep_all).plan
    assert (plan.counts()["added"], plan.counts()["unchanged"]) == (1, 2)


def test_a_google_drive_download_of_the_uploads_is_filed_by_respondent(
    empty_campaign: Path, tmp_path: Path
) -> None:
    source = _write(
        tmp_path / "responses.csv",
        "Timestamp,Email Address,Company name,Your name,Upload your pitch deck\n"
        "3/7/2026 14:02:10,h@eco.fr,Éco-Logis,Hélène Durand,https://drive.google.com/open?id=1a\n"
        "3/8/2026 09:00:00,l@velo.fr,Fabrique à Vélos,Loïc Le Gall,https://drive.google.com/open?id=2b\n",
    )
    folder = tmp_path / "Upload your pitch deck (File responses)"
    folder.mkdir()
    (folder / "Pitch deck v3 - Hélène Durand.pdf").write_bytes(generate.minimal_pdf("a"))
    (folder / "BP - Loïc Le Gall.pdf").write_bytes(generate.minimal_pdf("b"))
    with CampaignStore.open(empty_campaign) as store:
        plan = import_dossiers(store, source, attachments=folder, actor="x", dry_run=True).plan
    assert plan.mapping.attachments == ("Upload your pitch deck",)
    names = {dossier.ref: dossier.name for dossier in plan.added}
    assert plan.attachments is not None
    assert {(names[p.ref], p.matched_by) for p in plan.attachments.stored} == {
        ("Éco-Logis", "respondent"),
        ("Fabrique à Vélos", "respondent"),
    }
