"""Use cases: make juror kits (design §4, step 1) and open them on the juror's laptop.

A kit is a campaign file (``campaign.kind = 'juror_kit'``) built *fresh* — a new file into which
only what the kit may hold is copied, then ``VACUUM``-ed — so no page of it ever held another
juror's scores, comments or conflicts, nor a dossier the juror is conflicted with. It holds: the
campaign's settings, the criteria and rubric, that juror (with their PIN hash, if any), the juror's
assigned non-conflicted dossiers with their attachments, the juror's own earlier scores and reviews,
and the kit's identity: a fresh Ed25519 signing key, whose public half the campaign file keeps to
verify the kit's ballots.

With a passphrase the kit is *sealed* (``formats.sealed``: scrypt + AES-GCM) for the journey, and
its signing key is sealed with the same passphrase inside it, so that a ballot can only be signed by
someone who knows it. On the juror's laptop a sealed kit is unsealed once into a working copy in the
per-user data folder (:func:`unlock_kit`), where the juror's work is saved keystroke by keystroke;
opening the same kit again reopens that working copy, never overwrites it.  The working copy lives
in ``<per-user data folder>/kits/<kit id>.seldesk`` (:func:`working_copies_dir`; on Linux
``~/.local/share/selection-desk/kits/``), readable by the user only; it is *not* encrypted, like any
campaign file the app works on, and deleting it once the last ballot is sent removes the juror's
copy of the applicants' data.

**The PIN.** When the juror has a PIN, the kit's signing key is also encrypted (AES-GCM) under a key
derived from the PIN (scrypt): the campaign file keeps that key next to the PIN's hash
(:func:`selection_desk.storage.setup.hash_pin`), so the secretary can make kits later without
knowing the PIN, while the kit holds only the key's salt and the encrypted signing key.  Signing a
ballot (and scoring, which checks the PIN's hash) then needs the PIN.  A PIN is short: it only
*slows down* someone who has the kit file (each guess costs one scrypt), it does not stop them; the
passphrase (which seals the whole kit) is the strong protection of a kit that travels.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from selection_desk.domain import SCORING_ROLES, Assignment
from selection_desk.errors import CampaignFileError, InvalidInput, define_message
from selection_desk.formats import sealed
from selection_desk.formats.ballot import public_key_of
from selection_desk.i18n import N_
from selection_desk.progress import NO_PROGRESS, Progress
from selection_desk.services.op_changes import KITS, OpChanges
from selection_desk.services.scoring import check_scores
from selection_desk.storage import kits as kit_rows
from selection_desk.storage import rounds as round_rows
from selection_desk.storage import setup as pin_rows
from selection_desk.storage.audit import now_iso
from selection_desk.storage.backups import data_dir
from selection_desk.storage.campaign_file import FILE_EXISTS, not_writable
from selection_desk.storage.store import CampaignStore

MIN_PASSPHRASE_LENGTH = 8
KIT_CONTENT = "juror_kit"
CAMPAIGN_HEAD = "campaign_head"
"""Key of the campaign's latest audit hash in the kit's ``kit_created`` audit entry."""

KIT_FROM_KIT = define_message(
    "kit_from_kit",
    N_("{path} is itself a juror kit: make kits from the secretary's campaign file."),
)
KIT_NOT_A_KIT = define_message(
    "kit_not_a_kit", N_("{path} is not a juror kit: it is a campaign file.")
)
KIT_NOT_SEALED_FILE = define_message(
    "kit_not_sealed_file", N_("{path} is neither a campaign file nor a juror kit.")
)
KIT_PASSPHRASE_TOO_SHORT = define_message(
    "kit_passphrase_too_short",
    N_("The passphrase is too short: use at least {minimum} characters."),
)
KIT_PASSPHRASE_NEEDED = define_message(
    "kit_passphrase_needed",
    N_("{path} is protected by a passphrase: give the passphrase to open it."),
)
KIT_WRONG_PASSPHRASE = define_message(
    "kit_wrong_passphrase", N_("The passphrase does not open {path}: check it and try again.")
)
KIT_PIN_NEEDED = define_message(
    "kit_pin_needed",
    N_(
        "The kit of juror {juror} is protected by their PIN: give the PIN to sign a ballot "
        "(on the command line: --pin-file P)."
    ),
)
KIT_PIN_NEEDED_TO_SCORE = define_message(
    "kit_pin_needed_to_score",
    N_(
        "The kit of juror {juror} is protected by their PIN: give the PIN to score in it "
        "(on the command line: --pin-file P)."
    ),
)
KIT_WRONG_PIN = define_message(
    "kit_wrong_pin", N_("The PIN does not open the kit of juror {juror}: check it and try again.")
)
KIT_PIN_BEFORE_KEYS = define_message(
    "kit_pin_before_keys",
    N_(
        "The PIN of juror {juror} was set by an earlier version, which could not protect kits "
        "with it: set the PIN again, then make the kit."
    ),
)
KIT_DAMAGED = define_message(
    "kit_damaged",
    N_("{path} is damaged or was altered on its way: ask the secretary for a new kit."),
)


@dataclass(frozen=True)
class KitReport:
    juror: str
    path: Path
    kit_id: str
    dossiers: int
    attachments: int
    scores: int
    sealed: bool

    @property
    def op_changes(self) -> OpChanges:
        return KITS


def kit_juror(store: CampaignStore) -> str:
    """The code of the juror a kit is for."""
    identity = kit_rows.read_kit_identity(store)
    if identity is None or not kit_rows.is_juror_kit(store):
        raise InvalidInput(KIT_NOT_A_KIT, path=str(store.path))
    return identity.juror


def kit_file_name(juror: str) -> str:
    """``kit-J01.seldesk``: a file name safe on every system, whatever the juror's code."""
    safe = re.sub(r"[^\w-]+", "_", juror, flags=re.ASCII).strip("_") or "juror"
    return f"kit-{safe[:60]}.seldesk"


