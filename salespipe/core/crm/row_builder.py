"""Build the import rows of one CRM from the deals: clean, deduplicate, map, escape.

:class:`RowBuilder` takes the deals one by one (:meth:`RowBuilder.add_deal`),
deduplicating companies (:mod:`~salespipe.core.crm.companies`: SIREN, website
domain, normalised name) and contacts (:mod:`~salespipe.core.crm.contacts`: e-mail,
else name within the company), then :meth:`RowBuilder.finish` writes the deal rows
(:mod:`~salespipe.core.crm.deal_rows`, stage and owner through
:mod:`~salespipe.core.crm.map_lookup`) and the follow-up tasks
(:mod:`~salespipe.core.crm.tasks`). Every value it changes or leaves out is recorded
as a finding ``(row, column, value, code, params)``; free text starting with a
formula character gets OWASP's ``'`` prefix (and a finding), typed values are
formatted so that they cannot start one (phones excepted: E.164 ``+`` and digits)
(:mod:`~salespipe.core.crm.field_values`).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from salespipe.core.crm.companies import Companies, SourceExtras
from salespipe.core.crm.contacts import Contacts
from salespipe.core.crm.deal_rows import PendingDeal, deal_columns, deal_key
from salespipe.core.crm.field_values import RawFinding, RowContext
from salespipe.core.crm.map_lookup import MapLookup
from salespipe.core.crm.maps import OwnerEntry, StageMapEntry
from salespipe.core.crm.profiles import CrmProfile
from salespipe.core.crm.records import CompanyRow, ContactRow, IdMaker, Table
from salespipe.core.crm.tasks import followup_tasks
from salespipe.core.model import Deal, StageTable


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
        self.profile, self.stages, self.sheet = profile, stages, sheet
        self.context = RowContext.create(profile, lang, as_of)
        self.findings: list[RawFinding] = self.context.findings
        self.lookup = MapLookup(self.context, stages, stage_map, owners, unknown_stages)
        self._companies = Companies(self.context)
        self._contacts = Contacts(self.context, invalid_emails)
        self.companies: list[CompanyRow] = self._companies.rows
        self.contacts: list[ContactRow] = self._contacts.rows
        self.deals = Table({}, 0)
        self.tasks = Table({}, 0)
        self.owner_deals: Counter[str] = Counter()
        self.repeated_deal_ids: set[str] = set()
        self._deal_ids = IdMaker("d")
        self._pending: list[PendingDeal] = []

    @property
    def unmapped_stages(self) -> Counter[str]:
        """Stage-map rows without a target → how many deals go through them."""
        return self.lookup.unmapped_stages

    def add_deal(
        self, deal: Deal, extras: SourceExtras | None
    ) -> tuple[str, dict[str, Any]] | None:
        """Take one deal; (reject code, params) when it cannot be exported."""
        name = deal.name or deal.company or deal.contact or deal.deal_id
        if not name:
            return "deal_without_name", {"crm": self.profile.label}
        if not deal.name:
            column = self.context.column["name"]
            self.findings.append((deal.row, column, None, "deal_name_defaulted", {"name": name}))
        company = self._companies.add(deal, extras)
        contact = self._contacts.add(deal, company)
        if self.profile.needs_company_or_contact and company is None and contact is None:
            return "deal_without_company_or_contact", {"crm": self.profile.label}
        deal_id = self._deal_ids.make(deal_key(deal))
        self._pending.append(PendingDeal(deal, deal_id, name, company, contact))
        if deal.owner:
            self.owner_deals[deal.owner] += 1
        return None

    def finish(self, max_touches: int) -> None:
        """Fill company domains from e-mails, then build the deal and task tables."""
        self._companies.take_email_domains(self._contacts.mail_domains)
        fields = {
            c.field
            for f in self.profile.files
            for c in f.columns
            if f.entity in ("deals", "contact_roles")
        }
        pending, context = self._pending, self.context
        self.tasks, steps = followup_tasks(
            context, self.lookup, self.stages, pending, max_touches, "next_step" in fields
        )
        repeated = self._deal_ids.repeated
        column = context.column["name"]
        self.findings += [
            (p.deal.row, column, p.deal.name, "deal_key_repeated", {})
            for p in pending
            if p.deal_id in repeated
        ]
        self.repeated_deal_ids = set(repeated)
        columns = deal_columns(context, self.lookup, pending, fields, steps)
        columns = context.with_constants(columns, ("deals", "contact_roles"))
        self.deals = Table(columns, len(pending))
        self._pending = []
