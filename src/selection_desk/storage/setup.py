"""The SQL of the campaign set-up use cases (the modules that
:mod:`selection_desk.services.setup_common` names).

What :class:`~selection_desk.storage.store.CampaignStore` does not offer: deleting and renaming
criteria and jurors, ordering criteria, removing scores, reviews, conflicts and assignments, and the
jurors' PIN hashes.  Every writing function here is called inside ``store.transaction()`` by a use
case that also records the audit entry.

**PIN hashes** (``juror.pin_hash``): ``scrypt$<salt_hex>$<hash_hex>``, scrypt with n=2**14, r=8,
p=1, a 16-byte random salt and a 32-byte key, all over the PIN's UTF-8 bytes.  The PIN itself is
never stored.  :func:`hash_pin` makes one, :func:`verify_pin` checks a typed PIN against one (in
constant time); any other text in the column verifies nothing.

A PIN set by this version carries two more fields: ``…$<key_salt_hex>$<key_hex>``, a second scrypt
of the PIN under its own salt — the key that protects the signing key of the juror's kits
(:mod:`selection_desk.services.kits`), so that kits can be made later without knowing the PIN.
A kit receives the hash and the key's salt (:func:`pin_for_kit`), never the key itself.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Sequence

from selection_desk.domain import Review, ReviewStatus, Score
from selection_desk.storage.store import CampaignStore

PIN_SCHEME = "scrypt"
PIN_SCRYPT_N = 2**14
PIN_SCRYPT_R = 8
PIN_SCRYPT_P = 1
PIN_KEY_BYTES = 32
PIN_SALT_BYTES = 16


# -- PIN hashes -------------------------------------------------------------------------------


def _scrypt(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"),
        salt=salt,
        n=PIN_SCRYPT_N,
        r=PIN_SCRYPT_R,
        p=PIN_SCRYPT_P,
        dklen=PIN_KEY_BYTES,
    )


def hash_pin(pin: str) -> str:
    """``scrypt$<salt_hex>$<hash_hex>$<key_salt_hex>$<key_hex>`` for ``pin``, fresh salts."""
    salt = secrets.token_bytes(PIN_SALT_BYTES)
    key_salt = secrets.token_bytes(PIN_SALT_BYTES)
    return (
        f"{PIN_SCHEME}${salt.hex()}${_scrypt(pin, salt).hex()}"
        f"${key_salt.hex()}${pin_key(pin, key_salt).hex()}"
    )


def pin_key(pin: str, key_salt: bytes) -> bytes:
    """The PIN's key under ``key_salt`` (what the kit derives from the typed PIN)."""
    return _scrypt(pin, key_salt)


def stored_pin_key(stored: str | None) -> tuple[bytes, bytes] | None:
    """``(key_salt, key)`` from a stored PIN, or None (no PIN, or one set before PIN keys)."""
    parts = (stored or "").split("$")
    if len(parts) != 5 or parts[0] != PIN_SCHEME:
        return None
    try:
        key_salt, key = bytes.fromhex(parts[3]), bytes.fromhex(parts[4])
    except ValueError:
        return None
    return (key_salt, key) if key_salt and len(key) == PIN_KEY_BYTES else None


def pin_for_kit(stored: str) -> str:
    """What a kit keeps of a stored PIN: ``scrypt$<salt>$<hash>$<key_salt>`` — without the key."""
    return "$".join(stored.split("$")[:4])


def kit_pin_key_salt(kit_stored: str | None) -> bytes | None:
    """The key salt in a kit's :func:`pin_for_kit` value: the kit's signing key is protected by
    the PIN when there is one."""
    parts = (kit_stored or "").split("$")
    if len(parts) != 4 or parts[0] != PIN_SCHEME:
        return None
    try:
        return bytes.fromhex(parts[3]) or None
    except ValueError:
        return None


def verify_pin(pin: str, stored: str | None) -> bool:
    """Whether ``pin`` is the PIN that ``stored`` (a :func:`hash_pin` result) was made from."""
    if not stored:
        return False
    parts = stored.split("$")
    if len(parts) not in (3, 4, 5) or parts[0] != PIN_SCHEME:
        return False
    salt_hex, key_hex = parts[1], parts[2]
    try:
        salt, key = bytes.fromhex(salt_hex), bytes.fromhex(key_hex)
    except ValueError:
        return False
    if not salt or len(key) != PIN_KEY_BYTES:
        return False
    return hmac.compare_digest(_scrypt(pin, salt), key)


