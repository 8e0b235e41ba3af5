"""Builds the import test corpus: real-looking exports of web form tools, and hostile files.

Run ``.venv/bin/python -m tests.data.imports.generate`` to (re)write the small files kept beside
this script; the tests also call the ``write_*`` functions to build large files (100,000 rows,
a 10 MB cell, bombs) in their own temporary folders.  The content of every file is fixed (only
archive timestamps differ between runs).

The applicants are the same six start-ups in every export, so that the tests can check that each
tool's file gives the same dossiers: names with accents, a multi-line answer, an e-mail each.
"""

from __future__ import annotations

import codecs
import io
import sys
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl

HERE = Path(__file__).resolve().parent

Row = Sequence[object]


# --- The applicants ------------------------------------------------------------------------------

APPLICANTS: tuple[dict[str, object], ...] = (
    {
        "ref": "CAND-001",
        "name": "Éco-Logis",
        "email": "helene.durand@eco-logis.fr",
        "founder": "Hélène Durand",
        "city": "Besançon",
        "sector": "Bâtiment durable",
        "amount": 45000,
        "pitch": "Rénovation énergétique « clé en main »\npour les copropriétés.",
        "deck": "CAND-001 pitch deck.pdf",
        "submitted": datetime(2025, 3, 3, 9, 15, 2),
    },
    {
        "ref": "CAND-002",
        "name": "Fabrique à Vélos",
        "email": "contact@fabrique-velos.fr",
        "founder": "Loïc Le Gall",
        "city": "Saint-Brieuc",
        "sector": "Mobilité",
        "amount": 30000,
        "pitch": "Vélos cargo réparables, pièces ouvertes.",
        "deck": "Fabrique a Velos - business plan.pdf",
        "submitted": datetime(2025, 3, 4, 14, 2, 40),
    },
    {
        "ref": "CAND-003",
        "name": "Café Suspendu",
        "email": "noemie@cafe-suspendu.org",
        "founder": "Noémie Nguyên",
        "city": "Lille",
        "sector": "Économie sociale",
        "amount": 12500,
        "pitch": "Un café payé d'avance pour qui en a besoin ; 3 lieux pilotes.",
        "deck": "deck-cafe.pdf",
        "submitted": datetime(2025, 3, 5, 8, 0, 0),
    },
    {
        "ref": "CAND-004",
        "name": "Œnologie Connectée",
        "email": "francois@oeno.io",
        "founder": "François Çelik",
        "city": "Mâcon",
        "sector": "AgriTech",
        "amount": 80000,
        "pitch": 'Capteurs de cuve ; alertes "temps réel".',
        "deck": "CAND-004.pdf",
        "submitted": datetime(2025, 3, 6, 17, 45, 9),
    },
    {
        "ref": "CAND-005",
        "name": "Læti Santé",
        "email": "laetitia@laeti-sante.fr",
        "founder": "Lætitia Brûlé",
        "city": "Orléans",
        "sector": "Santé",
        "amount": 60000,
        "pitch": "Téléconsultation pour les EHPAD,\nen 3 étapes :\n1) écoute ; 2) tri ; 3) suivi.",
        "deck": "",
        "submitted": datetime(2025, 3, 7, 11, 30, 0),
    },
    {
        "ref": "CAND-006",
        "name": "Atelier 21",
        "email": "bonjour@atelier21.fr",
        "founder": "Zoé Martin-Lefèvre",
        "city": "Nîmes",
        "sector": "Artisanat",
        "amount": 15000.5,
        "pitch": "Mobilier en bois local — 100 % réparable.",
        "deck": "atelier 21 présentation.pdf",
        "submitted": datetime(2025, 3, 8, 20, 12, 55),
    },
)

NAMES = tuple(str(a["name"]) for a in APPLICANTS)
REFS = tuple(str(a["ref"]) for a in APPLICANTS)


def _french_amount(value: object) -> str:
    number = float(value)  # type: ignore[arg-type]
    text = f"{number:,.2f}" if not number.is_integer() else f"{int(number):,}"
    return text.replace(",", "\u00a0").replace(".", ",")


# --- Writers -------------------------------------------------------------------------------------


def write_csv(
    path: Path, rows: Sequence[Row], *, encoding: str, delimiter: str, newline: str = "\r\n"
) -> Path:
    """Quotes only fields that need it, as Excel and form tools do."""
    lines = []
    for row in rows:
        fields = []
        for value in row:
            text = "" if value is None else str(value)
            if any(char in text for char in (delimiter, '"', "\n", "\r")):
                text = '"' + text.replace('"', '""') + '"'
            fields.append(text)
        lines.append(delimiter.join(fields))
    data = (newline.join(lines) + newline).encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    path.write_bytes(data)
    return path


