"""The pitch day's convocation schedule (design §10), as PDF and XLSX, in two versions.

*For the teams*: a PDF page per team (the day, the place, what to bring and its own time — not who
else pitches, never a juror's name nor a conflict of interest) and, for the secretary's mailing,
a workbook of every team's time.  *For the jurors*: every slot (pitch, questions, end), and who
has a conflict of interest with which team (they leave the room or abstain).  Applicant text goes
through :func:`~selection_desk.reports.pdf_common.text` (never markup) and
:func:`~selection_desk.formats.workbook_writer.put_text_safely` (never a formula).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from reportlab.platypus import Flowable, PageBreak, Spacer

from selection_desk.domain import Campaign, Juror
from selection_desk.domain.hearing import Pause, Slot, Timetable, clock
from selection_desk.formats.workbook_writer import (
    column_width,
    put_text_safely,
    save_workbook_atomically,
)
from selection_desk.i18n import _, language
from selection_desk.reports.hearing_text import overrun_warning, pause_text, span
from selection_desk.reports.pdf_common import (
    CUTOFF,
    HEADER_FILL,
    build_pdf,
    content_width,
    data_table,
    facts_table,
    heading,
    markup,
    paragraph,
    styles,
    table_style,
)


class Audience(StrEnum):
    TEAMS = "teams"
    JURORS = "jurors"


@dataclass(frozen=True)
class ScheduleFacts:
    campaign: Campaign
    timetable: Timetable
    jurors: tuple[Juror, ...]


def _title(audience: Audience) -> str:
    if audience is Audience.TEAMS:
        return _("Pitch day — convocation of the teams")
    return _("Pitch day — schedule of the jury")


def _slot_format(facts: ScheduleFacts) -> str:
    plan = facts.timetable.plan
    return _("{pitch} min of pitch, then {questions} min of questions").format(
        pitch=plan.pitch_minutes, questions=plan.question_minutes
    )


def _place_and_date(facts: ScheduleFacts) -> list[tuple[str, object]]:
    plan = facts.timetable.plan
    return [
        (_("Date"), plan.day or facts.campaign.meeting_date or "—"),
        (_("Place"), plan.place or facts.campaign.meeting_place or "—"),
    ]


def _day_facts(facts: ScheduleFacts) -> list[tuple[str, object]]:
    """The jury's day: where, when, each slot's length and when the last team is done."""
    return [
        *_place_and_date(facts),
        (_("Start"), clock(facts.timetable.plan.start)),
        (_("Each team"), _slot_format(facts)),
        (_("Last team done at"), clock(facts.timetable.ends_at)),
    ]


def _team_facts(facts: ScheduleFacts, slot: Slot) -> list[tuple[str, object]]:
    """One team's convocation: its own time only (no other team, no juror)."""
    time = _("{time} (slot {number} of {total})").format(
        time=span(slot.start, slot.end), number=slot.number, total=len(facts.timetable.slots)
    )
    return [
        *_place_and_date(facts),
        (_("Your time"), time),
        (_("Your slot"), _slot_format(facts)),
        (_("What to bring"), facts.timetable.plan.bring or "—"),
    ]


def conflicted_names(slot: Slot, jurors: tuple[Juror, ...]) -> str:
    names = {juror.code: juror.name for juror in jurors}
    return ", ".join(names.get(code, code) for code in slot.conflicted)


# --- PDF ------------------------------------------------------------------------------------------


def write_schedule_pdf(
    facts: ScheduleFacts, audience: Audience, path: Path, language_code: str
) -> None:
    with language(language_code):
        build_pdf(
            Path(path),
            _story(facts, audience),
            title=_title(audience),
            subject=facts.campaign.name,
            author="Selection Desk",
            footer_left=_("{campaign} · {title}").format(
                campaign=facts.campaign.name, title=_title(audience)
            ),
        )


def _story(facts: ScheduleFacts, audience: Audience) -> list[Flowable]:
    if audience is Audience.TEAMS:
        return _team_pages(facts)
    style = styles()
    story: list[Flowable] = [
        paragraph(facts.campaign.name, style.title),
        paragraph(_title(audience), style.subtitle),
        facts_table(_day_facts(facts)),
        Spacer(1, 6),
    ]
    warning = overrun_warning(facts.timetable)
    if warning:
        story.append(markup("<b>{warning}</b>", style.body, warning=warning))
    story += [heading(_("Order of the day")), _jury_table(facts), *_conflicts_by_juror(facts)]
    return story


def _team_pages(facts: ScheduleFacts) -> list[Flowable]:
    """One page per team, to print or send: a team learns its own time, not who else pitches."""
    style = styles()
    story: list[Flowable] = []
    for slot in facts.timetable.slots:
        if story:
            story.append(PageBreak())
        story += [
            paragraph(facts.campaign.name, style.title),
            paragraph(_("Convocation to the pitch day"), style.subtitle),
            markup(_("<b>{team}</b> ({ref})"), style.heading, team=slot.name, ref=slot.dossier),
            facts_table(_team_facts(facts, slot)),
            Spacer(1, 8),
            paragraph(_("Please be ready a few minutes before your time."), style.body),
        ]
    return story


