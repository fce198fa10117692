"""The text ``salespipe export`` prints and writes to summary.txt."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from salespipe.core.crm.ids import KIND_PLURALS
from salespipe.core.texts import text

if TYPE_CHECKING:
    from salespipe.export.result import ExportResult


def summary_lines(result: ExportResult) -> list[str]:
    plan = result.plan
    account = plan.account
    lines = [
        f"{plan.profile.label} export of {plan.source}",
        f"  Sheet '{account.sheet}': {account.read} rows = {account.exported} exported + "
        f"{account.rejected} rejected + {account.blank} blank",
    ]
    lines += _counts("Rejected rows by reason", Counter(r.code for r in plan.rejects))
    lines += _counts("Warnings by code", Counter(f.code for f in plan.findings))
    lines += _map_lines(result)
    lines += _dropped_lines(result)
    lines += _followup_lines(result)
    lines += _crm_id_lines(result)
    stage_map, owners = result.stage_map.path, result.owners.path
    if plan.blocking:
        lines.append("Blocking problems:")
        lines += [f"  {b.message}" for b in plan.blocking]
        if result.check and "proposed" in (result.stage_map.state, result.owners.state):
            lines.append(f"Nothing written (--check). Run without --check to write {stage_map} "
                         f"and {owners}, complete them, then export again.")  # fmt: skip
        else:
            lines.append(f"No import file written: complete {stage_map} and {owners}, "
                         "then export again.")  # fmt: skip
        return lines
    if result.check:
        lines.append("No blocking problem. Nothing written (--check); the export would write:")
        lines += _file_lines((f"{spec.stem}.csv", len(plan.records(spec)))
                             for spec in plan.profile.files)  # fmt: skip
        return lines
    lines.append(f"Files written to {result.out_dir}:")
    lines += _file_lines((p.name, n) for p, n in result.files)
    return lines


def _counts(title: str, counts: Mapping[str, int]) -> list[str]:
    if not counts:
        return [f"{title}: none"]
    width = max(len(code) for code in counts)
    return [f"{title}:"] + [f"  {code:<{width}}  {n}" for code, n in sorted(counts.items())]


def _file_lines(files: Iterable[tuple[str, int]]) -> list[str]:
    items = list(files)
    width = max((len(name) for name, _ in items), default=0)
    return [f"  {name:<{width}}  {rows} row{'s' * (rows != 1)}" for name, rows in items]


def _map_lines(result: ExportResult) -> list[str]:
    stage_map, owners = result.stage_map, result.owners
    return [
        f"Stage map: {stage_map.path} ({_state(stage_map.state, 'check the proposed stages')})",
        f"Owner map: {owners.path} ({_state(owners.state, 'add each owner e-mail')})",
    ]


def _dropped_lines(result: ExportResult) -> list[str]:
    """The columns left out of the files because blank on every row (Odoo)."""
    plan = result.plan
    if not plan.dropped_columns:
        return []
    lines = [text("crm.dropped_columns", plan.lang)]
    for stem, headers in plan.dropped_columns.items():
        lines.append("  " + text("crm.dropped_file", plan.lang, file=f"{stem}.csv",
                                 columns=", ".join(headers)))  # fmt: skip
    return lines


def _followup_lines(result: ExportResult) -> list[str]:
    """Where the follow-ups went, for a CRM whose task rows must not name a deal."""
    plan = result.plan
    if plan.followups is None:
        return []
    deals, tasks = plan.profile.file("deals"), plan.profile.file("tasks")
    assert deals is not None and tasks is not None
    lines = []
    for count, code, spec in zip(plan.followups, ("on_rows", "in_file"), (deals, tasks),
                                 strict=True):  # fmt: skip
        if count:
            number = "one" if count == 1 else "many"
            lines.append(text(f"crm.followups_{code}.{number}", plan.lang, count=count,
                              file=f"{spec.stem}.csv", crm=plan.profile.label))  # fmt: skip
    return lines


def _crm_id_lines(result: ExportResult) -> list[str]:
    """Which records the import will update (their CRM ID is known) or create."""
    report = result.plan.crm_ids
    if report is None:
        return []
    files = ", ".join(str(p) for p in result.crm_id_files) or "given"
    aside = f", {report.without_id} row{'s' * (report.without_id != 1)} without salespipe ID"
    lines = [f"{result.plan.profile.label} IDs: {files} ({report.ids} "
             f"ID{'s' * (report.ids != 1)}{aside if report.without_id else ''})"]  # fmt: skip
    for kind, plural in KIND_PLURALS.items():
        if kind in report.to_update:
            update, create = report.to_update[kind], report.to_create[kind]
            lines.append(f"  {plural} to update: {update}, to create: {create}")
        else:
            lines.append(f"  {plural}: no IDs given (imported as before)")
    if report.not_exported:
        lines.append(f"  IDs matching no exported record: {report.not_exported} "
                     "(see warnings.csv, crm_id_not_exported)")  # fmt: skip
    if any(report.to_create.values()):
        lines.append("  After this import, export the IDs from Pipedrive again: the records "
                     "it creates are not in these files yet.")  # fmt: skip
    return lines


def _state(state: str, todo: str) -> str:
    return {
        "created": f"created: {todo}",
        "updated": f"rows added: {todo}",
        "reused": "reused",
        "proposed": "not written: --check",
    }[state]