def write_xlsx(path: Path, rows: Sequence[Row], title: str = "Sheet1") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_ods(path: Path, rows: Sequence[Row], title: str = "Feuille1") -> Path:
    """A LibreOffice spreadsheet, as LibreOffice writes it: typed cells, repeated empty columns and
    rows at the end, a formula with its cached value."""
    body = [f'<table:table table:name="{escape(title)}">']
    body.append('<table:table-column table:number-columns-repeated="1024"/>')
    for row in rows:
        body.append("<table:table-row>")
        for value in row:
            body.append(_ods_cell(value))
        body.append('<table:table-cell table:number-columns-repeated="1016"/>')
        body.append("</table:table-row>")
    body.append(
        '<table:table-row table:number-rows-repeated="1048000">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    body.append("</table:table>")
    _write_ods_archive(path, "".join(body))
    return path


def _ods_cell(value: object) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, datetime):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value:%d/%m/%Y %H:%M:%S}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    text = str(value)
    if text.startswith("="):  # a formula: LibreOffice stores its result beside it
        return (
            f'<table:table-cell table:formula="of:{escape(text)}" office:value-type="float" '
            'office:value="42"><text:p>42</text:p></table:table-cell>'
        )
    paragraphs = "".join(
        "<text:p>" + escape(line).replace("  ", ' <text:s text:c="1"/>') + "</text:p>"
        for line in text.split("\n")
    )
    return f'<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>'


def _write_ods_archive(path: Path, table_xml: str) -> None:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:spreadsheet>{table_xml}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            "</manifest:manifest>",
        )


def write_raw_xlsx(path: Path, sheet_xml: str, shared_strings: Sequence[str] = ()) -> Path:
    """A minimal workbook written part by part, for what openpyxl cannot write: formulas with a
    cached value (as Excel saves them) and formulas without one."""
    strings = "".join(f"<si><t>{escape(text)}</t></si>" for text in shared_strings)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Réponses" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/sharedStrings.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{strings}</sst>"
        ),
        "xl/worksheets/sheet1.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{sheet_xml}</sheetData></worksheet>"
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def minimal_pdf(title: str) -> bytes:
    """A one-page PDF that QtPdf and pdftotext open, showing ``title`` (ASCII)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


# --- The exports of each tool --------------------------------------------------------------------


def google_forms_fr_rows() -> list[list[object]]:
    """Google Forms → Sheets → “Télécharger au format CSV”: a timestamp first, the e-mail the form
    collected, then the questions as headers; file uploads are Drive links."""
    rows: list[list[object]] = [
        [
            "Horodateur",
            "Adresse e-mail",
            "Quel est le nom de votre start-up ?",
            "Nom et prénom du porteur de projet",
            "Ville",
            "Décrivez votre projet en quelques lignes",
            "Montant demandé (€)",
            "Déposez votre pitch deck (PDF)",
        ]
    ]
    for index, a in enumerate(APPLICANTS):
        submitted = a["submitted"]
        assert isinstance(submitted, datetime)
        rows.append(
            [
                f"{submitted:%d/%m/%Y %H:%M:%S}",
                a["email"],
                a["name"],
                a["founder"],
                a["city"],
                a["pitch"],
                a["amount"],
                f"https://drive.google.com/open?id=1AbC{index}dEf" if a["deck"] else "",
            ]
        )
    return rows


MICROSOFT_FORMS_FR_SYSTEM = (
    "ID",
    "Heure de début",
    "Heure de fin",
    "Adresse de messagerie",
    "Nom",
    "Heure de la dernière modification",
)
"""The columns Microsoft Forms writes before the questions, in its French interface."""


def microsoft_forms_rows() -> list[list[object]]:
    """Microsoft Forms → “Ouvrir dans Excel”: ID, times, the respondent's account (anonymous),
    then the questions."""
    rows: list[list[object]] = [
        [
            *MICROSOFT_FORMS_FR_SYSTEM,
            "Nom du projet",
            "E-mail de contact",
            "Secteur d'activité",
            "Montant demandé",
        ]
    ]
    for index, a in enumerate(APPLICANTS, start=1):
        submitted = a["submitted"]
        assert isinstance(submitted, datetime)
        rows.append(
            [
                index,
                submitted,
                submitted,
                "anonymous",
                "anonymous",
                None,
                a["name"],
                a["email"],
                a["sector"],
                a["amount"],
            ]
        )
    return rows


def typeform_rows() -> list[list[object]]:
    """Typeform → Results → Download CSV: ``#`` (the response token) first, dates at the end."""
    rows: list[list[object]] = [
        [
            "#",
            "What is the name of your company?",
            "Your email",
            "City",
            "Tell us about your project",
            "Start Date (UTC)",
            "Submit Date (UTC)",
            "Network ID",
        ]
    ]
    for index, a in enumerate(APPLICANTS):
        submitted = a["submitted"]
        assert isinstance(submitted, datetime)
        rows.append(
            [
                f"x7k2{index}q9wm3a1b2c3d4e5f6g7h8i9j0k",
                a["name"],
                a["email"],
                a["city"],
                a["pitch"],
                f"{submitted:%Y-%m-%d %H:%M:%S}",
                f"{submitted:%Y-%m-%d %H:%M:%S}",
                "8f1e2d3c4b",
            ]
        )
    return rows


