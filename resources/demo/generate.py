"""Builds Selection Desk's embedded demo campaign and its two campaign templates.

Run from the repository root::

    .venv/bin/python resources/demo/generate.py [--out DIR]

It rewrites every file it owns, and only those:

- ``resources/demo/demo-campaign.xlsx``: the demo campaign workbook (design §3, French sheet names,
  headers and values, so that it doubles as a template French users copy);
- ``resources/demo/attachments/<ref>.pdf``: one pitch deck per dossier;
- ``resources/templates/startup.xlsx``: the start-up accelerator grid, other sheets headers only;
- ``resources/templates/impact.xlsx``: the social-economy (ESS) grid, other sheets headers only.

The content lives in the sibling modules (``criteria``, ``demo_content``, ``demo_scores``,
``pitch_decks``). Output is deterministic — fixed workbook dates and zip timestamps, invariant
PDFs — so that re-running the script on unchanged sources leaves git clean. The DejaVu fonts are
read from ``resources/fonts/``.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from criteria import IMPACT_CRITERIA, STARTUP_CRITERIA, CriterionSpec
from demo_content import CAMPAIGN_NAME, CAMPAIGN_SETTINGS, CONFLICTS, DOSSIERS, JURORS
from demo_scores import demo_scores
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pitch_decks import prepare_reportlab, write_pitch_deck

RESOURCES_DIR = Path(__file__).resolve().parents[1]
FONTS_DIR = RESOURCES_DIR / "fonts"
DEMO_WORKBOOK_NAME = "demo-campaign.xlsx"

FIXED_TIME = datetime(2026, 1, 5, 9, 0, 0)
"""Stamped on every workbook (document properties and zip entries) for reproducible bytes."""

Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    wrap: bool = False
    number_format: str | None = None


@dataclass(frozen=True)
class SheetSpec:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...] = ()
    validations: tuple[tuple[str, str], ...] = ()
    """(column header, comma-separated allowed values): a drop-down list for the whole column."""


CAMPAIGN_COLUMNS = (Column("key", 22), Column("value", 60))
CRITERIA_COLUMNS = (
    Column("code", 14),
    Column("libellé", 28, wrap=True),
    Column("poids", 8),
    Column("min", 6),
    Column("max", 6),
    Column("pas", 6),
    Column("seuil", 7),
    Column("groupe", 12),
    Column("description", 50, wrap=True),
    Column("niveaux", 90, wrap=True),
)
JURY_COLUMNS = (Column("code", 8), Column("nom", 24), Column("e-mail", 32), Column("rôle", 14))
CONFLICT_COLUMNS = (Column("juré", 8), Column("dossier", 12), Column("motif", 50))
SCORE_COLUMNS = (
    Column("dossier", 12),
    Column("juré", 8),
    Column("critère", 14),
    Column("note", 8),
    Column("commentaire", 60, wrap=True),
    Column("statut", 10),
)
DECISION_COLUMNS = (Column("dossier", 12), Column("décision", 18), Column("motivation", 70))

STARTUP_DOSSIER_COLUMNS = (
    Column("réf", 10),
    Column("nom", 24),
    Column("secteur", 20),
    Column("année de création", 11),
    Column("effectif", 9),
    Column("chiffre d'affaires (€)", 15, number_format='#,##0 "€"'),
    Column("résumé du pitch", 80, wrap=True),
    Column("contact e-mail", 38),
)
IMPACT_DOSSIER_COLUMNS = (
    Column("réf", 10),
    Column("nom", 24),
    Column("forme juridique", 18),
    Column("territoire", 20),
    Column("année de création", 11),
    Column("salariés", 9),
    Column("bénévoles", 10),
    Column("résumé du projet", 80, wrap=True),
    Column("contact e-mail", 38),
)


@dataclass(frozen=True)
class TemplateSpec:
    programme: str
    criteria: tuple[CriterionSpec, ...]
    dossier_columns: tuple[Column, ...]
    """The application form's columns: ``réf`` and ``nom``, then what such a call usually asks."""


TEMPLATES = {
    "startup": TemplateSpec(
        "Programme d'accélération de start-up", STARTUP_CRITERIA, STARTUP_DOSSIER_COLUMNS
    ),
    "impact": TemplateSpec(
        "Programme d'accompagnement de l'économie sociale et solidaire",
        IMPACT_CRITERIA,
        IMPACT_DOSSIER_COLUMNS,
    ),
}
"""The ``--template`` choices of ``selection-desk new`` (design §6), by file name."""

ROLE_CHOICES = "présidente,président,membre,secrétaire,observatrice,observateur"
STATUS_CHOICES = "finale,brouillon"
DECISION_CHOICES = "retenu,liste d'attente,non retenu,ajourné"
FINAL_STATUS = "finale"  # every demo review is complete and final

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", start_color="1F4E5F")
VALIDATED_ROWS = 2000
"""How far down a template's drop-down lists reach: more rows than any committee scores."""


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=RESOURCES_DIR,
        help="folder that receives demo/ and templates/ (default: the resources folder); "
        "the tests use it to check that the committed files are up to date",
    )
    out: Path = parser.parse_args(argv).out
    for path in generate(out):
        sys.stdout.write(f"{path}\n")


def generate(out: Path) -> list[Path]:
    """Writes every output under ``out`` and returns their paths."""
    prepare_reportlab(FONTS_DIR)
    attachments, templates = out / "demo" / "attachments", out / "templates"
    attachments.mkdir(parents=True, exist_ok=True)
    templates.mkdir(parents=True, exist_ok=True)
    written = [write_demo_workbook(out / "demo" / DEMO_WORKBOOK_NAME)]
    for dossier in DOSSIERS:
        deck = attachments / f"{dossier.ref}.pdf"
        write_pitch_deck(dossier, deck)
        written.append(deck)
    for name, template in TEMPLATES.items():
        written.append(write_template(templates / f"{name}.xlsx", template))
    return written