def _jury_table(facts: ScheduleFacts) -> Flowable:
    style = styles()
    width = content_width()
    header = [_("No."), _("Pitch"), _("Questions"), _("Team"), _("Conflict of interest")]
    rows: list[list[object]] = [[paragraph(h, style.cell_head) for h in header]]
    pause_rows: list[int] = []
    for item in facts.timetable.items():
        if isinstance(item, Pause):
            pause_rows.append(len(rows))
            cells = ["", span(item.start, item.end), pause_text(item), "", ""]
            rows.append([paragraph(cell, style.cell_head) for cell in cells])
            continue
        cells = [
            str(item.number),
            span(item.start, item.questions_start),
            span(item.questions_start, item.end),
            f"{item.name} ({item.dossier})",
            conflicted_names(item, facts.jurors) or "—",
        ]
        rows.append([paragraph(cell, style.cell) for cell in cells])
    shares = (0.07, 0.14, 0.14, 0.38, 0.27)
    table = data_table(rows, [width * share for share in shares])
    extra: list[tuple[object, ...]] = [("TEXTCOLOR", (4, 1), (4, -1), CUTOFF)]
    for row in pause_rows:  # a break's label spans the columns after its times
        extra += [("BACKGROUND", (0, row), (-1, row), HEADER_FILL), ("SPAN", (2, row), (-1, row))]
    table.setStyle(table_style(*extra))
    return table


def _conflicts_by_juror(facts: ScheduleFacts) -> list[Flowable]:
    style = styles()
    lines = [
        markup(
            _("<b>{juror}</b> leaves the room for: {teams}"),
            style.body,
            juror=juror.name,
            teams="; ".join(teams),
        )
        for juror, teams in _juror_conflicts(facts)
    ]
    if not lines:
        lines = [paragraph(_("No juror has a conflict of interest with a team."), style.body)]
    return [heading(_("Conflicts of interest")), *lines]


def _juror_conflicts(facts: ScheduleFacts) -> list[tuple[Juror, list[str]]]:
    """Each juror with a conflict, and the slots they leave (“3. Name, 10:25–10:45”)."""
    found = []
    for juror in facts.jurors:
        teams = [
            _("{number}. {team}, {time}").format(
                number=slot.number, team=slot.name, time=span(slot.start, slot.end)
            )
            for slot in facts.timetable.slots
            if juror.code in slot.conflicted
        ]
        if teams:
            found.append((juror, teams))
    return found


# --- XLSX -----------------------------------------------------------------------------------------


def write_schedule_xlsx(
    facts: ScheduleFacts, audience: Audience, path: Path, language_code: str
) -> None:
    with language(language_code):
        workbook = Workbook()
        sheet: Any = workbook.active  # a new workbook's one sheet
        sheet.title = _("Schedule")
        header, rows = _xlsx_rows(facts, audience)
        _fill(sheet, header, rows)
        day = workbook.create_sheet(_("Day"))
        _fill(day, [_("Campaign"), facts.campaign.name], _day_cells(facts, audience))
        save_workbook_atomically(workbook, Path(path))


def _day_cells(facts: ScheduleFacts, audience: Audience) -> list[list[str]]:
    rows = (
        _day_facts(facts)
        if audience is Audience.JURORS
        else [
            *_place_and_date(facts),
            (_("Start"), clock(facts.timetable.plan.start)),
            (_("Each team"), _slot_format(facts)),
            (_("What to bring"), facts.timetable.plan.bring or "—"),
        ]
    )
    cells = [[name, str(value)] for name, value in rows]
    warning = overrun_warning(facts.timetable)
    if audience is Audience.JURORS and warning:
        cells.append([_("Warning"), warning])
    return cells


def _xlsx_rows(facts: ScheduleFacts, audience: Audience) -> tuple[list[str], list[list[str]]]:
    jurors = audience is Audience.JURORS
    header = [_("No."), _("Start"), _("End"), _("Reference"), _("Team")]
    if jurors:
        header[2:2] = [_("Questions")]
        header.append(_("Conflict of interest"))
    rows: list[list[str]] = []
    for item in facts.timetable.items():
        if isinstance(item, Pause):
            row = ["", clock(item.start), clock(item.end), "", pause_text(item)]
            if jurors:
                row[2:2] = [""]
                row.append("")
        else:
            row = [str(item.number), clock(item.start), clock(item.end), item.dossier, item.name]
            if jurors:
                row[2:2] = [clock(item.questions_start)]
                row.append(conflicted_names(item, facts.jurors))
        rows.append(row)
    return header, rows


def _fill(sheet: Any, header: list[str], rows: list[list[str]]) -> None:
    bold = Font(bold=True)
    for column, value in enumerate(header, start=1):
        put_text_safely(sheet.cell(row=1, column=column), value).font = bold
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            put_text_safely(sheet.cell(row=row_number, column=column), value)
    for column in range(1, len(header) + 1):
        values = [header[column - 1], *(row[column - 1] for row in rows)]
        width = column_width(values)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