def airtable_rows() -> list[list[object]]:
    """Airtable → Download CSV: the primary field first, attachments as “name (url)”."""
    rows: list[list[object]] = [["Startup", "Record ID", "Email", "Sector", "Pitch deck"]]
    for index, a in enumerate(APPLICANTS):
        deck = a["deck"]
        rows.append(
            [
                a["name"],
                f"rec{index:02d}AbCdEfGhIj",
                a["email"],
                a["sector"],
                f"{deck} (https://dl.airtable.com/.attachments/{index}/{deck})" if deck else "",
            ]
        )
    return rows


def excel_fr_rows() -> list[list[object]]:
    """A list kept in French Excel by the programme team, saved as CSV."""
    rows: list[list[object]] = [
        ["Réf.", "Nom du projet", "Porteur", "Ville", "Montant demandé", "Description"]
    ]
    for a in APPLICANTS:
        rows.append(
            [
                a["ref"],
                a["name"],
                a["founder"],
                a["city"],
                _french_amount(a["amount"]),
                a["pitch"],
            ]
        )
    return rows


def excel_fr_text(encoding: str) -> bytes:
    """The French Excel list as ``encoding`` holds it: where a code page lacks a character, Excel
    writes its “best fit” (Œ → OE, — → -), as its “CSV (MS-DOS)” and Latin-9 exports do."""
    out = io.StringIO()
    for row in excel_fr_rows():
        fields = []
        for value in row:
            text = str(value)
            if any(char in text for char in (";", '"', "\n")):
                text = '"' + text.replace('"', '""') + '"'
            fields.append(text)
        out.write(";".join(fields) + "\r\n")
    text = out.getvalue()
    for missing, fit in (("Œ", "OE"), ("—", "-"), ("’", "'"), ("\u00a0", " ")):
        try:
            missing.encode(encoding)
        except UnicodeEncodeError:
            text = text.replace(missing, fit)
    return text.encode(encoding)


def utf8_with_a_cp1252_row() -> bytes:
    """A UTF-8 list where one answer was pasted from a Windows-1252 file (row 4)."""
    lines = excel_fr_text("utf-8").split(b"\r\n")
    lines[3] = "CAND-003;Café Suspendu;Noémie Nguyên;Lille;12\u00a0500;Un café".encode("cp1252")
    return b"\r\n".join(lines)


def utf8_cut_in_a_character() -> bytes:
    """A UTF-8 list cut short inside the two bytes of “é” (a download interrupted)."""
    data = "Réf.;Nom du projet;Ville\r\nCAND-001;Éco-Logis;Besançon\r\nCAND-002;Café".encode()
    return data[:-1]


def platform_html_export() -> str:
    """An application platform's “Export Excel”: an HTML table saved as .xls, with entities, line
    breaks, a spanning cell and a script the import must never run."""
    cells = []
    for a in APPLICANTS:
        pitch = escape(str(a["pitch"])).replace("\n", "<br>")
        cells.append(
            f"<tr><td>{a['ref']}</td><td>{escape(str(a['name']))}</td>"
            f"<td><a href='mailto:{a['email']}'>{a['email']}</a></td>"
            f"<td>{escape(str(a['city']))}</td><td>{pitch}</td></tr>"
        )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Export</title>'
        "<style>td { mso-number-format: '@'; }</style>"
        "<script>alert('never run')</script></head><body>\n"
        "<table border=1>\n<tr><th>Référence</th><th>Nom&nbsp;du projet</th><th>E-mail</th>"
        "<th>Ville</th><th>Présentation</th></tr>\n"
        + "\n".join(cells)
        + '\n<tr><td colspan="5">Total : 6 candidatures</td></tr>'
        + "\n</table></body></html>\n"
    )


