"""Build the import rows of one CRM from the deals: clean, deduplicate, map, escape.

:class:`RowBuilder` takes the deals one by one (:meth:`RowBuilder.add_deal`),
deduplicating companies (SIREN, website domain, normalised name) and contacts
(e-mail, else name within the company), then :meth:`RowBuilder.finish` writes the
deal and task rows. Every value it changes or leaves out is recorded as a finding
``(row, column, value, code, params)``; free text starting with a formula
character gets OWASP's ``'`` prefix (and a finding), typed values are formatted so
that they cannot start one (phones excepted: E.164 ``+`` and digits).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from salespipe.core.crm.cleaning import (
    FORMULA_TRIGGERS,
    clean_email,
    company_domain_of_email,
    company_key,
    domain_of_website,
    phone_e164,
    siren_of,
    split_person_name,
    strip_control_characters,
    tidy_company_name,
)
from salespipe.core.crm.csv_text import looks_like_payload
from salespipe.core.crm.maps import (
    BLANK_STAGE,
    OwnerEntry,
    StageMapEntry,
    owner_lookup,
    stage_lookup,
)
from salespipe.core.crm.profiles import CrmProfile
from salespipe.core.crm.records import CompanyRow, ContactRow, IdMaker, Table
from salespipe.core.metrics.followups import followups
from salespipe.core.model import Deal, StageTable, Status, fold
from salespipe.core.reading.tables import DEAL_HEADERS

RawFinding = tuple[int, str | None, Any, str, dict[str, Any]]
_NO_OWNER = ("", "", "")


@dataclass(frozen=True)
class SourceExtras:
    """Values of a deal row from columns the core does not read, as typed."""

    siren: str | None = None
    website: str | None = None


class _Text:
    """Free text → tidy, escaped text; remembers each distinct value's verdict."""

    def __init__(self, profile: CrmProfile, findings: list[RawFinding]) -> None:
        self.findings = findings
        self.crm = profile.label
        self.table = str.maketrans(dict(profile.replacements)) if profile.replacements else None
        self.seen: dict[str, tuple[str, tuple[tuple[str, dict[str, Any]], ...]]] = {}

    def __call__(self, value: str | None, row: int, column: str | None) -> str:
        if not value:
            return ""
        verdict = self.seen.get(value)
        if verdict is None:
            verdict = self.seen[value] = self._clean(value)
        text, notes = verdict
        for code, params in notes:
            self.findings.append((row, column, value, code, params))
        return text

    def quiet(self, value: str | None) -> str:
        """The clean text of a value already reported on its own row."""
        if not value:
            return ""
        verdict = self.seen.get(value)
        if verdict is None:
            verdict = self.seen[value] = self._clean(value)
        return verdict[0]

    def _clean(self, value: str) -> tuple[str, tuple[tuple[str, dict[str, Any]], ...]]:
        text = strip_control_characters(value).strip()
        notes: list[tuple[str, dict[str, Any]]] = []
        if text and text[0] in FORMULA_TRIGGERS:
            notes.append(("formula_escaped", {"char": text[0]}))
            text = "'" + text
        elif looks_like_payload(text):
            notes.append(("formula_like_text", {}))
        if self.table is not None:  # after the checks: « | » is part of a DDE payload
            replaced = text.translate(self.table)
            if replaced != text:
                notes.append(("characters_replaced", {"crm": self.crm}))
                text = replaced
        return text, tuple(notes)


