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

from salespipe.core.crm.plan import NEXT_FIELDS, ExportPlan
from salespipe.core.crm.profiles import FileSpec
from salespipe.core.texts import CATALOGUE, counted, text

#: How many deals the test files hold.
TEST_DEALS = 5


def guide_name(lang: str) -> str:
    """The guide's file name in ``lang``: LISEZ-MOI-IMPORT.md, README-IMPORT.md."""
    return text("crm.guide.file_name", lang)


def test_stem(stem: str) -> str:
    """The test file of import file ``stem``: ``hubspot_deals`` → ``hubspot_deals_test``."""
    return f"{stem}_test"


def has_test_file(spec: FileSpec, plan: ExportPlan) -> bool:
    """Whether import file ``spec`` gets a test file: not when the CRM only inserts from
    it (``insert_only``), as the full import would create the test's rows again."""
    return spec.stem not in plan.profile.insert_only


def test_plan(plan: ExportPlan, deals: int = TEST_DEALS) -> ExportPlan:
    """``plan`` with its first ``deals`` deals only, their companies (the deals' and their
    contacts'), contacts and follow-ups: an import of it links as the full one does.

    Where follow-ups go on the rows of deals the CRM does not know yet (Pipedrive), the
    test deals go without them: once their IDs are read back, the next export puts them
    in the task file, imported once; on the test rows they would be created twice."""
    kept = plan.deals.subset(range(min(deals, len(plan.deals))))
    if plan.profile.followups_by_crm_id:
        kept.columns.update({name: [""] * len(kept) for name in NEXT_FIELDS})
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
    import file's stem, in the same order; ``test_deals``: the deals they hold. A file
    without rows is left out of the order: there is nothing to import."""
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
        text_code = f"crm.guide.test_first.{profile.name}"
        lines += [text(text_code, lang, count=test_deals, crm=crm), ""]
    lines += [text("crm.guide.order_header", lang), "| --- | --- | --- | --- |"]
    tests = {name.removesuffix("_test.csv"): name for name in test_files}
    imported = [(name, rows) for name, rows in files if rows]
    for number, (name, rows) in enumerate(imported, start=1):
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
    lines.append("- " + counted("crm.guide.rejects", len(plan.rejects), lang))
    lines.append("- " + counted("crm.guide.warnings", len(plan.findings), lang))
    for stem, headers in plan.dropped_columns.items():
        lines.append("- " + text("crm.dropped_columns", lang) + " "
                     + text("crm.dropped_file", lang, file=f"{stem}.csv",
                            columns=", ".join(headers)))  # fmt: skip
    lines += [f"- {not_exported_line(plan, name)}" for name in plan.not_exported]
    return "\n".join(lines) + "\n"


def not_exported_line(plan: ExportPlan, name: str) -> str:
    """« Source (4 affaires) : <why> »: a value of the sheet no file of the CRM carries
    (``plan.not_exported[name]``), the reason of this CRM for this value when the
    catalogue has one (``crm.not_exported.<value>.<crm>``), else the general one."""
    count, reason = plan.not_exported[name]
    lang, profile = plan.lang, plan.profile
    own = f"crm.not_exported.{name}.{profile.name}"
    why = own if own in CATALOGUE else f"crm.not_exported.{reason}"
    return text(
        "crm.summary.not_exported_line",
        lang,
        column=text(f"column.deals.{name}", lang),
        deals=counted("crm.count.deals", count, lang),
        reason=text(why, lang, crm=profile.label),
    )