def pin_hash(store: CampaignStore, juror: str) -> str | None:
    row = store.db.execute(
        "SELECT pin_hash FROM juror WHERE id = ?", [store.juror_id(juror)]
    ).fetchone()
    return None if row is None else row[0]


def jurors_with_pin(store: CampaignStore) -> frozenset[str]:
    rows = store.db.execute("SELECT code FROM juror WHERE pin_hash IS NOT NULL")
    return frozenset(code for (code,) in rows)


def pin_hashes(store: CampaignStore) -> dict[str, str]:
    """Juror code → stored PIN hash, for the jurors who have a PIN."""
    rows = store.db.execute("SELECT code, pin_hash FROM juror WHERE pin_hash IS NOT NULL")
    return {code: stored for code, stored in rows}


def write_pin_hash(store: CampaignStore, juror: str, value: str | None) -> None:
    store.db.execute("UPDATE juror SET pin_hash = ? WHERE id = ?", [value, store.juror_id(juror)])


# -- identity caches --------------------------------------------------------------------------


def _forget_identities(store: CampaignStore) -> None:
    """Drop the store's code → id and criteria caches after rows were deleted or renamed here.

    (``CampaignStore`` drops them itself for the writes it makes; these writes are not its own.)
    """
    store._ids.clear()
    store._criteria = None
    store.forget_round()


# -- criteria ---------------------------------------------------------------------------------


def delete_criterion(store: CampaignStore, code: str) -> None:
    """Deletes the criterion, its rubric levels and its scores (the reviews' counts follow)."""
    store.db.execute("DELETE FROM criterion WHERE id = ?", [store.criterion_id(code)])
    _forget_identities(store)


def rename_criterion(store: CampaignStore, code: str, new_code: str) -> None:
    store.db.execute(
        "UPDATE criterion SET code = ? WHERE id = ?", [new_code, store.criterion_id(code)]
    )
    store.db.execute("UPDATE campaign SET tie_break = ? WHERE tie_break = ?", [new_code, code])
    _forget_identities(store)


def write_criterion_order(store: CampaignStore, codes: Sequence[str]) -> None:
    store.db.conn.executemany(
        "UPDATE criterion SET position = ? WHERE id = ?",
        [(position, store.criterion_id(code)) for position, code in enumerate(codes)],
    )
    store._criteria = None


# -- scores and reviews -----------------------------------------------------------------------

_SCORE_COLUMNS = (
    "SELECT j.code, d.ref, c.code, s.value, s.comment, s.revision, s.updated_at"
    " FROM score s JOIN juror j ON j.id = s.juror_id JOIN dossier d ON d.id = s.dossier_id"
    " JOIN criterion c ON c.id = s.criterion_id"
)
_SCORE_ORDER = " ORDER BY j.id, d.position, d.id, c.position, c.id"


def scores_on_criterion(store: CampaignStore, code: str) -> tuple[Score, ...]:
    rows = store.db.execute(
        f"{_SCORE_COLUMNS} WHERE s.criterion_id = ?{_SCORE_ORDER}", [store.criterion_id(code)]
    )
    return tuple(Score(*row) for row in rows)


def scores_of_juror_on(store: CampaignStore, juror: str, dossier: str) -> tuple[Score, ...]:
    rows = store.db.execute(
        f"{_SCORE_COLUMNS} WHERE c.round_id = ? AND s.juror_id = ? AND s.dossier_id = ?"
        f"{_SCORE_ORDER}",
        [store.round_id, store.juror_id(juror), store.dossier_id(dossier)],
    )
    return tuple(Score(*row) for row in rows)


def score_counts_by_pair(store: CampaignStore) -> dict[tuple[str, str], int]:
    rows = store.db.execute(
        "SELECT j.code, d.ref, r.scored FROM review r JOIN juror j ON j.id = r.juror_id"
        " JOIN dossier d ON d.id = r.dossier_id WHERE r.round_id = ? AND r.scored > 0",
        [store.round_id],
    )
    return {(code, ref): scored for code, ref, scored in rows}


def reviews_with_status(store: CampaignStore, status: ReviewStatus) -> tuple[Review, ...]:
    rows = store.db.execute(
        "SELECT j.code, d.ref, r.status, r.comment, r.confidence, r.revision, r.updated_at,"
        " r.feedback FROM review r JOIN juror j ON j.id = r.juror_id"
        " JOIN dossier d ON d.id = r.dossier_id WHERE r.round_id = ? AND r.status = ?"
        " ORDER BY j.id, d.position, d.id",
        [store.round_id, status.value],
    )
    return tuple(Review(code, ref, ReviewStatus(state), *rest) for code, ref, state, *rest in rows)