class RowBuilder:
    """Companies, contacts, deals and tasks of one export; see the module docstring."""

    def __init__(
        self,
        profile: CrmProfile,
        stages: StageTable,
        sheet: str,
        lang: str,
        as_of: date,
        stage_map: list[StageMapEntry],
        owners: list[OwnerEntry],
        unknown_stages: dict[int, str],
        invalid_emails: dict[int, str],
    ) -> None:
        self.profile, self.stages, self.sheet, self.lang, self.as_of = (
            profile, stages, sheet, lang, as_of)  # fmt: skip
        self.column = {f: DEAL_HEADERS[f][1 if lang == "en" else 0] for f in DEAL_HEADERS}
        self.findings: list[RawFinding] = []
        self.text = _Text(profile, self.findings)
        self.date = _iso if profile.date_style == "iso" else _us
        self.stage_map = stage_lookup(stage_map)
        self.owners = owner_lookup(owners)
        self.unknown_stages = unknown_stages
        self.invalid_emails = invalid_emails
        self.won = stages.won_stage.name if stages.won_stage else None
        self.lost = stages.lost_stage.name if stages.lost_stage else None
        self.companies: list[CompanyRow] = []
        self.contacts: list[ContactRow] = []
        self.deals = Table({}, 0)
        self.tasks = Table({}, 0)
        self.unmapped_stages: Counter[str] = Counter()
        self.owner_deals: Counter[str] = Counter()
        self._ids = {k: IdMaker(k) for k in ("c", "p", "d", "t")}
        self._company_keys: dict[str, CompanyRow] = {}
        self._company_cache: dict[tuple[str, str, str], CompanyRow] = {}
        self._mail_domains: dict[str, set[str]] = {}
        self._contact_keys: dict[str, ContactRow] = {}
        self._pending: list[tuple[Deal, str, str, CompanyRow | None, ContactRow | None]] = []
        self.repeated_deal_ids: set[str] = set()
        self._stage_cache: dict[str, tuple[str, str]] = {}
        self._owner_cache: dict[str, tuple[str, str, str]] = {}

    # --- deals ---------------------------------------------------------------------------

    def add_deal(
        self, deal: Deal, extras: SourceExtras | None
    ) -> tuple[str, dict[str, Any]] | None:
        """Take one deal; (reject code, params) when it cannot be exported."""
        name = deal.name or deal.company or deal.contact or deal.deal_id
        if not name:
            return "deal_without_name", {"crm": self.profile.label}
        if not deal.name:
            self.findings.append(
                (deal.row, self.column["name"], None, "deal_name_defaulted", {"name": name})
            )
        company = self._company(deal, extras)
        contact = self._contact(deal, company)
        if self.profile.needs_company_or_contact and company is None and contact is None:
            return "deal_without_company_or_contact", {"crm": self.profile.label}
        self._pending.append((deal, self._deal_id(deal), name, company, contact))
        if deal.owner:
            self.owner_deals[deal.owner] += 1
        return None

    def finish(self, max_touches: int) -> None:
        """Fill company domains from e-mails, then build the deal and task tables."""
        self._domains_from_email()
        fields = {c.field for f in self.profile.files for c in f.columns
                  if f.entity in ("deals", "contact_roles")}  # fmt: skip
        steps = self._followups(max_touches, "next_step" in fields)
        repeated = self._ids["d"].repeated
        self.findings += [
            (deal.row, self.column["name"], deal.name, "deal_key_repeated", {})
            for deal, deal_id, *_ in self._pending
            if deal_id in repeated
        ]
        self.repeated_deal_ids = set(repeated)
        columns = self._deal_columns(fields, steps)
        self.deals = Table(
            self._with_constants(columns, ("deals", "contact_roles")), len(self._pending)
        )
        self._pending = []

    def _with_constants(
        self, columns: dict[str, list[str]], entities: tuple[str, ...]
    ) -> dict[str, list[str]]:
        """Columns of a single allowed value (``type`` = opportunity, ``IsPrimary`` = true)."""
        length = len(next(iter(columns.values()), []))
        for spec in self.profile.files:
            if spec.entity not in entities:
                continue
            for column in spec.columns:
                if column.kind == "code" and len(column.values) == 1:
                    columns.setdefault(column.field, [column.values[0]] * length)
        return columns

    def _deal_columns(self, fields: set[str], steps: dict[int, str]) -> dict[str, list[str]]:
        """Every field of the deal files, column by column (only those the files use)."""
        pending = self._pending
        deals = [p[0] for p in pending]
        rows = [d.row for d in deals]
        text, column, date_of = self.text, self.column, self.date
        cols: dict[str, list[str]] = {"deal_id": [p[1] for p in pending]}
        cols["deal_name"] = [
            text(p[2], r, column["name"]) for p, r in zip(pending, rows, strict=True)
        ]
        stages = [self._stage(d) for d in deals]
        cols["pipeline"] = [s[0] for s in stages]
        cols["stage"] = [s[1] for s in stages]
        owners = [self._owner(d.owner, d.row) if d.owner else _NO_OWNER for d in deals]
        for index, name in enumerate(("owner", "owner_email", "owner_name")):
            if name in fields:
                cols[name] = [o[index] for o in owners]
        companies = [p[3] for p in pending]
        contacts = [p[4] for p in pending]
        cols["company_id"] = [c.company_id if c else "" for c in companies]
        cols["contact_id"] = [c.contact_id if c else "" for c in contacts]
        for name, attr in (("company_name", "company_name"), ("company_domain", "company_domain")):
            if name in fields:
                cols[name] = [getattr(c, attr) if c else "" for c in companies]
        for name, attr in (("contact_email", "email"), ("contact_full_name", "full_name"),
                           ("contact_phone", "phone")):  # fmt: skip
            if name in fields:
                cols[name] = [getattr(c, attr) if c else "" for c in contacts]
        if "partner_id" in fields:
            cols["partner_id"] = [
                p or c for p, c in zip(cols["contact_id"], cols["company_id"], strict=True)
            ]
        cols["row"] = [str(r) for r in rows]  # also what the tests trace rows by
        if "sheet_id" in fields:
            cols["sheet_id"] = [text(d.deal_id, d.row, column["deal_id"]) for d in deals]
        if "status" in fields:
            cols["status"] = [d.status.value for d in deals]
        if "active" in fields:
            cols["active"] = ["0" if d.status is Status.LOST else "1" for d in deals]
        cols["amount"] = ["" if d.amount is None else f"{d.amount:.2f}" for d in deals]
        if "probability" in fields:
            cols["probability"] = [
                "" if d.probability is None else str(round(d.probability * 100)) for d in deals
            ]
        cols["close_date"] = [
            date_of(d.expected_close) if d.expected_close else self._default_close(d) for d in deals
        ]
        if "created_date" in fields:
            cols["created_date"] = [date_of(d.created) if d.created else "" for d in deals]
        if "source" in fields:
            cols["source"] = [text(d.source, d.row, column["source"]) for d in deals]
        if "next_step" in fields:
            cols["next_step"] = [steps.get(r, "") for r in rows]
        self._notes_columns(deals, fields, cols)
        return cols

    def _notes_columns(
        self, deals: list[Deal], fields: set[str], cols: dict[str, list[str]]
    ) -> None:
        """Notes, lost reason, and the description that holds both (CRMs without a
        lost-reason field)."""
        text, column = self.text, self.column
        notes = [text(d.notes, d.row, column["notes"]) if d.notes else "" for d in deals]
        reasons = [
            text(d.lost_reason, d.row, column["lost_reason"]) if d.lost_reason else ""
            for d in deals
        ]
        cols["notes"], cols["lost_reason"] = notes, reasons
        if "description" in fields:
            label = "Lost reason" if self.lang == "en" else "Raison de perte"
            cols["description"] = [
                "\n".join(x for x in (n, f"{label} : {r}") if x) if r else n
                for n, r in zip(notes, reasons, strict=True)
            ]

    def _deal_id(self, deal: Deal) -> str:
        if deal.deal_id:
            key = "id:" + deal.deal_id.casefold()
        else:
            created = deal.created.isoformat() if deal.created else ""
            key = f"row:{fold(deal.company or '')}|{fold(deal.name or '')}|{created}"
        return self._ids["d"].make(key)

    def _default_close(self, deal: Deal) -> str:
        """The export date for a CRM that requires a close date (reported), else ""."""
        if not self.profile.close_date_required:
            return ""
        params = {"crm": self.profile.label, "date": self.as_of.isoformat()}
        self.findings.append(
            (deal.row, self.column["expected_close"], None, "close_date_defaulted", params)
        )
        return self.date(self.as_of)

    # --- stage and owner through the maps -----------------------------------------------

    def stage_key(self, deal: Deal) -> str:
        """The stage-map row a deal goes through (see docs/crm_export.md)."""
        status, profile = deal.status, self.profile
        if status is not Status.OPEN and profile.outcome_stages:
            if status is Status.WON and self.won:
                return self.won
            if not profile.lost_keeps_stage and self.lost:
                return self.lost
        if deal.stage:
            return deal.stage
        label = self.unknown_stages.get(deal.row)
        if label:
            return label
        if status is Status.WON and self.won:
            return self.won
        if status is Status.LOST and self.lost:
            return self.lost
        return BLANK_STAGE

    def _stage(self, deal: Deal) -> tuple[str, str]:
        key = self.stage_key(deal)
        found = self._stage_cache.get(key)
        if found is None:
            entry = self.stage_map.get(fold(key))
            if entry is None or not entry.target_stage.strip():
                found = ("", "")
            else:
                found = (
                    self.text(entry.target_pipeline.strip(), deal.row, None),
                    self.text(entry.target_stage.strip(), deal.row, None),
                )
            self._stage_cache[key] = found
        if not found[1]:
            self.unmapped_stages[key] += 1
        return found

    def _owner(self, owner: str | None, row: int) -> tuple[str, str, str]:
        """(owner as the CRM takes it, e-mail, CRM user name)."""
        if not owner:
            return "", "", ""
        found = self._owner_cache.get(owner)
        if found is None:
            entry = self.owners.get(fold(owner))
            email, _ = clean_email(entry.email) if entry and entry.email else (None, None)
            user = self.text(entry.crm_user if entry else owner, row, self.column["owner"])
            chosen = email or "" if self.profile.owner_by == "email" else user
            found = self._owner_cache[owner] = (chosen, email or "", user)
        return found

    # --- companies -----------------------------------------------------------------------

    def _company(self, deal: Deal, extras: SourceExtras | None) -> CompanyRow | None:
        if not deal.company:
            return None
        siren, domain = self._extras(deal.row, extras) if extras else ("", "")
        cache_key = (deal.company, siren, domain)
        found = self._company_cache.get(cache_key)
        if found is None:
            found = self._company_cache[cache_key] = self._resolve_company(
                deal.company, siren, domain, deal.row
            )
        return found

    def _resolve_company(self, name: str, siren: str, domain: str, row: int) -> CompanyRow:
        keys = [k for k in (f"siren:{siren}" * bool(siren), f"domain:{domain}" * bool(domain),
                            f"name:{company_key(name)}") if k]  # fmt: skip
        for key in keys:
            found = self._company_keys.get(key)
            if found is not None and (not siren or not found.siren or found.siren == siren):
                found.siren = found.siren or siren
                found.company_domain = found.company_domain or domain
                for other in keys:
                    self._company_keys.setdefault(other, found)
                return found
        company = CompanyRow(
            company_id=self._ids["c"].make(keys[0]),
            company_name=self.text(tidy_company_name(name), row, self.column["company"]),
            company_domain=domain,
            siren=siren,
        )
        for key in keys:
            self._company_keys.setdefault(key, company)
        self.companies.append(company)
        return company

    def _extras(self, row: int, extras: SourceExtras) -> tuple[str, str]:
        siren = domain = ""
        if extras.siren:
            siren = siren_of(extras.siren) or ""
            if not siren:
                self.findings.append((row, "SIREN", extras.siren, "siren_invalid", {}))
        if extras.website:
            domain = domain_of_website(extras.website) or ""
            if not domain:
                self.findings.append((row, "Site web", extras.website, "website_invalid", {}))
        return siren, domain

    def _domains_from_email(self) -> None:
        """A company without a website gets its contacts' business e-mail domain, when
        that domain belongs to this company alone (never merges two companies)."""
        owners_of: Counter[str] = Counter()
        for domains in self._mail_domains.values():
            owners_of.update(domains)
        taken = {c.company_domain for c in self.companies if c.company_domain}
        for company in self.companies:
            domains = self._mail_domains.get(company.company_id, set())
            if company.company_domain or len(domains) != 1:
                continue
            (domain,) = domains
            if owners_of[domain] == 1 and domain not in taken:
                company.company_domain = domain

    # --- contacts -----------------------------------------------------------------------

    def _contact(self, deal: Deal, company: CompanyRow | None) -> ContactRow | None:
        row = deal.row
        email = self._email(deal.email, row) if deal.email else None
        phone = self._phone(deal.phone, row) if deal.phone else ""
        if not deal.contact and not email:
            if phone and company is not None and not company.company_phone:
                company.company_phone = phone
            elif phone:
                self.findings.append((row, self.column["phone"], phone, "phone_unattached", {}))
            return None
        company_id = company.company_id if company else ""
        if email:
            key = "email:" + email
            if company is not None and not company.company_domain:
                self._collect_domain(company_id, email)
        else:
            key = f"name:{fold(deal.contact or '')}|{company_id}"
        found = self._contact_keys.get(key)
        if found is not None:
            if phone and phone != found.phone:
                self._merge_phone(found, phone, row, key)
            return found
        found = self._contact_keys[key] = self._new_contact(deal, email or "", phone, company, key)
        self.contacts.append(found)
        return found

    def _collect_domain(self, company_id: str, email: str) -> None:
        """Remember the business domain of a company's contact (two are already too many)."""
        domains = self._mail_domains.get(company_id)
        if domains is not None and len(domains) > 1:
            return
        domain = company_domain_of_email(email)
        if domain:
            if domains is None:
                domains = self._mail_domains[company_id] = set()
            domains.add(domain)

    def _new_contact(
        self, deal: Deal, email: str, phone: str, company: CompanyRow | None, key: str
    ) -> ContactRow:
        row, column, text = deal.row, self.column["contact"], self.text
        first, last = split_person_name(deal.contact) if deal.contact else (None, None)
        if last:
            full = f"{first} {last}" if first else last
            last_name = text(last, row, column)
            full_name = text(full, row, column)
        else:  # no name at all: the e-mail stands for it
            full_name, last_name = email, ""
            if self.profile.last_name_required:
                last_name = email
                params = {"crm": self.profile.label}
                self.findings.append((row, column, None, "last_name_defaulted", params))
        return ContactRow(
            self._ids["p"].make(key),
            text(first, row, column) if first else "",
            last_name,
            full_name,
            email,
            phone,
            company.company_id if company else "",
            company.company_name if company else "",
        )

    def _merge_phone(self, contact: ContactRow, phone: str, row: int, key: str) -> None:
        """A later row's phone fills a contact's blank phone; a different one is reported."""
        if not contact.phone:
            contact.phone = phone
            return
        params = {"key": key.partition(":")[2], "field": self.column["phone"],
                  "kept": contact.phone}  # fmt: skip
        self.findings.append((row, self.column["phone"], phone, "contact_conflict", params))

    def _email(self, text: str, row: int) -> str | None:
        """The address lower-cased; None (and a finding) when the core found it invalid
        (same ``email_problem`` check) or it starts with a formula character."""
        why = self.invalid_emails.get(row)
        if why is None:
            address = text.lower()
            if address[0] not in FORMULA_TRIGGERS:
                return address
            why = clean_email(text)[1] or ""  # the reason, from the same function
        params = {"reason": why}
        self.findings.append((row, self.column["email"], text, "email_invalid", params))
        return None

    def _phone(self, text: str, row: int) -> str:
        e164 = phone_e164(text)
        if e164 is None:
            self.findings.append((row, self.column["phone"], text, "phone_invalid", {}))
            return ""
        return e164

    # --- follow-ups ---------------------------------------------------------------------

    def _followups(self, max_touches: int, next_step: bool) -> dict[int, str]:
        """Build the task table; the "next step" text of each deal with a follow-up, by row."""
        if self.profile.file("tasks") is None and not next_step:
            return {}
        scheduled = followups([p[0] for p in self._pending], self.stages, self.as_of,
                              max_touches)  # fmt: skip
        due = {f.row: f for f in scheduled if f.due is not None}
        tasks = [p for p in self._pending if p[0].row in due]
        items = [due[p[0].row] for p in tasks]
        quiet, date_of = self.text.quiet, self.date
        names = [quiet(p[2]) for p in tasks]
        numbers = [f.touches + 1 for f in items]
        english = self.lang == "en"
        if english:
            subjects = [f"Follow-up #{n}: {name}" for n, name in zip(numbers, names, strict=True)]
            steps = [f"Follow-up #{n} on {f.due}" for n, f in zip(numbers, items, strict=True)]
        else:
            subjects = [f"Relance n°{n} : {name}" for n, name in zip(numbers, names, strict=True)]
            steps = [
                f"Relance n°{n} le {_french(f.due)}" for n, f in zip(numbers, items, strict=True)
            ]
        owners = [self._owner(p[0].owner, p[0].row) if p[0].owner else _NO_OWNER for p in tasks]
        deal_ids = [p[1] for p in tasks]
        derive = self._ids["t"].derived
        columns = self._with_constants(
            {
                "task_id": [derive(i) for i in deal_ids],
                "deal_id": deal_ids,
                "contact_id": [p[4].contact_id if p[4] else "" for p in tasks],
                "subject": subjects,
                "due_date": [date_of(f.due) for f in items],
                "owner": [o[0] for o in owners],
                "owner_email": [o[1] for o in owners],
                "deal_name": names,
                "company_name": [p[3].company_name if p[3] else "" for p in tasks],
                "contact_full_name": [p[4].full_name if p[4] else "" for p in tasks],
            },
            ("tasks",),
        )
        self.tasks = Table(columns, len(tasks))
        return {p[0].row: step for p, step in zip(tasks, steps, strict=True)}


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _french(day: date | None) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day is not None else ""


def _us(day: date | None) -> str:
    return f"{day.month:02d}/{day.day:02d}/{day.year:04d}" if day is not None else ""
