"""Use cases of the campaign's jurors (design §8): add, edit, delete, their PINs, and importing a
list of jurors (XLSX or CSV) planned first, then written, then revertible (the set-up contract is
in :mod:`~selection_desk.services.setup_common`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from selection_desk.domain import Assignment, Conflict, Juror
from selection_desk.domain.conflict_of_interest import conflicted_pairs, may_score
from selection_desk.errors import InvalidInput, NotFound, define_message
from selection_desk.i18n import N_
from selection_desk.services.op_changes import NOTHING, SCORES, SETUP, OpChanges
from selection_desk.services.setup_common import ACTOR, CODE_EMPTY, clean_text
from selection_desk.services.setup_impact import NeedsConfirmation, ScoreImpact
from selection_desk.storage import setup as sql
from selection_desk.storage.store import UNKNOWN_JUROR, CampaignStore

PIN_MIN_LENGTH = 4


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = _Unchanged()
"""``edit_juror(pin=UNCHANGED)``: keep the juror's PIN as it is."""

JUROR_CODE_TAKEN = define_message(
    "setup_juror_code_taken", N_("There is already a juror with the code {code}.")
)
JUROR_CODE_FIXED = define_message(
    "setup_juror_code_fixed",
    N_("Juror {code} has already scored or received a juror kit: the code can no longer change."),
)
JUROR_NAME_EMPTY = define_message("setup_juror_name_empty", N_("The juror needs a name."))
BAD_EMAIL = define_message("setup_bad_email", N_("“{value}” is not an e-mail address."))
PIN_TOO_SHORT = define_message(
    "setup_pin_too_short", N_("A PIN needs at least {length} characters.")
)
CONFIRM_DELETE_JUROR = define_message(
    "setup_confirm_delete_juror",
    N_("Juror {juror} has already scored; deleting the juror removes their work:"),
)
CONFIRM_REVERT_IMPORT = define_message(
    "setup_confirm_revert_import",
    N_("Jurors added by the import have already scored; removing them removes their work:"),
)

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class JurorRecord:
    """Everything deleting a juror removes, to put it back on undo."""

    juror: Juror
    pin_hash: str | None
    conflicts: tuple[Conflict, ...]
    assignments: tuple[Assignment, ...]
    impact: ScoreImpact


@dataclass(frozen=True)
class JurorChange:
    before: Juror | None
    after: Juror | None
    before_pin_hash: str | None = None
    after_pin_hash: str | None = None
    removed: JurorRecord | None = None
    """What a deletion removed."""
    restored_scores: int = 0

    @property
    def op_changes(self) -> OpChanges:
        """The rules; the scores too when the juror's were deleted with them or put back."""
        return SETUP | (SCORES if self.removed is not None or self.restored_scores else NOTHING)

    @property
    def code(self) -> str:
        juror = self.after or self.before
        assert juror is not None
        return juror.code

    @property
    def impact(self) -> ScoreImpact:
        return self.removed.impact if self.removed else ScoreImpact()


def _check_juror(juror: Juror) -> Juror:
    juror = replace(
        juror,
        code=clean_text(juror.code),
        name=clean_text(juror.name),
        email=clean_text(juror.email),
    )
    if not juror.code:
        raise InvalidInput(CODE_EMPTY)
    if not juror.name:
        raise InvalidInput(JUROR_NAME_EMPTY)
    if juror.email and not _EMAIL.fullmatch(juror.email):
        raise InvalidInput(BAD_EMAIL, value=juror.email)
    return juror


def jurors_with_pin(store: CampaignStore) -> frozenset[str]:
    """The codes of the jurors who have a PIN."""
    return sql.jurors_with_pin(store)


def _check_pin(pin: str) -> str:
    if len(pin) < PIN_MIN_LENGTH:
        raise InvalidInput(PIN_TOO_SHORT, length=PIN_MIN_LENGTH)
    return pin


def _juror(store: CampaignStore, code: str) -> Juror:
    for juror in store.jurors():
        if juror.code == code:
            return juror
    raise NotFound(UNKNOWN_JUROR, code=code)


def _juror_record(juror: Juror) -> dict[str, Any]:
    return {
        "code": juror.code,
        "name": juror.name,
        "email": juror.email,
        "role": juror.role.value,
        "public_key": juror.public_key.hex() if juror.public_key else None,
    }


def add_juror(
    store: CampaignStore,
    juror: Juror,
    *,
    pin: str | None = None,
    pin_hash: str | None = None,
    restore: JurorRecord | None = None,
    actor: str = ACTOR,
) -> JurorChange:
    """Adds a juror, with a PIN when one is given (only its scrypt hash is stored).

    ``pin_hash`` and ``restore`` serve undo: the stored hash and everything a deletion removed."""
    juror = _check_juror(juror)
    if juror.code in {j.code for j in store.jurors()}:
        raise InvalidInput(JUROR_CODE_TAKEN, code=juror.code)
    if pin is not None:
        pin_hash = sql.hash_pin(_check_pin(pin))
    if restore is not None and pin_hash is None:
        pin_hash = restore.pin_hash
    restored = 0
    with store.transaction():
        store.write_jurors([juror])
        if pin_hash is not None:
            sql.write_pin_hash(store, juror.code, pin_hash)
        if restore is not None:
            restored = _restore_juror_work(store, restore)
        store.record_audit(
            actor,
            "juror.add" if restore is None else "juror.restore",
            f"juror:{juror.code}",
            after={
                **_juror_record(juror),
                "pin": pin_hash is not None,
                "restored_scores": restored,
            },
        )
    return JurorChange(None, juror, None, pin_hash, restored_scores=restored)