def check_passphrase(passphrase: str | None) -> None:
    if passphrase is not None and len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise InvalidInput(KIT_PASSPHRASE_TOO_SHORT, minimum=MIN_PASSPHRASE_LENGTH)


def make_kit(
    store: CampaignStore,
    juror: str,
    out: Path,
    *,
    passphrase: str | None = None,
    actor: str = "secretary",
    progress: Progress = NO_PROGRESS,
) -> KitReport:
    """Write the kit of ``juror`` to ``out`` (which must not exist), then record it in the campaign
    (its public key, audited) in one transaction.  A failure leaves neither file nor record."""
    out = Path(out)
    _check_can_issue(store, passphrase)
    store.juror_id(juror)  # an unknown juror is refused before anything is written
    check_scores(store, juror)  # a secretary or an observer has nothing to score offline
    _kit_pin(store, juror)
    if out.exists():
        raise CampaignFileError(FILE_EXISTS, path=str(out))
    return _make_kit(store, juror, out, passphrase, actor, progress, (0, 1))


def make_all_kits(
    store: CampaignStore,
    folder: Path,
    *,
    passphrase: str | None = None,
    actor: str = "secretary",
    progress: Progress = NO_PROGRESS,
) -> list[KitReport]:
    """One kit per juror who scores in ``folder`` (created if needed), named by
    :func:`kit_file_name`.

    Every target is checked first: if one exists, nothing is written."""
    folder = Path(folder)
    _check_can_issue(store, passphrase)
    jurors = [juror.code for juror in store.jurors() if juror.role in SCORING_ROLES]
    for code in jurors:
        _kit_pin(store, code)
    targets = [folder / kit_file_name(code) for code in jurors]
    for target in targets:
        if target.exists():
            raise CampaignFileError(FILE_EXISTS, path=str(target))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise not_writable(error, folder) from None
    reports = []
    for index, (code, target) in enumerate(zip(jurors, targets, strict=True)):
        reports.append(
            _make_kit(store, code, target, passphrase, actor, progress, (index, len(jurors)))
        )
    progress.step(len(jurors), len(jurors))
    return reports


def _check_can_issue(store: CampaignStore, passphrase: str | None) -> None:
    if kit_rows.is_juror_kit(store):
        raise InvalidInput(KIT_FROM_KIT, path=str(store.path))
    store.campaign()  # an empty file is refused with its own message
    check_passphrase(passphrase)


