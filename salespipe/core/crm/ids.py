"""The CRM's own record IDs, read back from its export, so that a re-import updates.

Pipedrive never treats deals as duplicates and updates a record only through a
column mapped to its "Pipedrive System ID" (Pipedrive's help, docs/sources.md). After a first import
the user exports deals (and, if they like, people and organisations) from
Pipedrive: every row holds Pipedrive's ID and the ``salespipe ID`` custom field the
import filled. :func:`read_crm_ids` reads such a grid, whatever other columns it
has, into a :class:`CrmIdMap` ``{salespipe ID: CRM ID}``; :func:`apply_crm_ids`
puts the IDs into the rows of an export and says which records will be updated,
which created, and which IDs of the map no longer match a record. Pure: the file
is read by :mod:`salespipe.export`.

Columns are found by header, folded (case, accents, punctuation): ``Deal - salespipe
ID`` or ``salespipe ID`` for ours, ``Deal - ID``, ``ID``, ``Deal - Pipedrive System
ID`` or ``Pipedrive System ID - Deal`` for Pipedrive's, likewise for ``Person`` and
``Organization`` (and the French ``Affaire``, ``Personne``, ``Organisation``). A
column without an item (``salespipe ID``) takes each row's kind from the ID's prefix.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from salespipe.core.crm.records import CompanyRow, ContactRow, Table
from salespipe.core.errors import ConfigError
from salespipe.core.model import fold
from salespipe.core.reading.parsing import parse_text
from salespipe.core.texts import Bilingual, both

#: Record kinds, by the letter of salespipe's IDs (``sp_d_…``): the CRM's item names.
KIND_NAMES = {"d": "deal", "p": "person", "c": "organization"}
KIND_PLURALS = {"d": "deals", "p": "people", "c": "organizations"}
_ITEMS = {
    "d": ("deal", "deals", "affaire", "affaires", "transaction", "transactions"),
    "p": ("person", "persons", "people", "personne", "personnes", "contact", "contacts",
          "contact person", "personne de contact"),
    "c": ("organization", "organizations", "organisation", "organisations", "org",
          "company", "societe", "entreprise"),
}  # fmt: skip
_ITEM_OF = {name: kind for kind, names in _ITEMS.items() for name in names}
_OURS = ("salespipe id", "id salespipe", "salespipe")
_THEIRS = (
    "id",
    "pipedrive system id",
    "pipedrive id",
    "system id",
    "id pipedrive",
    "id systeme pipedrive",
    "identifiant",
    "identifiant pipedrive",
)
_SEPARATOR = re.compile(r"\s+[-–]\s+")
_SALESPIPE_ID = re.compile(r"sp_([dpc])_[0-9a-f]{12}")
_CRM_ID = re.compile(r"\d{1,18}")


@dataclass(frozen=True)
class CrmIdEntry:
    """Where one salespipe ID was found in the CRM's export, and the CRM's ID for it."""

    crm_id: str
    source: str = ""
    row: int = 0
    column: str = ""


@dataclass
class CrmIdMap:
    """``{salespipe ID: entry}`` read from one or more export files of the CRM.

    ``kinds``: the record kinds the files give IDs for (a people export gives ``p``),
    even where a row is blank; records of other kinds get no ID column at all.
    ``without_id``: data rows with no salespipe ID (records created in the CRM).
    """

    entries: dict[str, CrmIdEntry] = field(default_factory=dict)
    kinds: set[str] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)
    without_id: int = 0
    _owners: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def from_ids(cls, ids: Mapping[str, str]) -> CrmIdMap:
        """A map from a plain ``{salespipe ID: CRM ID}`` mapping (no file, no rows)."""
        found = cls()
        for salespipe_id, crm_id in ids.items():
            if not (_SALESPIPE_ID.fullmatch(salespipe_id) and _CRM_ID.fullmatch(crm_id)):
                raise ConfigError("crm_ids_bad_pair", salespipe_id=salespipe_id, crm_id=crm_id)
            found.add(salespipe_id, CrmIdEntry(crm_id))
        return found

    @property
    def ids(self) -> dict[str, str]:
        """``{salespipe ID: CRM ID}``."""
        return {k: e.crm_id for k, e in self.entries.items()}

    def add(self, salespipe_id: str, entry: CrmIdEntry) -> None:
        """Record one pair; the same record twice with two IDs is a ConfigError."""
        kind = salespipe_id[3]
        self.kinds.add(kind)
        known = self.entries.get(salespipe_id)
        if known is not None and known.crm_id != entry.crm_id:
            raise ConfigError(
                "crm_ids_twice_in_crm",
                place=_place(entry),
                salespipe_id=salespipe_id,
                crm_id=entry.crm_id,
                known_place=_place(known),
                known_id=known.crm_id,
                kind=_kind(kind),
            )
        owner = self._owners.setdefault((kind, entry.crm_id), salespipe_id)
        if owner != salespipe_id:
            first = self.entries[owner]
            raise ConfigError(
                "crm_ids_shared",
                place=_place(entry),
                kind=_kind(kind),
                crm_id=entry.crm_id,
                salespipe_id=salespipe_id,
                owner=owner,
                owner_place=_place(first),
            )
        if known is None:
            self.entries[salespipe_id] = entry


def _place(entry: CrmIdEntry) -> Bilingual:
    return (
        both("crm.place", source=entry.source, row=entry.row)
        if entry.source
        else both("crm.id_map")
    )


def _kind(letter: str) -> Bilingual:
    """The CRM's name of a record kind (``d``: deal), in both languages."""
    return both(f"crm.kind.{KIND_NAMES[letter]}")


