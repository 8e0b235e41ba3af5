"""Writes one export per form tool (``tool_*.csv``): the shapes of issue 19, three applicants each.

Run ``.venv/bin/python -m tests.data.imports.form_tool_exports`` to rewrite the files kept beside
this script.  Where each shape comes from is told in ``FORM_TOOLS.md`` in this folder.  Two of the
applicants share a name (“Atelier Nova”, two different e-mails) in every file: both must import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from tests.data.imports.generate import MICROSOFT_FORMS_FR_SYSTEM

HERE = Path(__file__).resolve().parent

Row = Sequence[str]

PEOPLE = (
    ("Éco-Logis", "helene.durand@eco-logis.fr", "Énergie, Bâtiment", "45 000"),
    ("Atelier Nova", "contact@atelier-nova.fr", "Mobilité", "30 000"),
    ("Atelier Nova", "bonjour@nova-lyon.org", "Énergie", "12 500"),
)
"""Name, e-mail, chosen sectors (comma-joined), amount asked (French spaces)."""


def google_forms_en() -> list[Row]:
    # Google's en-US export writes M/D/YYYY H:MM:SS timestamps and Drive links for uploads.
    rows: list[Row] = [
        ("Timestamp", "Email Address", "Company name", "Sectors", "Upload your pitch deck")
    ]
    for index, (name, email, sectors, _amount) in enumerate(PEOPLE):
        rows.append(
            (
                f"3/{7 + index}/2026 14:02:{10 + index}",
                email,
                name,
                sectors.replace("Énergie", "Energy").replace("Mobilité", "Mobility"),
                f"https://drive.google.com/open?id=1xYz{index}AbC",
            )
        )
    return rows


def microsoft_forms(language: str) -> list[Row]:
    header = {
        "en": ("ID", "Start time", "Completion time", "Email", "Name", "Last modified time"),
        "fr": MICROSOFT_FORMS_FR_SYSTEM,
    }[language]
    question = "Nom de la start-up" if language == "fr" else "Start-up name"
    rows: list[Row] = [(*header, question, "E-mail de contact")]
    for index, (name, email, _sectors, _amount) in enumerate(PEOPLE, start=1):
        when = f"3/{index}/26 9:15:02"
        rows.append((str(index), when, when, "anonymous", "", "", name, email))
    return rows


def jotform() -> list[Row]:
    rows: list[Row] = [("Submission Date", "Company Name", "E-mail", "Pitch deck", "Submission ID")]
    for index, (name, email, _sectors, _amount) in enumerate(PEOPLE):
        rows.append(
            (
                f"2026-03-0{index + 1} 09:15:02",
                name,
                email,
                f"https://www.jotform.com/uploads/acme/251234/58{index}/deck.pdf",
                f"58{index}1234567890123",
            )
        )
    return rows


def tally() -> list[Row]:
    rows: list[Row] = [
        ("Submission ID", "Respondent ID", "Submitted at", "Company name", "Email", "Pitch deck")
    ]
    for index, (name, email, _sectors, _amount) in enumerate(PEOPLE):
        rows.append(
            (
                f"mOx{index}Kp",
                f"3Ex{index}Lq",
                f"2026-03-0{index + 1} 09:15:02",
                name,
                email,
                f"https://storage.tally.so/private/deck-{index}.pdf",
            )
        )
    return rows


def limesurvey(headings: str) -> list[Row]:
    system = {
        "code": ("id", "submitdate", "lastpage", "startlanguage", "seed", "startdate"),
        "full_fr": (
            "ID de la réponse",
            "Date de soumission",
            "Dernière page",
            "Langue de départ",
            "Tête de série",
            "Date de lancement",
        ),
    }[headings]
    questions = ("G01Q01", "G01Q02") if headings == "code" else ("Nom du projet", "Courriel")
    rows: list[Row] = [(*system, *questions)]
    for index, (name, email, _sectors, _amount) in enumerate(PEOPLE, start=1):
        stamp = f"2026-03-0{index} 09:15:02"
        rows.append((str(index), stamp, "2", "fr", "123456", stamp, name, email))
    return rows


def kobotoolbox() -> list[Row]:
    # Labels, then the optional HXL row; a select_multiple as one space-joined column plus one
    # 0/1 column per option (“both”), then the system columns.
    rows: list[Row] = [
        (
            "start",
            "end",
            "Company name",
            "Email",
            "Sectors",
            "Sectors/energy",
            "Sectors/mobility",
            "_id",
            "_uuid",
            "_submission_time",
            "_validation_status",
            "_index",
        ),
        (
            "#date+start",
            "#date+end",
            "#org+name",
            "#contact+email",
            "#sector",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ),
    ]
    for index, (name, email, sectors, _amount) in enumerate(PEOPLE, start=1):
        chosen = ["energy" if "Énergie" in sectors else "", "mobility" if "Mob" in sectors else ""]
        rows.append(
            (
                f"2026-03-0{index}T09:10:00.000+01:00",
                f"2026-03-0{index}T09:15:02.000+01:00",
                name,
                email,
                " ".join(option for option in chosen if option),
                "1" if chosen[0] else "0",
                "1" if chosen[1] else "0",
                f"1234{index}",
                f"5e3c9b1a-0d2f-4c7e-9a61-00000000000{index}",
                f"2026-03-0{index}T08:15:05",
                "",
                str(index),
            )
        )
    return rows


def surveymonkey(language: str) -> list[Row]:
    system = {
        "en": (
            "Respondent ID",
            "Collector ID",
            "Start Date",
            "End Date",
            "IP Address",
            "Email Address",
            "First Name",
            "Last Name",
            "Custom Data 1",
        ),
        "fr": (
            "ID du répondant",
            "ID du collecteur",
            "Date de début",
            "Date de fin",
            "Adresse IP",
            "Adresse e-mail",
            "Prénom",
            "Nom",
            "Données personnalisées 1",
        ),
    }[language]
    answer, open_answer = ("Response", "Open-Ended Response")
    if language == "fr":
        answer, open_answer = ("Réponse", "Réponse ouverte")
    questions = ("Company name", "Sectors", "", "Contact e-mail")
    sub_answers = (answer, "Energy", "Mobility", open_answer)
    if language == "fr":
        questions = ("Nom de la start-up", "Secteurs", "", "E-mail de contact")
        sub_answers = (answer, "Énergie", "Mobilité", open_answer)
    rows: list[Row] = [(*system, *questions), ("",) * len(system) + sub_answers]
    for index, (name, email, sectors, _amount) in enumerate(PEOPLE):
        stamp = f"03/0{index + 1}/2026 09:15:02"
        rows.append(
            (
                f"1140{index}5678{index}",
                "431234567",
                stamp,
                stamp,
                "192.0.2.1",
                "",
                "",
                "",
                "",
                name,
                sub_answers[1] if "Énergie" in sectors else "",
                sub_answers[2] if "Mobilité" in sectors else "",
                email,
            )
        )
    return rows


def qualtrics() -> list[Row]:
    tags = (
        "StartDate",
        "EndDate",
        "Status",
        "Progress",
        "Finished",
        "RecordedDate",
        "ResponseId",
        "RecipientLastName",
        "RecipientEmail",
        "UserLanguage",
        "Q1",
        "Q2",
    )
    texts = (
        "Start Date",
        "End Date",
        "Response Type",
        "Progress",
        "Finished",
        "Recorded Date",
        "Response ID",
        "Recipient Last Name",
        "Recipient Email",
        "User Language",
        "Company name",
        "Contact e-mail",
    )
    import_ids = (
        '{"ImportId":"startDate","timeZone":"Europe/Paris"}',
        '{"ImportId":"endDate","timeZone":"Europe/Paris"}',
        '{"ImportId":"status"}',
        '{"ImportId":"progress"}',
        '{"ImportId":"finished"}',
        '{"ImportId":"recordedDate","timeZone":"Europe/Paris"}',
        '{"ImportId":"_recordId"}',
        '{"ImportId":"recipientLastName"}',
        '{"ImportId":"recipientEmail"}',
        '{"ImportId":"userLanguage"}',
        '{"ImportId":"QID1_TEXT"}',
        '{"ImportId":"QID2_TEXT"}',
    )
    rows: list[Row] = [tags, texts, import_ids]
    for index, (name, email, _sectors, _amount) in enumerate(PEOPLE):
        stamp = f"2026-03-0{index + 1} 09:15:02"
        rows.append(
            (
                stamp,
                stamp,
                "IP Address",
                "100",
                "True",
                stamp,
                f"R_1a2B3c4D5e6F7g{index}",
                "",
                "",
                "FR",
                name,
                email,
            )
        )
    return rows


def qualtrics_legacy() -> list[Row]:
    names = (
        "ResponseID",
        "ResponseSet",
        "Name",
        "ExternalDataReference",
        "EmailAddress",
        "IPAddress",
        "Status",
        "StartDate",
        "EndDate",
        "Finished",
    )
    rows: list[Row] = [
        (*(f"V{index}" for index in range(1, 11)), "Q1", "Q2"),
        (*names, "Company name", "Contact e-mail"),
    ]
    for index, (name, email, _sectors, _amount) in enumerate(PEOPLE):
        stamp = f"2026-03-0{index + 1} 09:15:02"
        rows.append(
            (
                f"R_9z8Y7x6W5v4U3t{index}",
                "Default Response Set",
                "Anonymous",
                "",
                "",
                "192.0.2.1",
                "0",
                stamp,
                stamp,
                "1",
                name,
                email,
            )
        )
    return rows


WEBFORM_SUBMISSION_INFORMATION = {
    # Drupal Webform 7.x-4.x, includes/webform.report.inc,
    # webform_webform_results_download_submission_information_info() and
    # webform_results_download_headers() (drupalprojects/webform on GitHub).
    "en": ("Submission Details", "Serial", "SID", "Time", "Draft", "IP Address", "UID", "Username"),
    # French: the module's own translation, po/fr.po of drupalprojects/webform (“Submission
    # Details” → “Détails de la soumission ”, trailing space included; “Serial” → “Séquentiel”;
    # “Time” → “Heure”; “IP Address” → “Adresse IP”; “Username” → “Nom d'utilisateur”). “Draft”
    # is not in that catalogue: “Brouillon” is Drupal core's French word for it (not checked).
    "fr": (
        "Détails de la soumission ",
        "Séquentiel",
        "SID",
        "Heure",
        "Brouillon",
        "Adresse IP",
        "UID",
        "Nom d'utilisateur",
    ),
}
WEBFORM_FILE_NAME = {"en": "Name", "fr": "Nom"}
"""A file component's two columns are headed ``Name`` (its URL; t('Name'), French “Nom”) and
``Filesize (KB)`` (written untranslated by components/file.inc), its name above them."""


def framaforms(language: str) -> list[Row]:
    # Drupal Webform 7 (Framaforms) “Download” as delimited text, header labels (not field keys),
    # select lists “separate”: row 1 the form's title over the submission information; row 2
    # “Submission Details”, then each multiple choice's and file's name over its first column;
    # row 3 the submission information's labels, each field's name, a choice's option labels,
    # a file's Name / Filesize (KB).  Every header row spans the whole width (blank cells).
    details, *system = WEBFORM_SUBMISSION_INFORMATION[language]
    fields = ("Nom du projet", "Courriel", "Énergie", "Mobilité")
    file_columns = (WEBFORM_FILE_NAME[language], "Filesize (KB)")
    width = len(system) + len(fields) + len(file_columns)
    title = ("Appel à candidatures 2026", *("",) * (width - 1))
    groups = (details, *("",) * (len(system) - 1), "", "", "Secteurs", "", "Dossier", "")
    rows: list[Row] = [title, groups, (*system, *fields, *file_columns)]
    for index, (name, email, sectors, _amount) in enumerate(PEOPLE, start=1):
        stamp = f"0{index + 3}/03/2026 - 09:1{index}"
        rows.append(
            (
                str(index),
                str(40 + index),
                stamp,
                "0",
                "192.0.2.1",
                "0",
                "",
                name,
                email,
                "X" if "Énergie" in sectors else "",
                "X" if "Mobilité" in sectors else "",
                f"https://framaforms.org/system/files/webform/dossier-{index}.pdf",
                str(500 + index),
            )
        )
    if language == "en":
        # Re-saved by a spreadsheet that drops a row's trailing empty cells: the title alone.
        rows[0] = rows[0][:1]
    return rows


# F6S and Gust: no public description of either platform's CSV export was found (searched
# 2026-12-05 in stored documentation pages, web pages and public code: “F6S export applications
# CSV columns”, “f6s.com applications export csv”, “Gust accelerator application export CSV”,
# “Gust Launch … export applications”; F6S documents an API at developers.f6s.com, not its CSV).
# The two files below are plausible guesses, recognised by their profile-link columns only; replace
# them with a real export when one is available.  Only the profile links' shape is attested: F6S
# company pages are www.f6s.com/company/<name>, Gust's gust.com/companies/<name> (as public pages
# link to them).


def f6s() -> list[Row]:
    rows: list[Row] = [("Application ID", "Startup Name", "Email", "F6S URL", "Status")]
    for index, (name, email, _sectors, _amount) in enumerate(PEOPLE):
        rows.append(
            (
                f"70{index}123",
                name,
                email,
                f"https://www.f6s.com/company/startup-{index}",  # as F6S addresses company pages
                "Submitted",
            )
        )
    return rows


def gust() -> list[Row]:
    rows: list[Row] = [("Company Name", "Founder Email", "Gust Profile", "Submitted On")]
    for index, (name, email, _sectors, _amount) in enumerate(PEOPLE):
        rows.append(
            (name, email, f"https://gust.com/companies/startup-{index}", f"2026-03-0{index + 1}")
        )
    return rows


FILES = {
    "tool_google_forms_en.csv": (google_forms_en, ","),
    "tool_microsoft_forms_en.csv": (lambda: microsoft_forms("en"), ","),
    "tool_microsoft_forms_fr.csv": (lambda: microsoft_forms("fr"), ";"),
    "tool_jotform.csv": (jotform, ","),
    "tool_tally.csv": (tally, ","),
    "tool_limesurvey_codes.csv": (lambda: limesurvey("code"), ","),
    "tool_limesurvey_fr.csv": (lambda: limesurvey("full_fr"), ";"),
    "tool_kobotoolbox_hxl.csv": (kobotoolbox, ";"),
    "tool_surveymonkey_en.csv": (lambda: surveymonkey("en"), ","),
    "tool_surveymonkey_fr.csv": (lambda: surveymonkey("fr"), ","),
    "tool_qualtrics.csv": (qualtrics, ","),
    "tool_qualtrics_legacy.csv": (qualtrics_legacy, ","),
    "tool_framaforms_fr.csv": (lambda: framaforms("fr"), ","),
    "tool_webform_en.csv": (lambda: framaforms("en"), ","),
    "tool_f6s.csv": (f6s, ","),
    "tool_gust.csv": (gust, ","),
}


def write_form_tool_exports(folder: Path = HERE) -> list[Path]:
    written = []
    for name, (rows, delimiter) in FILES.items():
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows())
        path = folder / name
        path.write_bytes(buffer.getvalue().encode("utf-8"))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_form_tool_exports():
        print(path.name)