def _make_kit(
    store: CampaignStore,
    juror: str,
    out: Path,
    passphrase: str | None,
    actor: str,
    progress: Progress,
    position: tuple[int, int],
) -> KitReport:
    done, total = position
    progress.step(done, total, juror)
    signing_key = Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )
    kit_id = str(uuid.uuid4())
    campaign = store.campaign()
    identity = kit_rows.KitIdentity(
        kit_id=kit_id,
        juror=juror,
        campaign_uid=campaign.uid,
        issued_at=now_iso(),
        private_key=signing_key,
        key_salt=None,
        key_nonce=None,
        ballot_key=os.urandom(sealed.KEY_BYTES),
        seal_ballots=passphrase is not None,
        ballot_revision=kit_rows.KIT_FIRST_REVISION,
        last_ballot=None,
    )
    pin = _kit_pin(store, juror)
    if pin is not None:
        identity = _protect_with_pin(identity, pin[1])
    if passphrase is not None:
        identity = _seal_signing_key(identity, passphrase)
    with tempfile.TemporaryDirectory(prefix="selection-desk-kit-") as workdir:
        plain = Path(workdir) / "kit.seldesk"
        counts = _build_kit_file(store, juror, plain, identity, actor, progress)
        _place(plain, out, kit_id, passphrase)
    try:
        _write_instructions(store, juror, out, sealed=passphrase is not None, has_pin=bool(pin))
        with store.transaction():
            kit_rows.record_kit_issue(
                store,
                kit_rows.KitIssue(
                    kit_id,
                    juror,
                    public_key_of(signing_key),
                    identity.ballot_key,
                    identity.ballot_revision,
                    passphrase is not None,
                    identity.issued_at,
                ),
            )
            store.record_audit(
                actor,
                "make_kit",
                f"kit:{juror}",
                after={
                    "kit_id": kit_id,
                    "file": out.name,
                    "sealed": passphrase is not None,
                    "public_key": public_key_of(signing_key).hex(),
                    **counts,
                },
            )
    except BaseException:
        out.unlink(missing_ok=True)
        instructions_path(out).unlink(missing_ok=True)
        raise
    return KitReport(juror, out, kit_id, sealed=passphrase is not None, **counts)


def _seal_signing_key(identity: kit_rows.KitIdentity, passphrase: str) -> kit_rows.KitIdentity:
    salt = os.urandom(16)
    key = sealed.passphrase_key(passphrase, {**sealed.new_passphrase_kdf(), "salt": salt.hex()})
    nonce, ciphertext = sealed.seal_secret(identity.private_key, key, identity.kit_id.encode())
    return replace(identity, private_key=ciphertext, key_salt=salt, key_nonce=nonce)


def instructions_path(kit: Path) -> Path:
    """The juror's instruction sheet sits next to their kit: ``kit-J2.seldesk`` →
    ``kit-J2-instructions.pdf``."""
    return kit.with_name(f"{kit.stem}-instructions.pdf")


def _write_instructions(
    store: CampaignStore, juror: str, kit: Path, *, sealed: bool, has_pin: bool
) -> None:
    """In the campaign's language: a juror has none of their own."""
    # reportlab loads with the first kit written, not with every file the app opens (a kit?).
    from selection_desk.reports.kit_instructions import KitInstructions, write_kit_instructions

    campaign = store.campaign()
    facts = KitInstructions(
        campaign=campaign,
        juror=next(j for j in store.jurors() if j.code == juror),
        kit_file=kit.name,
        sealed=sealed,
        has_pin=has_pin,
        dossiers=len(kit_rows.kit_dossier_refs(store, juror)),
    )
    write_kit_instructions(facts, instructions_path(kit), campaign.language)


def _kit_pin(store: CampaignStore, juror: str) -> tuple[str, bytes] | None:
    """``(what the kit keeps of the PIN, the PIN's key)`` for a juror with a PIN, else None."""
    stored = kit_rows.juror_pin_hash(store, juror)
    if not stored:
        return None
    pin_key = pin_rows.stored_pin_key(stored)
    if pin_key is None:
        raise InvalidInput(KIT_PIN_BEFORE_KEYS, juror=juror)
    return pin_rows.pin_for_kit(stored), pin_key[1]


def _protect_with_pin(identity: kit_rows.KitIdentity, pin_key: bytes) -> kit_rows.KitIdentity:
    nonce, ciphertext = sealed.seal_secret(
        identity.private_key, pin_key, _pin_associated(identity.kit_id)
    )
    return replace(identity, private_key=nonce + ciphertext)


def _pin_associated(kit_id: str) -> bytes:
    return f"{kit_id}:pin".encode()


def kit_needs_pin(kit: CampaignStore) -> bool:
    """Whether the kit's signing key is protected by the juror's PIN."""
    identity = kit_rows.read_kit_identity(kit)
    if identity is None:
        return False
    return pin_rows.kit_pin_key_salt(kit_rows.juror_pin_hash(kit, identity.juror)) is not None