def score_rows_fr() -> list[list[object]]:
    return [
        ["dossier", "juré", "critère", "note", "commentaire"],
        ["D01", "J2", "TEAM", "4,5", "Équipe solide"],
        ["D01", "J2", "MARKET", 3, ""],
        ["D02", "J2", "TEAM", 2, "À revoir"],
        ["D02", "J2", "MARKET", "2,5", None],
    ]


# --- Hostile files -------------------------------------------------------------------------------


_MACRO_WORKBOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
_VBA_PROJECT = (
    '<Relationship Id="rIdVBA" '
    'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
    'Target="vbaProject.bin"/>'
)


def write_macro_workbook(path: Path) -> Path:
    """A macro-enabled workbook (.xlsm) as Excel saves it: a VBA project whose Workbook_Open
    macro would write a file; the import reads the cached values and never runs it."""
    plain = path.with_suffix(".tmp.xlsx")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Candidatures"
    for row in excel_fr_rows()[:4]:
        sheet.append(row)
    sheet["G1"] = "Total"
    sheet["G2"] = "=45000*1"
    workbook.save(plain)
    vba = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + b"\x00" * 24
        + b'Attribute VB_Name = "ThisWorkbook"\r\nSub Workbook_Open()\r\n'
        + b'  Open "C:\\pwned.txt" For Output As #1\r\nEnd Sub\r\n'
    )
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                text = data.decode().replace(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    _MACRO_WORKBOOK,
                )
                text = text.replace(
                    "</Types>",
                    '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                    "</Types>",
                )
                data = text.encode()
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = (
                    data.decode()
                    .replace("</Relationships>", _VBA_PROJECT + "</Relationships>")
                    .encode()
                )
            elif info.filename == "xl/worksheets/sheet1.xml":
                # openpyxl writes no cached value for a formula; Excel would have: 45000.
                data = data.replace(b"<f>45000*1</f><v></v>", b"<f>45000*1</f><v>45000</v>")
                data = data.replace(b"<f>45000*1</f><v />", b"<f>45000*1</f><v>45000</v>")
            out.writestr(_deflated(info.filename), data)
        out.writestr(_deflated("xl/vbaProject.bin"), vba)
    plain.unlink()
    return path