def write_demo_workbook(path: Path) -> Path:
    sheets = (
        SheetSpec("Campagne", CAMPAIGN_COLUMNS, CAMPAIGN_SETTINGS),
        _criteria_sheet(STARTUP_CRITERIA),
        SheetSpec(
            "Jury",
            JURY_COLUMNS,
            tuple((juror.code, juror.name, juror.email, juror.role) for juror in JURORS),
            validations=(("rôle", ROLE_CHOICES),),
        ),
        SheetSpec(
            "Dossiers",
            STARTUP_DOSSIER_COLUMNS,
            tuple(
                (
                    dossier.ref,
                    dossier.name,
                    dossier.sector,
                    dossier.founded,
                    dossier.headcount,
                    dossier.revenue,
                    dossier.pitch,
                    dossier.contact,
                )
                for dossier in DOSSIERS
            ),
        ),
        SheetSpec(
            "Conflits",
            CONFLICT_COLUMNS,
            tuple((conflict.juror, conflict.dossier, conflict.reason) for conflict in CONFLICTS),
        ),
        SheetSpec(
            "Notes",
            SCORE_COLUMNS,
            tuple(
                (
                    score.dossier,
                    score.juror,
                    score.criterion,
                    _number(score.value),
                    score.comment or None,
                    FINAL_STATUS,
                )
                for score in demo_scores()
            ),
            validations=(("statut", STATUS_CHOICES),),
        ),
        _decisions_sheet(),
    )
    _save(_workbook(sheets, title=CAMPAIGN_NAME), path)
    return path


def write_template(path: Path, template: TemplateSpec) -> Path:
    """An empty campaign to copy: the template's grid and settings, other sheets headers only."""
    settings: tuple[tuple[Cell, ...], ...] = (
        ("nom", "Nouvelle campagne"),
        ("programme", template.programme),
        ("places", 5),
        ("langue", "fr"),
        ("méthode", "mean"),
        ("seuil_dispersion", 15),
    )
    sheets = (
        SheetSpec("Campagne", CAMPAIGN_COLUMNS, settings),
        _criteria_sheet(template.criteria),
        SheetSpec("Jury", JURY_COLUMNS, validations=(("rôle", ROLE_CHOICES),)),
        SheetSpec("Dossiers", template.dossier_columns),
        SheetSpec("Conflits", CONFLICT_COLUMNS),
        SheetSpec("Notes", SCORE_COLUMNS, validations=(("statut", STATUS_CHOICES),)),
        _decisions_sheet(),
    )
    _save(_workbook(sheets, title=template.programme), path)
    return path


def _criteria_sheet(criteria: Iterable[CriterionSpec]) -> SheetSpec:
    rows = tuple(
        (
            criterion.code,
            criterion.label,
            criterion.weight,
            _number(criterion.scale_min),
            _number(criterion.scale_max),
            _number(criterion.step),
            None if criterion.threshold is None else _number(criterion.threshold),
            criterion.group,
            criterion.description,
            criterion.levels_text(),
        )
        for criterion in criteria
    )
    return SheetSpec("Critères", CRITERIA_COLUMNS, rows)


def _decisions_sheet() -> SheetSpec:
    # Headers only: the committee takes its decisions in the meeting, in the app.
    return SheetSpec("Décisions", DECISION_COLUMNS, validations=(("décision", DECISION_CHOICES),))


def _number(value: float) -> int | float:
    """Whole numbers as integers, so that a French Excel shows ``4`` rather than ``4,0``."""
    return int(value) if float(value).is_integer() else value


def _workbook(sheets: Sequence[SheetSpec], title: str) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        _fill_sheet(workbook.create_sheet(spec.title), spec)
    properties = workbook.properties
    properties.title = title
    properties.creator = "Selection Desk"
    properties.lastModifiedBy = "Selection Desk"
    properties.language = "fr-FR"
    properties.created = FIXED_TIME
    return workbook


def _fill_sheet(sheet: Worksheet, spec: SheetSpec) -> None:
    sheet.append([column.header for column in spec.columns])
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    for row_number, row in enumerate(spec.rows, start=2):
        for column_number, (column, value) in enumerate(zip(spec.columns, row, strict=True), 1):
            cell = sheet.cell(row=row_number, column=column_number, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text, even one that looks like a formula
            if column.number_format:
                cell.number_format = column.number_format
            cell.alignment = Alignment(vertical="top", wrap_text=column.wrap)
    for column_number, column in enumerate(spec.columns, 1):
        sheet.column_dimensions[get_column_letter(column_number)].width = column.width
    sheet.freeze_panes = "A2"
    if spec.rows and len(spec.columns) > 2:
        sheet.auto_filter.ref = sheet.dimensions
    for header, choices in spec.validations:
        _add_choice_list(sheet, spec, header, choices)


def _add_choice_list(sheet: Worksheet, spec: SheetSpec, header: str, choices: str) -> None:
    letter = get_column_letter([column.header for column in spec.columns].index(header) + 1)
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    validation.add(f"{letter}2:{letter}{max(VALIDATED_ROWS, len(spec.rows) + 1)}")
    sheet.add_data_validation(validation)


def _save(workbook: Workbook, path: Path) -> None:
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(_reproducible(buffer.getvalue()))


def _reproducible(xlsx: bytes) -> bytes:
    """The same workbook with the save time replaced by :data:`FIXED_TIME` everywhere.

    openpyxl stamps the current time on ``dcterms:modified`` and on every zip entry.
    """
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    content,
                )
            fixed_entry = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed_entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed_entry, content)
    return output.getvalue()


if __name__ == "__main__":
    main()
