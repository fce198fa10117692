"""The rows of the import files: companies, contacts, deals and follow-up tasks.

Every value is a final string, one per canonical field a
:class:`~salespipe.core.crm.profiles.Column` can name ("" for blank): free text
already tidied and escaped, typed values already formatted for the target CRM.
Companies and contacts are objects (merged while deduplicating); deals and tasks
are a :class:`Table` of columns.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(slots=True)
class CompanyRow:
    """One company, deduplicated by SIREN, website domain or normalised name."""

    company_id: str
    company_name: str
    company_domain: str = ""
    company_phone: str = ""
    siren: str = ""
    is_company: str = "1"
    crm_id: str = ""  # the CRM's own record ID, when read back from its export


@dataclass(slots=True)
class ContactRow:
    """One contact person, deduplicated by e-mail (else name within the company)."""

    contact_id: str
    first_name: str
    last_name: str
    full_name: str
    email: str = ""
    phone: str = ""
    company_id: str = ""
    company_name: str = ""
    crm_id: str = ""  # the CRM's own record ID, when read back from its export


class Table:
    """Records as columns: one list of final strings per field, all of one length.

    Deals and tasks are built column by column (one comprehension per field the
    profile's files use): at 100 000 deals that is several times faster than one
    object per deal. A file's rows are ``zip`` of its columns.
    """

    def __init__(self, columns: dict[str, list[str]], length: int) -> None:
        self.columns = columns
        self.length = length

    def __len__(self) -> int:
        return self.length

    def column(self, name: str) -> list[str]:
        """The values of field ``name``; blanks for a field this export did not compute."""
        values = self.columns.get(name)
        return values if values is not None else [""] * self.length

    def rows(self, fields: Sequence[str]) -> Iterator[tuple[str, ...]]:
        return zip(*(self.column(f) for f in fields), strict=True)

    def where(self, name: str) -> Table:
        """The records whose field ``name`` is not blank."""
        keep = [i for i, v in enumerate(self.column(name)) if v]
        return Table({k: [v[i] for i in keep] for k, v in self.columns.items()}, len(keep))

    def subset(self, indices: Sequence[int]) -> Table:
        """The records at ``indices``, in that order."""
        return Table({k: [v[i] for i in indices] for k, v in self.columns.items()}, len(indices))

    def records(self) -> list[dict[str, str]]:
        """Each record as a dict (for tests and small tables)."""
        names = list(self.columns)
        return [dict(zip(names, values, strict=True)) for values in self.rows(names)]


_blake2s = hashlib.blake2s  # one attribute look-up less on each of 200 000 IDs


class IdMaker:
    """Stable external IDs: ``sp_<kind>_`` + 12 hex digits of the BLAKE2s hash of a key.

    The same key gives the same ID on every export, so that a CRM's update
    mechanism (External ID, unique property) updates instead of duplicating. A key
    seen twice in one export, or two keys whose hashes collide, get ``#2``, ``#3``…
    appended before hashing: deterministic as long as the rows keep their order.
    """

    def __init__(self, kind: str) -> None:
        self.prefix = f"sp_{kind}_"
        self.used: set[str] = set()
        #: IDs that depend on the rows' order: every ID of a key seen twice or more.
        self.repeated: set[str] = set()

    def make(self, key: str) -> str:
        ext_id = self.prefix + _blake2s(key.encode(), digest_size=6).hexdigest()
        used = self.used
        if ext_id in used:
            again = self._disambiguated(key)
            self.repeated.update((ext_id, again))
            return again
        used.add(ext_id)
        return ext_id

    def _disambiguated(self, key: str) -> str:
        counter = 2
        while True:
            candidate = f"{key}#{counter}"
            digest = hashlib.blake2s(candidate.encode(), digest_size=6).hexdigest()
            ext_id = self.prefix + digest
            if ext_id not in self.used:
                self.used.add(ext_id)
                return ext_id
            counter += 1

    def derived(self, other_id: str) -> str:
        """The ID of a record that exists once per ``other_id`` record (a deal's task):
        the same hash under this kind's prefix, so stable and unique as that one."""
        ext_id = self.prefix + other_id.rpartition("_")[2]
        self.used.add(ext_id)
        return ext_id