def check_kit_pin(kit: CampaignStore, pin: str | None) -> None:
    """Refuse work on a kit protected by its juror's PIN unless ``pin`` is that PIN (the command
    line's ``score`` on a kit asks for it as the app's juror mode does)."""
    if not kit_needs_pin(kit):
        return
    juror = kit_juror(kit)
    if not pin:
        raise InvalidInput(KIT_PIN_NEEDED_TO_SCORE, juror=juror)
    if not pin_rows.verify_pin(pin, kit_rows.juror_pin_hash(kit, juror)):
        raise InvalidInput(KIT_WRONG_PIN, juror=juror)


def signing_key(kit: CampaignStore, passphrase: str | None = None, pin: str | None = None) -> bytes:
    """The kit's raw Ed25519 key: a sealed one needs the kit's passphrase, one protected by the
    juror's PIN needs the PIN."""
    identity = kit_rows.read_kit_identity(kit)
    if identity is None or not kit_rows.is_juror_kit(kit):
        raise InvalidInput(KIT_NOT_A_KIT, path=str(kit.path))
    key = _passphrase_layer(identity, passphrase, kit.path)
    key_salt = pin_rows.kit_pin_key_salt(kit_rows.juror_pin_hash(kit, identity.juror))
    if key_salt is None:
        return key
    if not pin:
        raise InvalidInput(KIT_PIN_NEEDED, juror=identity.juror)
    try:
        return sealed.open_secret(
            key[:12], key[12:], pin_rows.pin_key(pin, key_salt), _pin_associated(identity.kit_id)
        )
    except sealed.WrongKey:
        raise InvalidInput(KIT_WRONG_PIN, juror=identity.juror) from None


def _passphrase_layer(identity: kit_rows.KitIdentity, passphrase: str | None, path: Path) -> bytes:
    if identity.key_salt is None or identity.key_nonce is None:
        return identity.private_key
    if passphrase is None:
        raise InvalidInput(KIT_PASSPHRASE_NEEDED, path=str(path))
    kdf = {**sealed.new_passphrase_kdf(), "salt": identity.key_salt.hex()}
    key = sealed.passphrase_key(passphrase, kdf)
    try:
        return sealed.open_secret(
            identity.key_nonce, identity.private_key, key, identity.kit_id.encode()
        )
    except sealed.WrongKey:
        raise InvalidInput(KIT_WRONG_PASSPHRASE, path=str(path)) from None


def _build_kit_file(
    store: CampaignStore,
    juror: str,
    path: Path,
    identity: kit_rows.KitIdentity,
    actor: str,
    progress: Progress,
) -> dict[str, int]:
    refs = kit_rows.kit_dossier_refs(store, juror)
    kept = set(refs)
    juror_row = next(j for j in store.jurors() if j.code == juror)
    dossiers = [dossier for dossier in store.dossiers() if dossier.ref in kept]
    attachments = [a for a in store.attachments() if a.dossier in kept]
    reviews = [review for review in store.reviews(juror) if review.dossier in kept]
    scores = [score for score in store.scores(juror) if score.dossier in kept]
    criteria = store.criteria()
    with CampaignStore.create(path, store.campaign(), actor=actor) as kit:
        with kit.transaction():
            # The kit's one round is the round it was made for (its uid signs the ballots); it
            # knows nothing of the others.
            round_rows.mirror_round(kit, store.round)
            kit.write_criteria(criteria, {c.code: i for i, c in enumerate(criteria)})
            # The kit's own key is recorded by the campaign file; inside the kit the juror row
            # carries none (the identity row holds the signing key).
            kit.write_jurors([replace(juror_row, public_key=None)])
            pin = _kit_pin(store, juror)
            kit_rows.set_juror_pin_hash(kit, juror, None if pin is None else pin[0])
            kit.write_dossiers(dossiers, {ref: i for i, ref in enumerate(refs)})
            if kit_rows.has_explicit_assignments(store):
                kit.write_assignments(Assignment(juror, ref) for ref in refs)
            for attachment in attachments:
                progress.check()
                kit.write_attachment(
                    attachment.dossier,
                    attachment.file_name,
                    attachment.mime_type,
                    store.attachment_content(attachment.sha256),
                )
            kit.write_reviews(reviews)
            kit.write_scores(scores)
            # Last: from now on the database refuses every change of the kit's set-up.
            kit_rows.set_campaign_kind(kit, kit_rows.KIND_JUROR_KIT)
            kit_rows.write_kit_identity(kit, identity)
            kit.record_audit(
                actor,
                "kit_created",
                f"kit:{juror}",
                after={
                    "kit_id": identity.kit_id,
                    "dossiers": len(dossiers),
                    # An anchor outside the campaign file: `check --kit` finds it in the chain.
                    CAMPAIGN_HEAD: store.latest_audit_hash(),
                },
            )
        kit.db.execute("VACUUM")
    return {"dossiers": len(dossiers), "attachments": len(attachments), "scores": len(scores)}


