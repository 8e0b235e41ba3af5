"""Attachments: names sanitised, types from content, archives checked, files matched."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from selection_desk.errors import InvalidInput
from selection_desk.formats import attachments, file_types
from selection_desk.formats.attachment_matching import DossierKeys, listed_file_names, match_files
from selection_desk.formats.attachments import CandidateFile, scan_attachment_source
from selection_desk.formats.file_types import sanitise_file_name, sniff
from tests.data.imports import generate


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Windows\\system32\\deck.pdf", "deck.pdf"),
        ("/absolute/deck.pdf", "deck.pdf"),
        ("deck\x07\x1b[31m.pdf", "deck [31m.pdf"),
        ('a<b>c:"d"|e?f*.pdf', "a_b_c__d__e_f_.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("  .hidden. ", "hidden"),
        ("..", "attachment"),
        ("x" * 300 + ".pdf", "x" * 176 + ".pdf"),
        ("Présentation\u200b équipe.pdf", "Présentation équipe.pdf"),
    ],
)
def test_file_names_are_sanitised(name: str, safe: str) -> None:
    assert sanitise_file_name(name) == safe


def test_types_come_from_content_not_extension() -> None:
    pdf = generate.minimal_pdf("x")
    assert sniff(pdf, "deck.docx").mime_type == "application/pdf"
    assert sniff(b"\x89PNG\r\n\x1a\n" + bytes(10), "deck.pdf").mime_type == "image/png"
    assert sniff(b"MZ\x90\x00" + bytes(100), "deck.pdf").refused_kind == "executable"
    assert sniff(b"#!/bin/sh\nrm -rf /\n", "deck.pdf").refused_kind == "script"
    assert sniff(b"<html><script>x</script></html>", "cv.txt").refused_kind == "web page"
    assert sniff(b"Lettre de motivation\n", "lettre").mime_type == "text/plain"
    assert sniff(bytes(range(256)), "x.bin") == file_types.Sniffed(None)


def test_office_documents_are_told_apart_inside_their_zip(tmp_path: Path) -> None:
    docx = tmp_path / "plan.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w/>")
    assert sniff(docx.read_bytes()).mime_type.endswith("wordprocessingml.document")  # type: ignore[union-attr]
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("a.txt", "x")
    assert sniff(plain.read_bytes()).refused_kind == "archive"


def test_a_folder_is_scanned_without_hidden_files_or_links(tmp_path: Path) -> None:
    folder = generate.write_attachment_folder(tmp_path / "pj")
    (folder / "CAND-003 deck.pdf").symlink_to("/etc/passwd")
    (folder / "vide.pdf").write_bytes(b"")
    source = scan_attachment_source(folder)
    names = sorted(candidate.original for candidate in source.files)
    assert ".DS_Store" not in names
    assert "CAND-002/photo equipe.png" in names
    rejected = {item.original: item.code for item in source.rejected}
    assert rejected == {"CAND-003 deck.pdf": "attachment_link", "vide.pdf": "attachment_empty"}


def test_a_zip_with_hostile_names_is_read_without_touching_the_disk(corpus: Path) -> None:
    source = scan_attachment_source(corpus / "attachments_hostile_names.zip")
    try:
        names = sorted(candidate.name for candidate in source.files)
        assert names == [
            "CAND-001 pitch deck.pdf",
            "CAND-003 deck.pdf",
            "CAND-004 [31m.pdf",
            "CAND-006 con.pdf",
        ]
        content = source.read(source.files[0])
        assert content.startswith(b"%PDF-")
    finally:
        source.close()


def test_a_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = generate.write_attachment_zip_bomb(tmp_path / "pj.zip")
    with pytest.raises(InvalidInput) as raised:
        scan_attachment_source(path)
    assert raised.value.code == "attachments_bomb"


def test_limits_on_count_and_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = generate.write_attachment_folder(tmp_path / "pj")
    monkeypatch.setattr(attachments, "MAX_FILES", 2)
    with pytest.raises(InvalidInput) as raised:
        scan_attachment_source(folder)
    assert raised.value.code == "attachments_too_many"
    monkeypatch.setattr(attachments, "MAX_FILES", 100)
    monkeypatch.setattr(attachments, "MAX_FILE_BYTES", 300)
    source = scan_attachment_source(folder)
    assert any(item.code == "attachment_too_large" for item in source.rejected)


def test_not_a_zip_and_missing(tmp_path: Path) -> None:
    text = tmp_path / "x.zip"
    text.write_text("hello", encoding="utf-8")
    for path, code in ((text, "attachments_not_zip"), (tmp_path / "no", "attachments_missing")):
        with pytest.raises(InvalidInput) as raised:
            scan_attachment_source(path)
        assert raised.value.code == code


def test_attachment_cells_name_files() -> None:
    assert listed_file_names("deck.pdf (https://dl.airtable.com/x/deck.pdf)") == ("deck.pdf",)
    assert listed_file_names("a.pdf, b.pdf\nc.pdf") == ("a.pdf", "b.pdf", "c.pdf")
    assert listed_file_names("https://example.org/files/plan%20d.pdf?dl=1") == ("plan d.pdf",)
    assert listed_file_names("https://drive.google.com/open?id=1AbC") == ()


def _file(original: str) -> CandidateFile:
    return CandidateFile(original, sanitise_file_name(original), 10)


def test_files_are_matched_by_column_then_reference_then_name() -> None:
    dossiers = [
        DossierKeys("D-01", "Éco-Logis", ("business plan v3.pdf",)),
        DossierKeys("D-02", "Eco", ()),
        DossierKeys("D-10", "Café Suspendu", ()),
        DossierKeys("2024", "Atelier", ()),
    ]
    files = [
        _file("business plan v3.pdf"),
        _file("D-10 deck.pdf"),
        _file("eco logis - pitch.pdf"),
        _file("deck 2024.pdf"),
        _file("2024 - deck.pdf"),
        _file("D-01 et D-02.pdf"),
        _file("règlement.pdf"),
    ]
    result = match_files(files, dossiers)
    matched = {(m.file.original, m.ref, m.by) for m in result.matches}
    assert matched == {
        ("business plan v3.pdf", "D-01", "column"),
        ("D-10 deck.pdf", "D-10", "ref"),
        ("eco logis - pitch.pdf", "D-01", "name"),
        ("2024 - deck.pdf", "2024", "ref"),
    }
    assert [(f.original, refs) for f, refs in result.ambiguous] == [
        ("D-01 et D-02.pdf", ("D-01", "D-02"))
    ]
    assert [f.original for f in result.unmatched] == ["deck 2024.pdf", "règlement.pdf"]


def test_a_dossier_folder_names_its_files() -> None:
    result = match_files([_file("D-07/deck.pdf")], [DossierKeys("D-07", "Alpha")])
    assert [(m.ref, m.by) for m in result.matches] == [("D-07", "ref")]


@pytest.mark.parametrize(
    ("damage", "reason"), [("checksum", "checksum"), ("data", "data"), ("larger", "checksum")]
)
def test_a_damaged_archive_member_is_a_typed_error_naming_archive_and_member(
    tmp_path: Path, damage: str, reason: str
) -> None:
    path = generate.write_damaged_attachment_zip(tmp_path / "pj.zip", damage)
    source = scan_attachment_source(path)
    try:
        good, damaged = sorted(source.files, key=lambda file: file.original)
        assert source.read(good).startswith(b"%PDF-")
        with pytest.raises(attachments.DamagedMember) as raised:
            source.read(damaged)
    finally:
        source.close()
    assert isinstance(raised.value, InvalidInput)
    assert (raised.value.member, raised.value.reason_code) == ("CAND-003 deck.pdf", reason)
    message = raised.value.message()
    assert str(path) in message and "CAND-003 deck.pdf" in message
    assert "{" not in message


def test_members_are_never_read_past_their_declared_size(tmp_path: Path) -> None:
    path = tmp_path / "pj.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("D1 deck.pdf", generate.minimal_pdf("x"))
    source = scan_attachment_source(path)
    try:
        [candidate] = source.files
        assert source._archive is not None
        # The archive's directory says 10 bytes; the member holds more: never more is read.
        info = source._archive.getinfo("D1 deck.pdf")
        info.file_size = 10
        with pytest.raises(attachments.DamagedMember):
            source.read(candidate)
    finally:
        source.close()


def test_a_pdf_is_what_a_pdf_parser_reads_not_a_marker_in_the_first_kilobyte() -> None:
    setup_exe = b"MZ\x90\x00" + bytes(60) + b"%PDF-1.7 " + bytes(2000)
    assert sniff(setup_exe, "setup.exe").refused_kind == "executable"
    text = b"Notes about the %PDF-1.4 format\n" * 10
    assert sniff(text, "notes.pdf").mime_type == "text/plain"
    assert sniff(b"%PDF-1.4 not really a document", "deck.pdf").mime_type == "text/plain"
    truncated = generate.minimal_pdf("x")[:60]
    assert sniff(truncated, "deck.pdf").mime_type != "application/pdf"
    assert file_types.opens_as_pdf(generate.minimal_pdf("x"))


def test_google_drive_downloads_are_matched_by_their_respondent() -> None:
    # Google Drive names a form's uploads “original name - Respondent Name.ext”; the respondent is
    # a person, the dossier a project: the person is one of the dossier's short answers.
    dossiers = [
        DossierKeys("A-1", "Éco-Logis", respondents=("Hélène Durand", "Besançon")),
        DossierKeys("A-2", "Atelier Nova", respondents=("Loïc Le Gall",)),
        DossierKeys("A-3", "Atelier Nova Lyon", respondents=("Loïc Le Gall",)),
    ]
    files = [
        _file("Pitch deck - Hélène Durand.pdf"),
        _file("Business plan - Loïc Le Gall.pdf"),
        _file("Hélène Durand.pdf"),
    ]
    result = match_files(files, dossiers)
    assert {(m.file.original, m.ref, m.by) for m in result.matches} == {
        ("Pitch deck - Hélène Durand.pdf", "A-1", "respondent")
    }
    assert [file.original for file, _refs in result.ambiguous] == [
        "Business plan - Loïc Le Gall.pdf"
    ]
    assert [file.original for file in result.unmatched] == ["Hélène Durand.pdf"]


def test_a_column_of_upload_links_is_an_attachment_column_whatever_its_header(
    corpus: Path,
) -> None:
    from selection_desk.formats.column_mapping import detect_mapping
    from selection_desk.formats.tabular_sources import read_source

    table = read_source(corpus / "tool_framaforms_fr.csv")
    assert detect_mapping(table).attachments == ("Dossier",)
    # Never fetched: the link stays the dossier's field, as written.
    assert next(iter(table.values("Dossier"))) == (
        "https://framaforms.org/system/files/webform/dossier-1.pdf"
    )