# --- reading an export grid ----------------------------------------------------------


@dataclass(frozen=True)
class _Pair:
    """A salespipe-ID column and the CRM-ID column of the same record kind."""

    kind: str | None  # None: a column without an item name; each row's prefix says
    ours: int
    ours_header: str
    theirs: int


def _role(cell: Any) -> tuple[str | None, str] | None:
    """(record kind or None, "ours" / "theirs") of a header cell, or None."""
    text = parse_text(cell)
    if not text:
        return None
    parts = [fold(p) for p in _SEPARATOR.split(text)]
    kind: str | None = None
    if len(parts) == 2 and parts[0] in _ITEM_OF:
        kind, name = _ITEM_OF[parts[0]], parts[1]
    elif len(parts) == 2 and parts[1] in _ITEM_OF:  # "Pipedrive System ID - Deal"
        kind, name = _ITEM_OF[parts[1]], parts[0]
    elif len(parts) == 1:
        name = parts[0]
    else:
        return None
    if name in _OURS:
        return kind, "ours"
    if name in _THEIRS:
        return kind, "theirs"
    return None


def recognised_headers(header: Sequence[Any]) -> int:
    """How many cells of ``header`` name an ID column (to tell a file's delimiter)."""
    return sum(_role(cell) is not None for cell in header)


def _pairs(header: Sequence[Any], name: str) -> list[_Pair]:
    """The ID column pairs of a header row; ConfigError when one cannot be paired."""
    columns: dict[tuple[str | None, str], int] = {}
    for index, cell in enumerate(header):
        role = _role(cell)
        if role is None:
            continue
        if role in columns:
            raise ConfigError(
                "crm_ids_same_column",
                name=name,
                first=parse_text(header[columns[role]]),
                second=parse_text(cell),
            )
        columns[role] = index
    ours = [kind for kind, side in columns if side == "ours"]
    spare = (None, "theirs") if (None, "ours") not in columns else None
    lacking = [k for k in ours if k is not None and (k, "theirs") not in columns]
    pairs: list[_Pair] = []
    for kind in ours:
        theirs = columns.get((kind, "theirs"))
        if theirs is None and spare in columns and lacking == [kind] and kind == "d":
            # "Deal - salespipe ID" with a bare "ID": in a deals list, "ID" is the deal's.
            # Never an organisation's or a person's salespipe ID beside it: Pipedrive numbers
            # each item apart, so the deal's number would overwrite another record.
            theirs = columns[(None, "theirs")]
        header_text = parse_text(header[columns[(kind, "ours")]]) or ""
        if theirs is None:
            item = KIND_NAMES[kind].capitalize() + " - " if kind else ""
            raise ConfigError(
                "crm_ids_unpaired", name=name, header=header_text, expected=f"{item}ID"
            )
        pairs.append(_Pair(kind, columns[(kind, "ours")], header_text, theirs))
    return pairs


def read_crm_ids(
    grid: Sequence[Sequence[Any]], name: str, into: CrmIdMap | None = None
) -> CrmIdMap:
    """The IDs of a Pipedrive export read as a grid (header row first), added to
    ``into`` (a new map by default). Rows without a salespipe ID are counted and left
    aside; a malformed ID, a salespipe ID without Pipedrive ID, or a file without ID
    columns is a ConfigError naming the file, row and value."""
    found = into if into is not None else CrmIdMap()
    rows = iter(enumerate(grid, start=1))
    header = next((row for _, row in rows if any(parse_text(v) for v in row)), None)
    if header is None:
        raise ConfigError("crm_ids_empty", name=name)
    pairs = _pairs(header, name)
    if not pairs:
        cells = ", ".join(f"'{t}'" for t in (parse_text(v) for v in header) if t)
        raise ConfigError("crm_ids_no_column", name=name, found=cells or both("crm.nothing"))
    found.sources.append(name)
    bare: dict[int, str] = {}  # kind of each bare pair, from its first ID
    for number, row in rows:
        if not any(parse_text(v) for v in row):
            continue
        given = [_read_pair(pair, row, number, name) for pair in pairs]
        if not any(given):
            found.without_id += 1
        for index, (pair, read) in enumerate(zip(pairs, given, strict=True)):
            if read is None:
                continue
            salespipe_id, entry = read
            kind = salespipe_id[3]  # sp_<kind>_…
            if pair.kind is None and bare.setdefault(index, kind) != kind:
                raise ConfigError(
                    "crm_ids_mixed_kinds",
                    name=name,
                    row=number,
                    header=pair.ours_header,
                    salespipe_id=salespipe_id,
                    kind=_kind(bare[index]),
                )
            found.kinds.add(kind)  # only kinds the file gives IDs for get an ID column
            found.add(salespipe_id, entry)
    return found