def _place(plain: Path, out: Path, kit_id: str, passphrase: str | None) -> None:
    """Move the finished kit to ``out``: sealed with the passphrase, or as is; atomically."""
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        if passphrase is None:
            shutil.copyfile(plain, partial)
        else:
            kdf = sealed.new_passphrase_kdf()
            key = sealed.passphrase_key(passphrase, kdf)
            with plain.open("rb") as source, partial.open("wb") as target:
                sealed.seal_stream(source, target, key, KIT_CONTENT, {"kit_id": kit_id, "kdf": kdf})
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        partial.replace(out)
    except OSError as error:
        raise not_writable(error, out) from None
    finally:
        partial.unlink(missing_ok=True)


# -- the juror's side -------------------------------------------------------------------------


def is_sealed_kit(path: Path) -> bool:
    """Whether ``path`` is a kit sealed with a passphrase (opening it asks for the passphrase)."""
    if not sealed.is_sealed(path):
        return False
    try:
        return sealed.read_header(path).content == KIT_CONTENT
    except (sealed.SealError, OSError):
        return False


def working_copies_dir() -> Path:
    return data_dir() / "kits"


def unlock_kit(path: Path, passphrase: str | None) -> Path:
    """The campaign file to open for ``path``: itself when it is not sealed, else the working copy
    of the sealed kit, unsealed on first use (a wrong passphrase is a clear error)."""
    path = Path(path)
    if not sealed.is_sealed(path):
        return path
    try:
        header = sealed.read_header(path)
        kit_id = str(uuid.UUID(header.kit_id))
    except (sealed.SealError, ValueError):
        raise InvalidInput(KIT_NOT_SEALED_FILE, path=str(path)) from None
    except OSError as error:
        raise not_writable(error, path) from None
    if header.content != KIT_CONTENT or not header.uses_passphrase:
        raise InvalidInput(KIT_NOT_SEALED_FILE, path=str(path))
    if passphrase is None:
        raise InvalidInput(KIT_PASSPHRASE_NEEDED, path=str(path))
    try:
        key = sealed.passphrase_key(passphrase, header.fields["kdf"])
        sealed.check_key(header, key)
    except sealed.WrongKey:
        raise InvalidInput(KIT_WRONG_PASSPHRASE, path=str(path)) from None
    except sealed.SealError:
        raise InvalidInput(KIT_DAMAGED, path=str(path)) from None
    folder = working_copies_dir()
    working = folder / f"{kit_id}.seldesk"
    if working.exists():
        return working
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = folder / f".{kit_id}.{os.getpid()}.partial"
    try:
        with path.open("rb") as source, partial.open("wb") as target:
            sealed.unseal_stream(source, target, key)
            target.flush()
            os.fsync(target.fileno())
        partial.replace(working)
    except sealed.SealError:
        raise InvalidInput(KIT_DAMAGED, path=str(path)) from None
    except OSError as error:
        raise not_writable(error, working) from None
    finally:
        partial.unlink(missing_ok=True)
    return working


def kit_campaign_head(path: Path, passphrase: str | None = None) -> str | None:
    """The campaign's latest audit hash when the kit was issued, read-only (``None``: a kit issued
    before kits recorded it); refuses a campaign file."""
    with CampaignStore.open(unlock_kit(path, passphrase), readonly=True) as kit:
        if not kit_rows.is_juror_kit(kit):
            raise InvalidInput(KIT_NOT_A_KIT, path=str(path))
        for entry in kit.audit_entries():
            if entry.action == "kit_created" and entry.after:
                head = json.loads(entry.after).get(CAMPAIGN_HEAD)
                return head if isinstance(head, str) else None
    return None


def open_kit(path: Path, passphrase: str | None = None) -> CampaignStore:
    """Open a kit (sealed or not) for scoring; refuses a campaign file."""
    store = CampaignStore.open(unlock_kit(path, passphrase))
    if not kit_rows.is_juror_kit(store):
        store.close()
        raise InvalidInput(KIT_NOT_A_KIT, path=str(path))
    return store