def write_xml_bomb_xlsx(path: Path) -> Path:
    """Billion laughs in the sheet: defusedxml refuses the entity declarations."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10)
    )
    write_xlsx(path, [["ref", "name"], ["D1", "x"]])
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    body = sheet.split("?>", 1)[1] if sheet.startswith("<?xml") else sheet
    parts["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
        + body.replace("<t>x</t>", "<t>&lol9;</t>")
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def write_zip_bomb_xlsx(path: Path) -> Path:
    """A sheet part of 20 MB of blanks that compresses a thousand times."""
    write_xlsx(path, [["ref", "name"], ["D1", "x"]])
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in parts.items():
            if name == "xl/worksheets/sheet1.xml":
                with target.open(_deflated(name), "w", force_zip64=True) as member:
                    member.write(data[: -len(b"</worksheet>")])
                    block = b" " * (1 << 20)
                    for _ in range(20):
                        member.write(block)
                    member.write(b"</worksheet>")
            else:
                target.writestr(name, data)
    return path


def _deflated(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write_ods_bomb(path: Path) -> Path:
    """705 bytes that declare 96 million filled cells (python-calamine took 12 GB on it)."""
    _write_ods_archive(
        path,
        '<table:table table:name="Bombe"><table:table-row table:number-rows-repeated="6000">'
        '<table:table-cell table:number-columns-repeated="16000" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row></table:table>",
    )
    return path


def write_encrypted_xlsx(path: Path) -> Path:
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    directory = b"".join(
        name.encode("utf-16-le").ljust(64, b"\0") + bytes(64)
        for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage")
    )
    path.write_bytes(header + directory)
    return path


def write_many_rows_csv(path: Path, count: int = 100_000) -> Path:
    rows: list[list[object]] = [["Référence", "Nom du projet", "E-mail", "Ville", "Résumé"]]
    rows.extend(
        [f"R{n:06d}", f"Projet n°{n}", f"p{n}@exemple.fr", "Besançon", "Texte " * 8]
        for n in range(1, count + 1)
    )
    return write_csv(path, rows, encoding="utf-8-sig", delimiter=";")


def write_huge_cell_csv(path: Path, megabytes: int = 10) -> Path:
    rows = [["ref", "name", "Description"], ["D1", "Alpha", "x" * (megabytes * 1024 * 1024)]]
    rows.append(["D2", "Beta", "court"])
    return write_csv(path, rows, encoding="utf-8", delimiter=",")


def write_attachment_folder(folder: Path) -> Path:
    """Pitch decks named by reference, by name, by the attachment column; a program disguised as
    a PDF; a file for nobody; a hidden system file."""
    folder.mkdir(parents=True, exist_ok=True)
    for applicant in APPLICANTS:
        deck = str(applicant["deck"])
        if deck:
            (folder / deck).write_bytes(minimal_pdf(str(applicant["name"])))
    (folder / "CAND-005 business plan.pdf").write_bytes(b"MZ\x90\x00" + bytes(200))
    (folder / "reglement du concours.pdf").write_bytes(minimal_pdf("Reglement"))
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    sub = folder / "CAND-002"
    sub.mkdir(exist_ok=True)
    (sub / "photo equipe.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return folder


def write_attachment_zip(path: Path) -> Path:
    """The same decks in a ZIP, with hostile member names."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("../../CAND-001 pitch deck.pdf", minimal_pdf("Eco-Logis"))
        archive.writestr("/etc/CAND-003 deck.pdf", minimal_pdf("Cafe"))
        archive.writestr("CAND-004\x07\x1b[31m.pdf", minimal_pdf("Oeno"))
        archive.writestr("C:\\Users\\x\\CAND-006 con.pdf", minimal_pdf("Atelier"))
        archive.writestr("__MACOSX/._CAND-001 pitch deck.pdf", b"\x00\x05\x16\x07")
    return path


def write_attachment_zip_bomb(path: Path) -> Path:
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open(_deflated("CAND-001.pdf"), "w", force_zip64=True) as member,
    ):
        member.write(b"%PDF-1.4\n")
        block = bytes(1 << 20)
        for _ in range(20):
            member.write(block)
    return path


def write_damaged_attachment_zip(path: Path, damage: str) -> Path:
    """Two decks, the second one damaged: ``checksum`` (its CRC-32 is wrong), ``data`` (its
    deflate stream is invalid) or ``larger`` (it inflates to more than its declared size)."""
    good = minimal_pdf("Eco-Logis")
    damaged = minimal_pdf("Cafe Suspendu") + b"%" + b"padding " * 200
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("CAND-001 pitch deck.pdf", good)
        archive.writestr("CAND-003 deck.pdf", damaged)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("CAND-003 deck.pdf")
    # The name's last occurrence is in the central directory, 46 bytes after its entry's start.
    central = data.rindex(info.filename.encode()) - 46
    assert data[central : central + 4] == b"PK\x01\x02"
    if damage == "checksum":
        data[central + 16 : central + 20] = bytes(4)
    elif damage == "data":
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        data[start] = 0xFF  # a deflate block of the reserved type
    elif damage == "larger":
        declared = 100
        data[central + 24 : central + 28] = declared.to_bytes(4, "little")
        data[info.header_offset + 22 : info.header_offset + 26] = declared.to_bytes(4, "little")
    else:
        raise ValueError(damage)
    path.write_bytes(bytes(data))
    return path


# --- The kept corpus -----------------------------------------------------------------------------


