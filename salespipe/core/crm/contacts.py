"""The contacts of one export, deduplicated by e-mail, else by name within the company.

A deal's contact person becomes one row per person: the same e-mail (or, without
one, the same name at the same company) on a later row is the same contact, whose
blank phone that row may fill; a different phone is reported, the first kept. A
phone without a person goes to the company. Invalid e-mails and phones are left
out with a finding.
"""

from __future__ import annotations

from typing import Any

from salespipe.core.crm.cleaning import (
    FORMULA_TRIGGERS,
    clean_email,
    company_domain_of_email,
    phone_e164,
    phone_problem,
    split_person_name,
)
from salespipe.core.crm.field_values import RowContext
from salespipe.core.crm.records import CompanyRow, ContactRow, IdMaker
from salespipe.core.model import Deal, fold
from salespipe.core.texts import both

#: A contact's first, last and full names as written, and what tidying them noted:
#: ``(value as split, code, params)`` for each finding.
PersonName = tuple[str, str, str, tuple[tuple[str, str, dict[str, Any]], ...]]


class Contacts:
    """Contact rows in order of first appearance; see the module docstring.

    ``invalid_emails``: sheet row → why the core found its e-mail invalid.
    ``mail_domains``: company ID → the business domains of its contacts' e-mails
    (for :meth:`~salespipe.core.crm.companies.Companies.take_email_domains`).
    """

    def __init__(self, context: RowContext, invalid_emails: dict[int, str]) -> None:
        self.context = context
        self.invalid_emails = invalid_emails
        self.rows: list[ContactRow] = []
        self.mail_domains: dict[str, set[str]] = {}
        self._ids = IdMaker("p")
        self._keys: dict[str, ContactRow] = {}
        self._people: dict[str, PersonName | None] = {}

    def add(self, deal: Deal, company: CompanyRow | None) -> ContactRow | None:
        """The contact row of ``deal`` (new or merged); None without a name or e-mail."""
        row = deal.row
        email = self._email(deal.email, row) if deal.email else None
        phone = self._phone(deal.phone, row) if deal.phone else ""
        if not deal.contact and not email:
            if phone and company is not None and not company.company_phone:
                company.company_phone = phone
            elif phone:
                column = self.context.column["phone"]
                self.context.findings.append((row, column, phone, "phone_unattached", {}))
            return None
        company_id = company.company_id if company else ""
        if email:
            key = "email:" + email
            if company is not None and not company.company_domain:
                self._collect_domain(company_id, email)
        else:
            key = f"name:{fold(deal.contact or '')}|{company_id}"
        found = self._keys.get(key)
        if found is not None:
            if phone and phone != found.phone:
                self._merge_phone(found, phone, row, key)
            return found
        found = self._keys[key] = self._new_contact(deal, email or "", phone, company, key)
        self.rows.append(found)
        return found

    def _collect_domain(self, company_id: str, email: str) -> None:
        """Remember the business domain of a company's contact (two are already too many)."""
        domains = self.mail_domains.get(company_id)
        if domains is not None and len(domains) > 1:
            return
        domain = company_domain_of_email(email)
        if domain:
            if domains is None:
                domains = self.mail_domains[company_id] = set()
            domains.add(domain)

    def _new_contact(
        self, deal: Deal, email: str, phone: str, company: CompanyRow | None, key: str
    ) -> ContactRow:
        context = self.context
        row, column = deal.row, context.column["contact"]
        named = self._person(deal.contact) if deal.contact else None
        if named is not None:
            first_name, last_name, full_name, notes = named
            for value, code, params in notes:
                context.findings.append((row, column, value, code, params))
        else:  # no name at all: the e-mail stands for it
            first_name, full_name, last_name = "", email, ""
            if context.profile.last_name_required:
                last_name = email
                params = {"crm": context.profile.label}
                context.findings.append((row, column, None, "last_name_defaulted", params))
        return ContactRow(
            self._ids.make(key),
            first_name,
            last_name,
            full_name,
            email,
            phone,
            company.company_id if company else "",
            company.company_name if company else "",
        )

    def _person(self, typed: str) -> PersonName | None:
        """:meth:`_split_person` of ``typed``, once per distinct name typed (the same
        person has many deals; different people share a name)."""
        if typed in self._people:
            return self._people[typed]
        found = self._people[typed] = self._split_person(typed)
        return found

    def _split_person(self, typed: str) -> PersonName | None:
        """(first name, last name, full name) of a contact's name as typed, tidied and
        escaped, with what tidying noted, as ``(value, code, params)`` in the order a
        row reports them (last name, full name, first name); None without a last name."""
        first, last = split_person_name(typed)
        if not last:
            return None
        full = f"{first} {last}" if first else last
        verdict = self.context.text.verdict
        texts: list[str] = []
        notes: list[tuple[str, str, dict[str, Any]]] = []
        for value in (last, full, first or ""):
            text, noted = verdict(value) if value else ("", ())
            texts.append(text)
            notes += [(value, code, params) for code, params in noted]
        last_name, full_name, first_name = texts
        return first_name, last_name, full_name, tuple(notes)

    def _merge_phone(self, contact: ContactRow, phone: str, row: int, key: str) -> None:
        """A later row's phone fills a contact's blank phone; a different one is reported."""
        if not contact.phone:
            contact.phone = phone
            return
        column = self.context.column["phone"]
        params = {"key": key.partition(":")[2], "field": column, "kept": contact.phone}
        self.context.findings.append((row, column, phone, "contact_conflict", params))

    def _email(self, text: str, row: int) -> str | None:
        """The address lower-cased; None (and a finding) when the core found it invalid
        (same ``email_problem`` check) or it starts with a formula character."""
        why = self.invalid_emails.get(row)
        if why is None:
            address = text.lower()
            if address[0] not in FORMULA_TRIGGERS:
                return address
            why = clean_email(text)[1] or ""  # the reason, from the same function
        column = self.context.column["email"]
        self.context.findings.append((row, column, text, "email_invalid", {"reason": why}))
        return None

    def _phone(self, text: str, row: int) -> str:
        e164 = phone_e164(text)
        if e164 is None:
            column = self.context.column["phone"]
            reason = both(f"crm.phone_reason.{phone_problem(text)}")
            self.context.findings.append((row, column, text, "phone_invalid", {"reason": reason}))
            return ""
        return e164
