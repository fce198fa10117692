"""The text ``salespipe export`` prints and writes to summary.txt, all of it in the
export's language (``--lang``, French by default) through the text catalogue."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from salespipe.core.crm.ids import KIND_PLURALS
from salespipe.core.crm.import_guide import not_exported_line
from salespipe.core.texts import code_label, counted, text

if TYPE_CHECKING:
    from salespipe.export.result import ExportResult


def summary_lines(result: ExportResult) -> list[str]:
    plan = result.plan
    lang = plan.lang
    account = plan.account
    lines = plan.missing.lines(lang) if plan.missing else []
    lines += [
        text("crm.summary.title", lang, crm=plan.profile.label, source=plan.source),
        "  "
        + text(
            "crm.summary.account",
            lang,
            sheet=account.sheet,
            read=rows_text(account.read, lang),
            exported=counted("crm.count.exported", account.exported, lang),
            rejected=counted("crm.count.rejected", account.rejected, lang),
            blank=counted("crm.count.blank", account.blank, lang),
        ),
    ]
    lines += _counts("rejects", Counter(r.code for r in plan.rejects), lang)
    lines += _counts("warnings", Counter(f.code for f in plan.findings), lang)
    if plan.quality_by_code:
        problems = counted("crm.count.problems", sum(plan.quality_by_code.values()), lang)
        lines.append(text("crm.summary.quality", lang, problems=problems))
    lines += _map_lines(result)
    lines += _dropped_lines(result)
    lines += not_exported_lines(result)
    lines += _followup_lines(result)
    lines += _crm_id_lines(result)
    stage_map, owners = result.stage_map.path, result.owners.path
    if plan.blocking:
        lines.append(text("crm.summary.blocking", lang))
        lines += [f"  {b.message}" for b in plan.blocking]
        if result.check and "proposed" in (result.stage_map.state, result.owners.state):
            lines.append(text("crm.summary.check_maps", lang, stage_map=stage_map, owners=owners))
        else:
            lines.append(text("crm.summary.fill_maps", lang, stage_map=stage_map, owners=owners))
        return lines
    if result.check:
        lines.append(text("crm.summary.check_ok", lang))
        lines += _file_lines(((f"{spec.stem}.csv", len(plan.records(spec)))
                              for spec in plan.profile.files), lang)  # fmt: skip
        return lines
    lines.append(text("crm.summary.written", lang, folder=result.out_dir))
    lines += _file_lines(((p.name, n) for p, n in result.files), lang)
    if result.guide is not None:
        lines.append(text("crm.summary.guide", lang, path=result.guide))
    if result.test_files:
        names = ", ".join(p.name for p in result.test_files)
        lines.append(text("crm.summary.test_files", lang, count=result.test_deals, files=names))
    return lines


def _counts(kind: str, counts: Mapping[str, int], lang: str) -> list[str]:
    if not counts:
        return [text(f"crm.summary.{kind}_none", lang)]
    shown = {code: code_label(code, lang, "crm.code.") for code in counts}
    width = max(len(label) for label in shown.values())
    return [text(f"crm.summary.{kind}", lang)] + [
        f"  {shown[code]:<{width}}  {n}" for code, n in sorted(counts.items())
    ]


def _file_lines(files: Iterable[tuple[str, int]], lang: str) -> list[str]:
    items = list(files)
    width = max((len(name) for name, _ in items), default=0)
    return [f"  {name:<{width}}  " + rows_text(rows, lang) for name, rows in items]


def rows_text(rows: int, lang: str) -> str:
    """« 1 ligne », « 3 lignes » / "1 row", "3 rows"."""
    return counted("crm.summary.rows", rows, lang)


def _map_lines(result: ExportResult) -> list[str]:
    lang = result.plan.lang
    stage_map, owners = result.stage_map, result.owners
    return [
        text("crm.summary.stage_map", lang, path=stage_map.path,
             state=text(f"crm.map_state.{stage_map.state}", lang,
                        todo=text("crm.map_todo.stages", lang))),
        text("crm.summary.owner_map", lang, path=owners.path,
             state=text(f"crm.map_state.{owners.state}", lang,
                        todo=text("crm.map_todo.owners", lang))),
    ]  # fmt: skip


def _dropped_lines(result: ExportResult) -> list[str]:
    """The columns left out of the files because blank on every row (Odoo): only when
    files are written (the first run's columns are those of a plan still to be fixed)."""
    plan = result.plan
    if not plan.dropped_columns or plan.blocking or result.check:
        return []
    lines = [text("crm.dropped_columns", plan.lang)]
    for stem, headers in plan.dropped_columns.items():
        lines.append("  " + text("crm.dropped_file", plan.lang, file=f"{stem}.csv",
                                 columns=", ".join(headers)))  # fmt: skip
    return lines


def not_exported_lines(result: ExportResult) -> list[str]:
    """The values typed in the sheet that no file of this CRM carries, and why."""
    plan = result.plan
    if not plan.not_exported:
        return []
    lines = [text("crm.summary.not_exported", plan.lang, crm=plan.profile.label)]
    return lines + [f"  {not_exported_line(plan, name)}" for name in plan.not_exported]


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
            lines.append(counted(f"crm.followups_{code}", count, plan.lang,
                                 file=f"{spec.stem}.csv", crm=plan.profile.label))  # fmt: skip
    return lines


def _crm_id_lines(result: ExportResult) -> list[str]:
    """Which records the import will update (their CRM ID is known) or create."""
    report = result.plan.crm_ids
    if report is None:
        return []
    lang, crm = result.plan.lang, result.plan.profile.label
    files = ", ".join(str(p) for p in result.crm_id_files) or text("crm.summary.ids_given", lang)
    count = counted("crm.summary.ids", report.ids, lang)
    if report.without_id:
        count += counted("crm.summary.ids_without", report.without_id, lang)
    lines = [text("crm.summary.ids_title", lang, crm=crm, files=files, count=count)]
    for kind, plural in KIND_PLURALS.items():
        records = text(f"crm.summary.records.{plural}", lang)
        if kind in report.to_update:
            update, create = report.to_update[kind], report.to_create[kind]
            lines.append("  " + text("crm.summary.ids_counts", lang, records=records,
                                     update=update, create=create))  # fmt: skip
        else:
            lines.append("  " + text("crm.summary.ids_none", lang, records=records))
    if report.not_exported:
        lines.append("  " + text("crm.summary.ids_unused", lang, count=report.not_exported))
    if any(report.to_create.values()):
        lines.append("  " + text("crm.summary.ids_again", lang, crm=crm))
    return lines


def summary_data(result: ExportResult) -> dict[str, Any]:
    """The summary as JSON-ready values (``salespipe export --format json``): the missing
    headline columns first (None when none is missing), the rows' accounting, rejects and
    warnings by code, the reading's data-quality problems by code, blocking problems, the
    map files, the files written (or that ``--check`` would write) and the outcome
    (``ok``, ``maps_to_fill``, ``blocked``: the exit code's)."""
    plan = result.plan
    account = plan.account
    if result.check:
        files = [(f"{spec.stem}.csv", len(plan.records(spec))) for spec in plan.profile.files]
    else:
        files = [(path.name, rows) for path, rows in result.files]
    return {
        "missing_columns": plan.missing.to_dict(plan.lang) if plan.missing else None,
        "crm": plan.profile.label,
        "source": plan.source,
        "check": result.check,
        "rows": {
            "sheet": account.sheet,
            "read": account.read,
            "exported": account.exported,
            "rejected": account.rejected,
            "blank": account.blank,
        },
        "rejected_by_code": dict(sorted(Counter(r.code for r in plan.rejects).items())),
        "warnings_by_code": dict(sorted(Counter(f.code for f in plan.findings).items())),
        "quality_by_code": plan.quality_by_code,
        "blocking": [
            {"code": b.code, "subject": b.subject, "deals": b.deals, "message": b.message}
            for b in plan.blocking
        ],
        "maps": {
            "stage_map": {"path": str(result.stage_map.path), "state": result.stage_map.state},
            "owners": {"path": str(result.owners.path), "state": result.owners.state},
        },
        "out_dir": str(result.out_dir),
        "files": [{"name": name, "rows": rows} for name, rows in files],
        "written": not result.check and not plan.blocking,
        "outcome": result.outcome,
    }
