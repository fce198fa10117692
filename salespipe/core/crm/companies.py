"""The companies of one export, deduplicated by SIREN, website domain, then normalised name.

The first deal of a company creates its row; a later deal with the same SIREN,
domain or name gets that row, and fills the SIREN or domain it lacked. Two
different SIRENs are never merged. A company without a website can take its
contacts' business e-mail domain at the end (:meth:`Companies.take_email_domains`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from salespipe.core.crm.cleaning import company_key, domain_of_website, siren_of, tidy_company_name
from salespipe.core.crm.field_values import RowContext
from salespipe.core.crm.records import CompanyRow, IdMaker
from salespipe.core.model import Deal


@dataclass(frozen=True)
class SourceExtras:
    """Values of a deal row from columns the core does not read, as typed."""

    siren: str | None = None
    website: str | None = None


class Companies:
    """Company rows in order of first appearance; see the module docstring."""

    def __init__(self, context: RowContext) -> None:
        self.context = context
        self.rows: list[CompanyRow] = []
        self._ids = IdMaker("c")
        self._keys: dict[str, CompanyRow] = {}
        self._cache: dict[tuple[str, str, str], CompanyRow] = {}

    def add(self, deal: Deal, extras: SourceExtras | None) -> CompanyRow | None:
        """The company row of ``deal`` (new or merged); None for a deal without company."""
        if not deal.company:
            return None
        siren, domain = self._extras(deal.row, extras) if extras else ("", "")
        cache_key = (deal.company, siren, domain)
        found = self._cache.get(cache_key)
        if found is None:
            found = self._cache[cache_key] = self._resolve(deal.company, siren, domain, deal.row)
        return found

    def _resolve(self, name: str, siren: str, domain: str, row: int) -> CompanyRow:
        keys = [
            k
            for k in (
                f"siren:{siren}" * bool(siren),
                f"domain:{domain}" * bool(domain),
                f"name:{company_key(name)}",
            )
            if k
        ]
        for key in keys:
            found = self._keys.get(key)
            if found is not None and (not siren or not found.siren or found.siren == siren):
                found.siren = found.siren or siren
                found.company_domain = found.company_domain or domain
                for other in keys:
                    self._keys.setdefault(other, found)
                return found
        context = self.context
        company = CompanyRow(
            company_id=self._ids.make(keys[0]),
            company_name=context.text(tidy_company_name(name), row, context.column["company"]),
            company_domain=domain,
            siren=siren,
        )
        for key in keys:
            self._keys.setdefault(key, company)
        self.rows.append(company)
        return company

    def _extras(self, row: int, extras: SourceExtras) -> tuple[str, str]:
        siren = domain = ""
        findings = self.context.findings
        if extras.siren:
            siren = siren_of(extras.siren) or ""
            if not siren:
                findings.append((row, "SIREN", extras.siren, "siren_invalid", {}))
        if extras.website:
            domain = domain_of_website(extras.website) or ""
            if not domain:
                findings.append((row, "Site web", extras.website, "website_invalid", {}))
        return siren, domain

    def take_email_domains(self, mail_domains: dict[str, set[str]]) -> None:
        """A company without a website gets its contacts' business e-mail domain
        (``mail_domains``: company ID → domains), when that domain belongs to this
        company alone (never merges two companies)."""
        owners_of: Counter[str] = Counter()
        for domains in mail_domains.values():
            owners_of.update(domains)
        taken = {c.company_domain for c in self.rows if c.company_domain}
        for company in self.rows:
            domains = mail_domains.get(company.company_id, set())
            if company.company_domain or len(domains) != 1:
                continue
            (domain,) = domains
            if owners_of[domain] == 1 and domain not in taken:
                company.company_domain = domain
