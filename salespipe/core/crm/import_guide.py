"""The import guide an export writes beside its files (``LISEZ-MOI-IMPORT.md``, English
``README-IMPORT.md``), and the small test set it points to.

:func:`test_plan` keeps the first deals of a plan with their companies, contacts and
follow-ups (the ``*_test.csv`` files, to try an import on before the full files);
:func:`import_guide` is the guide's text: the fields to create first (exact name, type,
unique or External ID flag), the wizard's options (date format, duplicate key,
encoding), the import order with the counts and the test files, the column mapping, and
what is left out. Every sentence comes from the text catalogue, in the plan's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from salespipe.core.crm.plan import ExportPlan
from salespipe.core.texts import text

#: How many deals the test files hold.
TEST_DEALS = 5


def guide_name(lang: str) -> str:
    """The guide's file name in ``lang``: LISEZ-MOI-IMPORT.md, README-IMPORT.md."""
    return text("crm.guide.file_name", lang)


def test_stem(stem: str) -> str:
    """The test file of import file ``stem``: ``hubspot_deals`` → ``hubspot_deals_test``."""
    return f"{stem}_test"


def test_plan(plan: ExportPlan, deals: int = TEST_DEALS) -> ExportPlan:
    """``plan`` with its first ``deals`` deals only, their companies (the deals' and their
    contacts'), contacts and follow-ups: an import of it links as the full one does."""
    kept = plan.deals.subset(range(min(deals, len(plan.deals))))
    deal_ids = set(kept.column("deal_id"))
    contact_ids = set(kept.column("contact_id")) - {""}
    contacts = [c for c in plan.contacts if c.contact_id in contact_ids]
    company_ids = (set(kept.column("company_id")) | {c.company_id for c in contacts}) - {""}
    companies = [c for c in plan.companies if c.company_id in company_ids]
    task_deals = plan.tasks.column("deal_id")
    tasks = plan.tasks.subset([i for i, d in enumerate(task_deals) if d in deal_ids])
    return replace(plan, companies=companies, contacts=contacts, deals=kept, tasks=tasks)


def import_guide(
    plan: ExportPlan, files: Sequence[tuple[str, int]], test_files: Sequence[str], test_deals: int
) -> str:
    """The guide's markdown. ``files``: (name, rows) of each import file written, in the
    import order (parts of a split file in order); ``test_files``: the test file of each
    import file's stem, in the same order; ``test_deals``: the deals they hold."""
    lang, profile = plan.lang, plan.profile
    crm = profile.label
    lines = [f"# {text('crm.guide.title', lang, crm=crm)}", "",
             text("crm.guide.intro", lang, source=plan.source), ""]  # fmt: skip
    lines += [f"## {text('crm.guide.fields', lang)}", ""]
    if profile.custom_fields:
        lines += [text("crm.guide.fields_intro", lang, crm=crm), "",
                  text("crm.guide.fields_header", lang), "| --- | --- | --- | --- |"]  # fmt: skip
        none = text("crm.guide.no_flag", lang)
        lines += [f"| {f.record} | `{f.name}` | {f.kind} | {f.flag or none} |"
                  for f in profile.custom_fields]  # fmt: skip
    else:
        lines.append(text(f"crm.guide.no_fields.{profile.name}", lang))
    lines += ["", f"## {text('crm.guide.options', lang)}", "",
              text(f"crm.guide.options.{profile.name}", lang), ""]  # fmt: skip
    lines += [f"## {text('crm.guide.order', lang)}", ""]
    if test_files:
        lines += [text("crm.guide.test_first", lang, count=test_deals, crm=crm), ""]
    lines += [text("crm.guide.order_header", lang), "| --- | --- | --- | --- |"]
    tests = {name.removesuffix("_test.csv"): name for name in test_files}
    for number, (name, rows) in enumerate(files, start=1):
        stem = next((s for s in tests if name == f"{s}.csv" or name.startswith(f"{s}_")), "")
        test = f"`{tests[stem]}`" if stem else ""
        lines.append(f"| {number} | `{name}` | {rows} | {test} |")
    steps = text(f"crm.guide.steps.{profile.name}", lang)
    if steps:
        lines += ["", steps]
    lines += ["", f"## {text('crm.guide.mapping', lang)}", "",
              text("crm.guide.mapping_intro", lang, crm=crm)]  # fmt: skip
    for spec in profile.files:
        lines += ["", f"### {spec.stem}.csv", "", text("crm.guide.mapping_header", lang),
                  "| --- | --- |"]  # fmt: skip
        lines += [f"| `{c.header}` | {text(f'crm.field.{c.field}', lang)} |" for c in spec.columns]
    lines += ["", f"## {text('crm.guide.left_out', lang)}", ""]
    lines.append("- " + text("crm.guide.rejects", lang, count=len(plan.rejects)))
    lines.append("- " + text("crm.guide.warnings", lang, count=len(plan.findings)))
    for stem, headers in plan.dropped_columns.items():
        lines.append("- " + text("crm.dropped_columns", lang) + " "
                     + text("crm.dropped_file", lang, file=f"{stem}.csv",
                            columns=", ".join(headers)))  # fmt: skip
    for name, (count, reason) in plan.not_exported.items():
        lines.append(
            "- "
            + text(
                "crm.summary.not_exported_line",
                lang,
                column=text(f"column.deals.{name}", lang),
                count=count,
                reason=text(f"crm.not_exported.{reason}", lang, crm=crm),
            )
        )
    return "\n".join(lines) + "\n"