def _restore_juror_work(store: CampaignStore, record: JurorRecord) -> int:
    dossiers = {d.ref for d in store.dossiers()}
    criteria = {c.code: c for c in store.criteria()}
    store.write_conflicts(c for c in record.conflicts if c.dossier in dossiers)
    conflicted = conflicted_pairs(record.conflicts)
    store.write_assignments(a for a in record.assignments if a.dossier in dossiers)
    scores = [
        s
        for s in record.impact.removed_scores
        if s.dossier in dossiers
        and may_score(s.juror, s.dossier, conflicted)
        and s.criterion in criteria
        and criteria[s.criterion].accepts(s.value)
    ]
    restored = sql.insert_scores_if_absent(store, scores)
    store.write_reviews(
        r
        for r in record.impact.deleted_reviews
        if r.dossier in dossiers and may_score(r.juror, r.dossier, conflicted)
    )
    return restored


def edit_juror(
    store: CampaignStore,
    code: str,
    juror: Juror,
    *,
    pin: str | _Unchanged | None = UNCHANGED,
    pin_hash: str | _Unchanged | None = UNCHANGED,
    actor: str = ACTOR,
) -> JurorChange:
    """Name, e-mail, role; the code too while the juror has no scores and no kit.

    ``pin``: a new PIN, ``None`` to remove it, ``UNCHANGED`` to keep it; ``pin_hash`` puts back a
    stored hash (undo)."""
    before = _juror(store, code)
    juror = replace(_check_juror(juror), public_key=before.public_key)
    before_hash = sql.pin_hash(store, code)
    if isinstance(pin, str):
        after_hash: str | None = sql.hash_pin(_check_pin(pin))
    elif pin is None:
        after_hash = None
    elif not isinstance(pin_hash, _Unchanged):
        after_hash = pin_hash
    else:
        after_hash = before_hash
    renamed = juror.code != code
    if renamed:
        if juror.code in {j.code for j in store.jurors()}:
            raise InvalidInput(JUROR_CODE_TAKEN, code=juror.code)
        if sql.juror_holds_key(store, code) or store.scores(code):
            raise InvalidInput(JUROR_CODE_FIXED, code=code)
    if juror == before and after_hash == before_hash:
        return JurorChange(before, juror, before_hash, after_hash)
    with store.transaction():
        if renamed:
            sql.rename_juror(store, code, juror.code)
        store.write_jurors([juror])
        if after_hash != before_hash:
            sql.write_pin_hash(store, juror.code, after_hash)
        store.record_audit(
            actor,
            "juror.edit",
            f"juror:{code}",
            before={**_juror_record(before), "pin": before_hash is not None},
            after={
                **_juror_record(juror),
                "pin": after_hash is not None,
                "pin_changed": after_hash != before_hash,
            },
        )
    return JurorChange(before, juror, before_hash, after_hash)


def set_juror_pin(
    store: CampaignStore, code: str, pin: str | None, *, actor: str = ACTOR
) -> JurorChange:
    """Sets (or with ``None`` removes) the PIN a juror types before scoring."""
    return edit_juror(store, code, _juror(store, code), pin=pin, actor=actor)


def delete_juror(
    store: CampaignStore, code: str, *, confirm: bool = False, actor: str = ACTOR
) -> JurorChange:
    """Deletes a juror with their conflicts and assignments; their scores and reviews go too,
    which asks for confirmation first."""
    juror = _juror(store, code)
    reviews = store.reviews(code)
    impact = ScoreImpact(store.scores(code), (), reviews)
    if not impact.is_empty and not confirm:
        raise NeedsConfirmation(CONFIRM_DELETE_JUROR, impact, juror=code)
    record = JurorRecord(
        juror,
        sql.pin_hash(store, code),
        tuple(c for c in store.conflicts() if c.juror == code),
        tuple(a for a in store.assignments() if a.juror == code),
        impact,
    )
    with store.transaction():
        sql.delete_juror(store, code)
        store.record_audit(
            actor,
            "juror.delete",
            f"juror:{code}",
            before={
                **_juror_record(juror),
                "pin": record.pin_hash is not None,
                "conflicts": [[c.dossier, c.reason] for c in record.conflicts],
                "assignments": [a.dossier for a in record.assignments],
            },
            after={"impact": impact.audit_record()},
        )
    return JurorChange(juror, None, record.pin_hash, None, removed=record)


