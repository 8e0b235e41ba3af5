"""What the assignment by expertise reads (design §12): jurors' and dossiers' tags, jurors' bids
and each juror's maximum load (tables of migration 0007).  Writers run inside the caller's
transaction and audit what they change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from selection_desk.storage.store import CampaignStore

BID_LEVELS = ("eager", "willing", "not")


def normalised_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags compare without case or surrounding blanks; empty ones are dropped, in sorted order."""
    return tuple(sorted({tag.strip().casefold() for tag in tags if tag.strip()}))


def juror_tags(store: CampaignStore) -> dict[str, tuple[str, ...]]:
    rows = store.db.execute(
        "SELECT j.code, t.tag FROM juror_tag t JOIN juror j ON j.id = t.juror_id ORDER BY t.tag"
    )
    return _grouped(rows)


def dossier_tags(store: CampaignStore) -> dict[str, tuple[str, ...]]:
    rows = store.db.execute(
        "SELECT d.ref, t.tag FROM dossier_tag t JOIN dossier d ON d.id = t.dossier_id"
        " ORDER BY t.tag"
    )
    return _grouped(rows)


def bids(store: CampaignStore) -> dict[tuple[str, str], str]:
    rows = store.db.execute(
        "SELECT j.code, d.ref, b.level FROM bid b JOIN juror j ON j.id = b.juror_id"
        " JOIN dossier d ON d.id = b.dossier_id"
    )
    return {(juror, dossier): level for juror, dossier, level in rows}


def load_limits(store: CampaignStore) -> dict[str, int]:
    rows = store.db.execute(
        "SELECT j.code, l.max_load FROM juror_load_limit l JOIN juror j ON j.id = l.juror_id"
    )
    return {code: int(limit) for code, limit in rows}


def _grouped(rows: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for key, tag in rows:
        grouped.setdefault(key, []).append(tag)
    return {key: tuple(tags) for key, tags in grouped.items()}


def write_juror_tags(store: CampaignStore, juror: str, tags: Iterable[str], actor: str) -> None:
    before = juror_tags(store).get(juror, ())
    after = normalised_tags(tags)
    _write_tags(store, "juror", store.juror_id(juror), after)
    store.record_audit(actor, "tags", f"juror:{juror}", list(before), list(after))


def write_dossier_tags(store: CampaignStore, ref: str, tags: Iterable[str], actor: str) -> None:
    before = dossier_tags(store).get(ref, ())
    after = normalised_tags(tags)
    _write_tags(store, "dossier", store.dossier_id(ref), after)
    store.record_audit(actor, "tags", f"dossier:{ref}", list(before), list(after))


def _write_tags(store: CampaignStore, owner: str, owner_id: int, tags: tuple[str, ...]) -> None:
    """Replace the tags of one juror or dossier (``owner``: the table's prefix, ours only)."""
    store.db.execute(f"DELETE FROM {owner}_tag WHERE {owner}_id = ?", [owner_id])
    store.db.conn.executemany(
        f"INSERT INTO {owner}_tag ({owner}_id, tag) VALUES (?, ?)",
        [(owner_id, tag) for tag in tags],
    )


def write_bid(store: CampaignStore, juror: str, ref: str, level: str | None, actor: str) -> None:
    """``level`` one of :data:`BID_LEVELS`, or ``None`` to withdraw the bid."""
    juror_id, dossier_id = store.juror_id(juror), store.dossier_id(ref)
    before = bids(store).get((juror, ref))
    store.db.execute(
        "DELETE FROM bid WHERE juror_id = ? AND dossier_id = ?", [juror_id, dossier_id]
    )
    if level is not None:
        store.db.execute(
            "INSERT INTO bid (juror_id, dossier_id, level) VALUES (?, ?, ?)",
            [juror_id, dossier_id, level],
        )
    store.record_audit(actor, "bid", f"juror:{juror}/dossier:{ref}", before, level)


def write_load_limit(store: CampaignStore, juror: str, limit: int | None, actor: str) -> None:
    """``None`` withdraws the juror's own limit (the even spread applies again)."""
    before = load_limits(store).get(juror)
    _set_load_limit(store, store.juror_id(juror), limit)
    store.record_audit(actor, "max_load", f"juror:{juror}", before, limit)


def _set_load_limit(store: CampaignStore, juror_id: int, limit: int | None) -> None:
    store.db.execute("DELETE FROM juror_load_limit WHERE juror_id = ?", [juror_id])
    if limit is not None:
        store.db.execute(
            "INSERT INTO juror_load_limit (juror_id, max_load) VALUES (?, ?)", [juror_id, limit]
        )


def copy_juror_expertise(
    store: CampaignStore, tags: Mapping[str, Iterable[str]], limits: Mapping[str, int]
) -> None:
    """Give jurors their tags and maximum loads in one go (a campaign made from another one);
    the caller audits the whole copy."""
    for juror, juror_tags in tags.items():
        _write_tags(store, "juror", store.juror_id(juror), normalised_tags(juror_tags))
    for juror, limit in limits.items():
        _set_load_limit(store, store.juror_id(juror), limit)