def write_corpus(folder: Path = HERE) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = [
        write_csv(
            folder / "google_forms_fr.csv",
            google_forms_fr_rows(),
            encoding="utf-8",
            delimiter=",",
            newline="\n",
        ),
        write_xlsx(
            folder / "google_forms_fr.xlsx", google_forms_fr_rows(), "Réponses au formulaire 1"
        ),
        write_xlsx(folder / "microsoft_forms.xlsx", microsoft_forms_rows(), "Form1"),
        write_csv(folder / "typeform.csv", typeform_rows(), encoding="utf-8", delimiter=","),
        write_csv(folder / "airtable.csv", airtable_rows(), encoding="utf-8-sig", delimiter=","),
        write_csv(
            folder / "excel_fr_cp1252.csv", excel_fr_rows(), encoding="cp1252", delimiter=";"
        ),
        write_csv(
            folder / "excel_fr_utf8_bom.csv", excel_fr_rows(), encoding="utf-8-sig", delimiter=";"
        ),
        write_csv(
            folder / "excel_mac_roman.csv", excel_fr_rows(), encoding="mac_roman", delimiter=";"
        ),
        write_macro_workbook(folder / "excel_macros.xlsm"),
        _write_bytes(folder / "excel_ms_dos_cp850.csv", excel_fr_text("cp850")),
        _write_bytes(folder / "excel_fr_latin9.csv", excel_fr_text("iso8859_15")),
        _write_bytes(folder / "hostile_utf8_with_cp1252_row.csv", utf8_with_a_cp1252_row()),
        _write_bytes(folder / "hostile_utf8_cut_short.csv", utf8_cut_in_a_character()),
        _write_text(folder / "platform_export_html.xls", platform_html_export(), "utf-8"),
        _write_text(
            folder / "hostile_web_page.xls",
            "<!doctype html><html><body><h1>Session expirée</h1><p>Reconnectez-vous.</p>"
            "</body></html>",
            "utf-8",
        ),
        write_csv(
            folder / "excel_unicode_text.txt",
            excel_fr_rows(),
            encoding="utf-16-le",
            delimiter="\t",
        ),
        write_ods(folder / "libreoffice.ods", [*excel_fr_rows(), ["CAND-007", "Formule", "=6*7"]]),
        write_xlsx(
            folder / "title_row_above_header.xlsx",
            [["Export des candidatures du 14/03/2025"], [], *excel_fr_rows()],
        ),
        write_csv(folder / "scores_fr.csv", score_rows_fr(), encoding="utf-8-sig", delimiter=";"),
        write_xlsx(folder / "scores_en.xlsx", _english_scores(), "Scores"),
        # Hostile or broken.
        write_xml_bomb_xlsx(folder / "hostile_xml_bomb.xlsx"),
        write_ods_bomb(folder / "hostile_ods_bomb.ods"),
        write_encrypted_xlsx(folder / "hostile_password.xlsx"),
        _write_text(folder / "hostile_csv_named.xlsx", "Réf;Nom\nD1;Alpha\n", "cp1252"),
        _write_bytes(folder / "hostile_corrupt.xlsx", b"PK\x03\x04" + bytes(100)),
        _write_bytes(folder / "hostile_empty.csv", b""),
        _write_text(folder / "hostile_header_only.csv", "Réf;Nom du projet;Ville\r\n", "cp1252"),
        _write_bytes(
            folder / "hostile_nul_bytes.csv",
            b"ref;name;Ville\nD1;Alpha;Lyon\nD2;Be\x00ta;Paris\n",
        ),
        _write_text(
            folder / "hostile_duplicate_refs.csv",
            "ref;name\nD1;Alpha\nD2;Beta\nD1;Gamma\n",
            "utf-8",
        ),
        _write_text(
            folder / "hostile_duplicate_columns.csv",
            "ref;name;Commentaire;Commentaire\nD1;Alpha;premier;second\n",
            "utf-8",
        ),
        _write_text(
            folder / "hostile_unclosed_quote.csv",
            'ref;name;Description\nD1;Alpha;"commence\nD2;Beta;ici\n',
            "utf-8",
        ),
        write_raw_xlsx(
            folder / "hostile_formulas.xlsx",
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
            '<c r="C1" t="s"><v>2</v></c></row>'
            '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c>'
            '<c r="C2"><f>6*7</f><v>42</v></c></row>'
            '<row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3" t="s"><v>6</v></c>'
            '<c r="C3"><f>HYPERLINK("http://evil.example","clic")</f></c></row>',
            ["ref", "name", "Total", "D1", "Alpha", "D2", "=cmd|' /C calc'!A0"],
        ),
    ]
    attachments = write_attachment_folder(folder / "attachments")
    written.append(attachments)
    written.append(write_attachment_zip(folder / "attachments_hostile_names.zip"))
    return written


def _english_scores() -> list[list[object]]:
    return [
        ["Dossier", "Juror", "Criterion", "Score", "Comment", "Status"],
        ["D01", "J3", "TEAM", 3, "ok", "final"],
        ["D01", "J3", "MARKET", 4, None, "final"],
    ]


def _write_text(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


if __name__ == "__main__":
    for written_path in write_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written_path)