def _read_pair(
    pair: _Pair, row: Sequence[Any], number: int, name: str
) -> tuple[str, CrmIdEntry] | None:
    ours = _cell(row, pair.ours)
    if not ours:
        return None
    match = _SALESPIPE_ID.fullmatch(ours.lower())
    if match is None or (pair.kind and match.group(1) != pair.kind):
        expected = f"sp_{pair.kind}_" if pair.kind else both("crm.any_id_prefix")
        raise ConfigError(
            "crm_ids_bad_salespipe_id",
            name=name,
            row=number,
            header=pair.ours_header,
            value=ours,
            expected=expected,
        )
    theirs = _cell(row, pair.theirs)
    if not _CRM_ID.fullmatch(theirs):
        raise ConfigError(
            "crm_ids_bad_crm_id" if theirs else "crm_ids_missing_crm_id",
            name=name,
            row=number,
            value=theirs,
            kind=_kind(match.group(1)),
            salespipe_id=ours.lower(),
        )
    return ours.lower(), CrmIdEntry(theirs, name, number, pair.ours_header)


def _cell(row: Sequence[Any], index: int) -> str:
    return (parse_text(row[index]) or "") if index < len(row) else ""


# --- putting the IDs into an export -------------------------------------------------


@dataclass(frozen=True)
class CrmIdReport:
    """What the IDs do to one export: records to update and to create, by kind (only
    the kinds the map gives IDs for), and how many IDs match no exported record."""

    sources: tuple[str, ...]
    ids: int
    without_id: int
    to_update: dict[str, int]
    to_create: dict[str, int]
    not_exported: int


def apply_crm_ids(
    ids: CrmIdMap,
    companies: Iterable[CompanyRow],
    contacts: Iterable[ContactRow],
    deals: Table,
    tasks: Table,
    repeated: Collection[str] = (),
) -> tuple[CrmIdReport, list[tuple[str, CrmIdEntry]]]:
    """Fill ``crm_id`` (companies, contacts, deals) and ``deal_crm_id`` (tasks) for the
    kinds the map covers; the report and the map's entries no record matched.

    A deal whose salespipe ID is in ``repeated`` (it depends on the rows' order: two
    deals without ID share company, name and date) gets no CRM ID: after a sort it could
    be another deal's, and a re-import would overwrite that deal. It is created instead,
    and reported (``deal_key_repeated``)."""
    known = {k: v for k, v in ids.ids.items() if k not in repeated}
    exported: set[str] = set()
    update: dict[str, int] = {}
    create: dict[str, int] = {}

    def count(kind: str, values: Sequence[str]) -> None:
        if kind in ids.kinds:
            hits = sum(1 for v in values if v)
            update[kind], create[kind] = hits, len(values) - hits

    for kind, records in (("c", list(companies)), ("p", list(contacts))):
        for record in records:
            exported.add(_key(record))
            if kind in ids.kinds:
                record.crm_id = known.get(_key(record), "")
        count(kind, [r.crm_id for r in records])
    deal_ids = deals.column("deal_id")
    exported.update(deal_ids)
    if "d" in ids.kinds:
        deals.columns["crm_id"] = [known.get(i, "") for i in deal_ids]
        tasks.columns["deal_crm_id"] = [known.get(i, "") for i in tasks.column("deal_id")]
    count("d", deals.column("crm_id"))
    order = {name: index for index, name in enumerate(ids.sources)}
    unused = [(k, e) for k, e in ids.entries.items() if k not in exported]
    unused.sort(key=lambda item: (order.get(item[1].source, -1), item[1].row))
    report = CrmIdReport(
        tuple(ids.sources), len(ids.entries), ids.without_id, update, create, len(unused)
    )
    return report, unused


def _key(record: CompanyRow | ContactRow) -> str:
    return record.company_id if isinstance(record, CompanyRow) else record.contact_id