def delete_scores(store: CampaignStore, scores: Iterable[Score]) -> None:
    store.db.conn.executemany(
        "DELETE FROM score WHERE juror_id = ? AND dossier_id = ? AND criterion_id = ?",
        [
            (store.juror_id(s.juror), store.dossier_id(s.dossier), store.criterion_id(s.criterion))
            for s in scores
        ],
    )


def insert_scores_if_absent(store: CampaignStore, scores: Iterable[Score]) -> int:
    """Puts back scores that are not there; a score given since is kept.  Returns how many."""
    cursor = store.db.conn.executemany(
        "INSERT OR IGNORE INTO score (juror_id, dossier_id, criterion_id, value, comment,"
        " revision, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                store.juror_id(s.juror),
                store.dossier_id(s.dossier),
                store.criterion_id(s.criterion),
                s.value,
                s.comment,
                s.revision,
                s.updated_at,
            )
            for s in scores
        ],
    )
    return cursor.rowcount


def delete_review(store: CampaignStore, juror: str, dossier: str) -> None:
    """Deletes a review of the current round and its scores (scores first: the review counts
    them)."""
    params = [store.juror_id(juror), store.dossier_id(dossier), store.round_id]
    store.db.execute(
        "DELETE FROM score WHERE juror_id = ? AND dossier_id = ?"
        " AND criterion_id IN (SELECT id FROM criterion WHERE round_id = ?)",
        params,
    )
    store.db.execute(
        "DELETE FROM review WHERE juror_id = ? AND dossier_id = ? AND round_id = ?", params
    )


# -- jurors -----------------------------------------------------------------------------------


def delete_juror(store: CampaignStore, code: str) -> None:
    """Deletes the juror with their scores, reviews, conflicts and assignments."""
    juror_id = store.juror_id(code)
    store.db.execute("DELETE FROM score WHERE juror_id = ?", [juror_id])
    store.db.execute("DELETE FROM juror WHERE id = ?", [juror_id])
    _forget_identities(store)


def rename_juror(store: CampaignStore, code: str, new_code: str) -> None:
    store.db.execute("UPDATE juror SET code = ? WHERE id = ?", [new_code, store.juror_id(code)])
    _forget_identities(store)


def juror_holds_key(store: CampaignStore, code: str) -> bool:
    row = store.db.execute(
        "SELECT public_key IS NOT NULL FROM juror WHERE id = ?", [store.juror_id(code)]
    ).fetchone()
    return bool(row and row[0])


# -- conflicts and assignments ----------------------------------------------------------------


def delete_conflict(store: CampaignStore, juror: str, dossier: str) -> None:
    store.db.execute(
        "DELETE FROM conflict WHERE juror_id = ? AND dossier_id = ?",
        [store.juror_id(juror), store.dossier_id(dossier)],
    )


def replace_assignments(store: CampaignStore, pairs: Iterable[tuple[str, str]]) -> None:
    """The current round's explicit assignments become exactly ``pairs`` (none: everyone scores
    everything)."""
    store.db.execute("DELETE FROM assignment WHERE round_id = ?", [store.round_id])
    _insert_assignments(store, pairs)


def _insert_assignments(store: CampaignStore, pairs: Iterable[tuple[str, str]]) -> None:
    store.db.conn.executemany(
        "INSERT OR IGNORE INTO assignment (round_id, juror_id, dossier_id) VALUES (?, ?, ?)",
        [
            (store.round_id, store.juror_id(juror), store.dossier_id(dossier))
            for juror, dossier in pairs
        ],
    )


def change_assignments(
    store: CampaignStore,
    *,
    added: Iterable[tuple[str, str]],
    removed: Iterable[tuple[str, str]],
) -> None:
    """Adds and removes explicit assignments, leaving the others as they are."""
    store.db.conn.executemany(
        "DELETE FROM assignment WHERE round_id = ? AND juror_id = ? AND dossier_id = ?",
        [
            (store.round_id, store.juror_id(juror), store.dossier_id(dossier))
            for juror, dossier in removed
        ],
    )
    _insert_assignments(store, added)


def delete_assignment(store: CampaignStore, juror: str, dossier: str) -> None:
    store.db.execute(
        "DELETE FROM assignment WHERE round_id = ? AND juror_id = ? AND dossier_id = ?",
        [store.round_id, store.juror_id(juror), store.dossier_id(dossier)],
    )
