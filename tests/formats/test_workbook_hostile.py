"""Files that are not what they claim, or are built to hurt, are refused with one clear problem."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from selection_desk.errors import ValidationFailed
from selection_desk.formats import safe_xlsx
from selection_desk.formats.campaign_workbook import read_campaign_workbook
from tests.formats.workbooks import WriteWorkbook, valid_sheets

OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")


def refusal(path: Path) -> str:
    """The code of the single problem the file is refused with; the problem names the file."""
    with pytest.raises(ValidationFailed) as raised:
        read_campaign_workbook(path)
    [problem] = raised.value.problems
    assert problem.file == str(path)
    assert str(path) in raised.value.message()
    return problem.code


@pytest.fixture
def openpyxl_must_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to parse a file refused beforehand")

    monkeypatch.setattr(safe_xlsx, "load_workbook", fail)


def test_openpyxl_parses_xml_through_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


def test_a_missing_file(tmp_path: Path) -> None:
    assert refusal(tmp_path / "nowhere.xlsx") == "workbook_missing"


def test_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert refusal(folder) == "workbook_unreadable"


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert refusal(path) == "workbook_empty"


def test_a_csv_renamed_xlsx(tmp_path: Path, openpyxl_must_not_run: None) -> None:
    path = tmp_path / "dossiers.xlsx"
    path.write_text("ref;nom\nD1;Alpha\n", encoding="cp1252")
    assert refusal(path) == "workbook_not_xlsx"


def test_a_zip_that_is_not_a_workbook(tmp_path: Path, openpyxl_must_not_run: None) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.txt", "not a spreadsheet")
    assert refusal(path) == "workbook_not_xlsx"


def test_a_password_protected_workbook(tmp_path: Path, openpyxl_must_not_run: None) -> None:
    # Excel saves an encrypted workbook as an OLE compound file whose directory (UTF-16 names)
    # holds an "EncryptionInfo" and an "EncryptedPackage" stream.
    header = OLE_SIGNATURE + bytes(504)
    directory = b"".join(
        name.encode("utf-16-le").ljust(64, b"\0") + bytes(64)
        for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage")
    )
    path = tmp_path / "protected.xlsx"
    path.write_bytes(header + bytes(2 * 1024 * 1024) + directory)  # directory past one chunk
    assert refusal(path) == "workbook_encrypted"


def test_an_old_xls_workbook(tmp_path: Path, openpyxl_must_not_run: None) -> None:
    directory = b"".join(name.encode("utf-16-le").ljust(128, b"\0") for name in ("Workbook",))
    path = tmp_path / "old.xls"
    path.write_bytes(OLE_SIGNATURE + bytes(504) + directory)
    assert refusal(path) == "workbook_legacy_xls"


def test_a_truncated_workbook(write_workbook: WriteWorkbook, openpyxl_must_not_run: None) -> None:
    path = write_workbook(valid_sheets())
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])
    assert refusal(path) == "workbook_corrupt"


def test_a_workbook_with_a_damaged_part(write_workbook: WriteWorkbook) -> None:
    path = write_workbook(valid_sheets())
    _replace_member(path, "xl/workbook.xml", b"<workbook><sheets><sheet name=")
    assert refusal(path) == "workbook_corrupt"


def test_a_workbook_with_a_damaged_sheet(write_workbook: WriteWorkbook) -> None:
    path = write_workbook(valid_sheets())
    _replace_member(path, "xl/worksheets/sheet2.xml", b"\x00\x01 not xml at all")
    assert refusal(path) == "workbook_corrupt"


def test_a_zip_bomb_is_refused_before_parsing(tmp_path: Path, openpyxl_must_not_run: None) -> None:
    """300 MB of zeros compress to about 300 kB: declared sizes are checked, nothing inflated."""
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            zeros = bytes(1024 * 1024)
            for _ in range(300):
                member.write(zeros)
    assert path.stat().st_size < 2 * 1024 * 1024
    assert refusal(path) == "workbook_too_large"


def test_a_member_compressed_too_well_is_refused(
    tmp_path: Path, openpyxl_must_not_run: None
) -> None:
    path = tmp_path / "ratio.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", bytes(3 * 1024 * 1024))
    assert refusal(path) == "workbook_suspicious"


def test_too_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe_xlsx, "MAX_MEMBERS", 5)
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for index in range(10):
            archive.writestr(f"part{index}.xml", "<x/>")
    assert refusal(path) == "workbook_too_large"


def test_too_many_cells(write_workbook: WriteWorkbook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe_xlsx, "MAX_CELLS", 20)
    assert refusal(write_workbook(valid_sheets())) == "workbook_too_large"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
"""


def test_an_xml_entity_bomb_in_a_sheet(write_workbook: WriteWorkbook) -> None:
    path = write_workbook(valid_sheets())
    sheet = _read_member(path, "xl/worksheets/sheet1.xml")
    body = sheet.split(b"?>", 1)[1] if sheet.startswith(b"<?xml") else sheet
    _replace_member(path, "xl/worksheets/sheet1.xml", BILLION_LAUGHS + body)
    assert refusal(path) == "workbook_forbidden_xml"


def test_an_xml_entity_bomb_in_the_workbook_part(write_workbook: WriteWorkbook) -> None:
    path = write_workbook(valid_sheets())
    types = _read_member(path, "[Content_Types].xml")
    body = types.split(b"?>", 1)[1] if types.startswith(b"<?xml") else types
    _replace_member(path, "[Content_Types].xml", BILLION_LAUGHS + body)
    assert refusal(path) == "workbook_forbidden_xml"


def _open_files() -> set[str]:
    folder = Path("/proc/self/fd")
    return {str(entry.readlink()) for entry in folder.iterdir() if entry.is_symlink()}


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to list open files")
def test_the_file_is_closed_after_reading(write_workbook: WriteWorkbook) -> None:
    good = write_workbook(valid_sheets(), "good.xlsx")
    read_campaign_workbook(good)
    sheets = valid_sheets()
    sheets["Scores"][1][3] = 99
    bad = write_workbook(sheets, "bad.xlsx")
    with pytest.raises(ValidationFailed):
        read_campaign_workbook(bad)
    damaged = write_workbook(valid_sheets(), "damaged.xlsx")
    _replace_member(damaged, "xl/worksheets/sheet2.xml", b"<broken")
    with pytest.raises(ValidationFailed):
        read_campaign_workbook(damaged)
    assert not {str(good), str(bad), str(damaged)} & _open_files()


def _read_member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def _replace_member(path: Path, name: str, content: bytes) -> None:
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    assert name in members
    members[name] = content
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member, data in members.items():
            target.writestr(member, data)