# --- importing a list of jurors ---------------------------------------------------------------


@dataclass(frozen=True)
class JurorImport:
    source: str
    added: tuple[Juror, ...] = ()
    changed: tuple[tuple[Juror, Juror], ...] = ()
    """(before, after) for jurors already in the campaign whose details differ."""
    unchanged: tuple[Juror, ...] = ()
    written: bool = False

    @property
    def op_changes(self) -> OpChanges:
        """The jurors, after an import and after its undo (``written`` then says the import is
        no longer in the file: the undo wrote too)."""
        return SETUP

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed)


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split()
    )


def suggest_juror_code(name: str, taken: Iterable[str]) -> str:
    """Initials of the name (``Claire Martin-Dupont`` → ``CMD``), numbered when already used."""
    words = [w for w in re.split(r"[\s\-'’.]+", _folded(name)) if w and w[0].isalnum()]
    if len(words) >= 2:
        base = "".join(w[0] for w in words[:4]).upper()
    elif words:
        base = words[0][:3].upper()
    else:
        base = "J"
    taken_set = set(taken)
    if base not in taken_set:
        return base
    number = 2
    while f"{base}{number}" in taken_set:
        number += 1
    return f"{base}{number}"


def plan_juror_import(store: CampaignStore, path: Path) -> JurorImport:
    """Reads a list of jurors (XLSX or CSV) and says what importing it would change; writes
    nothing.  Rows match the campaign's jurors by code, else by e-mail, else by name; new jurors
    without a code get their initials."""
    from selection_desk.formats.juror_list import read_juror_list

    entries = read_juror_list(Path(path))
    existing = list(store.jurors())
    by_code = {j.code: j for j in existing}
    by_email = {j.email.casefold(): j for j in existing if j.email}
    by_name = {_folded(j.name): j for j in existing}
    taken = set(by_code)
    added: list[Juror] = []
    changed: list[tuple[Juror, Juror]] = []
    unchanged: list[Juror] = []
    for entry in entries:
        match = (
            by_code.get(entry.code)
            if entry.code
            else (by_email.get(entry.email.casefold()) if entry.email else None)
            or by_name.get(_folded(entry.name))
        )
        if match is None:
            code = entry.code or suggest_juror_code(entry.name, taken)
            taken.add(code)
            added.append(_check_juror(Juror(code, entry.name, entry.email, entry.role)))
            continue
        incoming = _check_juror(
            replace(match, name=entry.name, email=entry.email or match.email, role=entry.role)
        )
        if incoming == match:
            unchanged.append(match)
        else:
            changed.append((match, incoming))
    return JurorImport(Path(path).name, tuple(added), tuple(changed), tuple(unchanged))


def apply_juror_import(
    store: CampaignStore, plan: JurorImport, *, actor: str = ACTOR
) -> JurorImport:
    """Writes a planned import in one transaction (also the redo of an undone import)."""
    codes = {j.code for j in store.jurors()}
    for juror in plan.added:
        if juror.code in codes:
            raise InvalidInput(JUROR_CODE_TAKEN, code=juror.code)
    if plan.is_empty:
        return replace(plan, written=False)
    with store.transaction():
        store.write_jurors([*plan.added, *(after for _before, after in plan.changed)])
        store.record_audit(
            actor,
            "jurors.import",
            f"import:{plan.source}",
            before={"changed": [_juror_record(before) for before, _after in plan.changed]},
            after={
                "added": [_juror_record(j) for j in plan.added],
                "changed": [_juror_record(after) for _before, after in plan.changed],
                "unchanged": len(plan.unchanged),
            },
        )
    return replace(plan, written=True)


def import_jurors(
    store: CampaignStore, path: Path, *, dry_run: bool = False, actor: str = ACTOR
) -> JurorImport:
    plan = plan_juror_import(store, path)
    return plan if dry_run else apply_juror_import(store, plan, actor=actor)


def revert_juror_import(
    store: CampaignStore, change: JurorImport, *, confirm: bool = False, actor: str = ACTOR
) -> JurorImport:
    """Undoes an import: removes the jurors it added (their work, if any, asks for confirmation
    first) and gives the others back their previous details."""
    present = {j.code for j in store.jurors()}
    added = [j for j in change.added if j.code in present]
    impact = ScoreImpact()
    for juror in added:
        impact = impact.merged(ScoreImpact(store.scores(juror.code), (), store.reviews(juror.code)))
    if not impact.is_empty and not confirm:
        raise NeedsConfirmation(CONFIRM_REVERT_IMPORT, impact)
    with store.transaction():
        for juror in added:
            sql.delete_juror(store, juror.code)
        store.write_jurors(before for before, _after in change.changed if before.code in present)
        store.record_audit(
            actor,
            "jurors.import_undo",
            f"import:{change.source}",
            before={"added": [j.code for j in added]},
            after={
                "restored": [_juror_record(before) for before, _after in change.changed],
                "impact": impact.audit_record(),
            },
        )
    return replace(change, written=False)
