"""The report as a readable terminal dashboard (English or French labels)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from datetime import date

from salespipe.core.quality import Severity
from salespipe.core.report import Report, Summary
from salespipe.core.texts import code_label, label, singular


class TextRenderer:
    """Formats numbers, dates and sections in one language."""

    def __init__(self, lang: str = "en", max_rows: int = 10, width: int | None = None) -> None:
        self.lang = lang
        self.max_rows = max_rows
        self.width = width  # the terminal's columns; None: no limit
        self._french = lang == "fr"  # any other language: English

    @property
    def colon(self) -> str:
        """A label's colon as each language writes it: « Affaires : 239 » in French (a
        space before it, as French typography wants and the catalogue writes it), "Deals:
        239" in English."""
        return " : " if self._french else ": "

    @property
    def semicolon(self) -> str:
        """« ; » with a space before it in French, as the colon."""
        return " ; " if self._french else "; "

    def t(self, key: str) -> str:
        return label(f"terminal.{key}", "fr" if self._french else "en")

    def n(self, count: int, key: str) -> str:
        """``count`` and its word, agreed: « 1 écartée », « 0 vide », « 2 écartées » (French
        takes the singular below 2; the ``terminal.<key>.one`` entry holds it)."""
        one = singular(count, "fr" if self._french else "en")
        return f"{count} {self.t(f'{key}.one') if one else self.t(key)}"

    def rule(self, origin: str) -> str:
        """The rule that gave a follow-up date (FollowUp.origin), in words."""
        return label(f"report.origin.{origin}", "fr" if self._french else "en")

    def money(self, value: float | None) -> str:
        if value is None:
            return "-"
        text = f"{value:,.0f}"
        if self._french:
            return text.replace(",", "\u202f") + " €"
        return f"€{text}"

    def pct(self, value: float | None) -> str:
        """A rate as a percentage: one decimal (``44.8%``), two below 1 % when the second
        is not 0 (``0.25%``, ``0.05%``, but ``0.1%``), so small rates read as typed."""
        if value is None:
            return "-"
        text = f"{100 * value:.2f}"
        if abs(float(text)) >= 1 or text.endswith("0"):
            text = f"{100 * value:.1f}"
        return f"{text.replace('.', ',')} %" if self._french else f"{text}%"

    def day(self, value: date | None) -> str:
        if value is None:
            return "-"
        return value.strftime("%d/%m/%Y") if self._french else value.isoformat()


def _numeric(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text[0] in "€-+…")


#: Narrowest a column of words is made to fit the width (its cells then wrap); wider when
#: its longest word is, up to :data:`_MAX_WORD_WIDTH`.
_MIN_TEXT_WIDTH = 10
_MAX_WORD_WIDTH = 16
#: Lines a cell of words may take once wrapped; beyond, it ends with « … ».
_MAX_CELL_LINES = 3


def _table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], width: int | None = None
) -> list[str]:
    """Columns padded to width; columns of figures right-aligned, text left-aligned.

    With ``width`` (the terminal's columns), a table wider than it is fitted: long
    headers wrap onto two lines at their spaces, then the widest columns of words
    narrow (down to their longest word, 10 to 16 characters) and their cells wrap at
    spaces onto three lines at most, the last ending in « … » when the text is longer
    still. Figures are never cut."""
    rows = [list(r) for r in rows]
    columns = list(zip(headers, *rows, strict=True))
    right = [bool(rows) and all(_numeric(c) for c in col[1:]) for col in columns]
    widths = [max(len(c) for c in col) for col in columns]
    if width is not None and _total(widths) > width:
        widths = _fitted(columns, right, width)
    head = _wrapped_headers(headers, widths)

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        )

    out = [*(line(cells) for cells in head), "  ".join("-" * w for w in widths)]
    for row in rows:
        out += [line(cells) for cells in _wrapped_row(row, widths)]
    return ["  " + x.rstrip() for x in out]


def _total(widths: Sequence[int]) -> int:
    """Characters of a table line: the indent, the columns and the gaps between them."""
    return 2 + sum(widths) + 2 * (len(widths) - 1)


def _fitted(columns: Sequence[Sequence[str]], right: Sequence[bool], width: int) -> list[int]:
    """Column widths within ``width``: headers at their longest word, then the widest
    columns of words narrowed one character at a time."""
    widths = [
        max([len(c) for c in col[1:]] + [max((len(w) for w in col[0].split()), default=0)])
        for col in columns
    ]
    floor = [
        min(max([_MIN_TEXT_WIDTH, *(len(w) for c in col[1:] for w in c.split())]), _MAX_WORD_WIDTH)
        for col in columns
    ]
    while _total(widths) > width:
        narrowable = [i for i, r in enumerate(right) if not r and widths[i] > floor[i]]
        if not narrowable:
            break
        widest = max(narrowable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def _wrapped_headers(headers: Sequence[str], widths: Sequence[int]) -> list[list[str]]:
    """The header as one line, or as lines of words when a header is wider than its
    column (bottom-aligned, so the last line sits on the dashes)."""
    cells = [_wrap(h, w, lines=4) for h, w in zip(headers, widths, strict=True)]
    height = max(len(c) for c in cells)
    padded = [[""] * (height - len(c)) + c for c in cells]
    return [[cell[n] for cell in padded] for n in range(height)]


def _wrapped_row(row: Sequence[str], widths: Sequence[int]) -> list[list[str]]:
    cells = [_wrap(c, w) for c, w in zip(row, widths, strict=True)]
    height = max(len(c) for c in cells)
    return [[c[n] if n < len(c) else "" for c in cells] for n in range(height)]


def _wrap(text: str, width: int, lines: int = _MAX_CELL_LINES) -> list[str]:
    """``text`` in lines of ``width`` at most (words kept whole when they fit), ``lines``
    at most, the last ending in « … » when something was left out."""
    if len(text) <= width:
        return [text]
    parts = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
    if len(parts) > lines:
        parts = [*parts[: lines - 1], " ".join(parts[lines - 1 :])]
    return [p if len(p) <= width else p[: width - 1].rstrip() + "…" for p in parts or [text]]


def render_text(
    report: Report, lang: str = "en", full: bool = False, width: int | None = None
) -> str:
    """The dashboard: accounting, headline, forecast, funnel, follow-ups, cycle, plan, quality.

    With ``width`` (a terminal's columns, e.g. ``shutil.get_terminal_size().columns``),
    every table fits it: its columns of words narrow and their cells wrap (:func:`_table`);
    a sentence stays on its line, for the terminal to wrap and a search to find."""
    r = TextRenderer(lang, max_rows=10**9 if full else 10, width=width)
    parts = [
        _missing(report, r),
        _header(report, r),
        _headline(report, r),
        _forecast(report, r),
        _funnel(report, r),
        _followups(report, r),
        _cycle(report, r),
        _actions(report, r),
        _quality(report, r),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _missing(report: Report, r: TextRenderer) -> str:
    """First of all, when the pipeline table lacks a headline column: the warning and the
    columns seen, wrapped to 79 columns, then the mapping to paste as it is."""
    missing = report.missing_columns
    if missing is None:
        return ""
    warning, seen, paste, *mapping = missing.lines(r.lang)
    wrapped = [
        *_wrapped(warning, "  ", r.lang),
        *_wrapped(seen, "    ", r.lang),
        *_wrapped(paste, "  ", r.lang),
    ]
    return "\n".join([*wrapped, *mapping])


#: A name in quotes, kept on one line when a sentence wraps: « … » (French), '…' (English).
_QUOTED = {"fr": re.compile(r"«[^»]*»"), "en": re.compile(r"'[^']*'")}


def _wrapped(sentence: str, indent: str, lang: str) -> list[str]:
    """``sentence`` in lines of 79 characters, never breaking inside the quotes around a
    name (its spaces held while wrapping)."""
    quoted = _QUOTED["en" if lang == "en" else "fr"]
    held = quoted.sub(lambda m: m.group(0).replace(" ", "\u00a0"), sentence)
    lines = textwrap.wrap(held, 79, subsequent_indent=indent, break_long_words=False)
    return [line.replace("\u00a0", " ") for line in lines]


def _header(report: Report, r: TextRenderer) -> str:
    lines = [f"{r.t('title')} — {report.source} ({r.t('as_of')} {r.day(report.as_of)})"]
    for a in report.accounts:
        lines.append(
            f"  {a.sheet}{r.colon}{r.n(a.read, 'read')} = {r.n(a.used, 'used')} + "
            f"{r.n(a.rejected, 'rejected')} + {r.n(a.totals, 'totals')} + "
            f"{r.n(a.blank, 'blank')}" + (f" + {r.n(a.headers, 'headers')}" if a.headers else "")
        )
    return "\n".join(lines)


def _headline(report: Report, r: TextRenderer) -> str:
    s = report.summary
    lines = [
        r.t("headline"),
        f"  {r.t('deals')}{r.colon}{s.deals} ({r.n(s.open_deals, 'open')}, "
        f"{r.n(s.won_deals, 'won')}, {r.n(s.lost_deals, 'lost')})",
        f"  {r.t('open_pipeline')}{r.colon}{r.money(s.open_amount)} ({r.t('weighted')} "
        f"{r.money(s.weighted_open)})",
        f"  {r.t('won_amount')}{r.colon}{r.money(s.won_amount)}    "
        f"{r.t('win_rate')}{r.colon}{r.pct(s.win_rate)}",
        f"  {r.t('forecast_period')} {r.day(s.period_start)} – {r.day(s.period_end)}{r.colon}"
        f"{r.money(s.period_forecast)}",
    ]
    if s.target:
        lines += _target_lines(s, r)
    return "\n".join(lines)


def _target_lines(s: Summary, r: TextRenderer) -> list[str]:
    """Attainment, then what remains and how much of it the period's open deals cover, or
    « objectif atteint » and by how much."""
    lines = [
        f"  {r.t('target')}{r.colon}{r.money(s.target)}{r.semicolon}{r.t('won_in_period')} "
        f"{r.money(s.won_in_period)} ({r.t('attainment')} {r.pct(s.attainment)}), "
        f"{r.t('forecast_attainment')} {r.pct(s.forecast_attainment)} {r.t('of_target')}"
    ]
    if s.target_reached:
        beyond = -(s.remaining_target or 0.0)
        lines.append(f"  {r.t('target_reached')}{r.colon}{r.money(beyond)} {r.t('beyond')}")
    elif s.remaining_target is not None:
        lines.append(
            f"  {r.t('remaining')}{r.colon}{r.money(s.remaining_target)}{r.semicolon}"
            f"{r.t('coverage')} "
            f"{r.pct(s.coverage)} ({r.t('weighted_coverage')} {r.pct(s.weighted_coverage)})"
        )
    return lines


def _forecast(report: Report, r: TextRenderer) -> str:
    months = report.forecast_by_month
    lines = [r.t("by_month")]
    lines += _table(
        ["", r.t("won"), r.t("weighted"), "total"],
        [[m.key, r.money(m.won), r.money(m.weighted_open), r.money(m.forecast)] for m in months],
        r.width,
    )
    lines += ["", r.t("by_owner")]
    lines += _table(
        ["", r.t("won"), r.t("weighted"), "total"],
        [
            [o.key, r.money(o.won), r.money(o.weighted_open), r.money(o.forecast)]
            for o in report.forecast_by_owner
        ],
        r.width,
    )
    return "\n".join(lines)


def _funnel(report: Report, r: TextRenderer) -> str:
    rows = [
        [
            f.stage,
            str(f.reached),
            str(f.moved_on),
            str(f.lost_at),
            str(f.open_at),
            r.pct(f.conversion),
            r.pct(f.reached_conversion),
            r.pct(f.cumulative_conversion),
        ]
        for f in report.funnel
    ]
    headers = [r.t("stage"), r.t("reached"), r.t("moved_on"), r.t("lost_at"), r.t("open_at"),
               r.t("conversion"), r.t("reached_conversion"), r.t("to_won")]  # fmt: skip
    lines = [r.t("funnel"), *_table(headers, rows, r.width)]
    if report.required_pipeline:
        lines += ["", r.t("required")]
        lines += [f"  {stage}{r.colon}{count}" for stage, count in report.required_pipeline]
    return "\n".join(lines)


def _followups(report: Report, r: TextRenderer) -> str:
    s = report.summary
    lines = [
        f"{r.t('overdue')}{r.colon}{s.overdue_followups}  ({s.due_this_week} {r.t('due_week')}, "
        f"{s.nurture} {r.t('nurture')})"
    ]
    overdue = report.overdue
    rows = [
        [f.owner or "-", _deal_label(f.deal_name, f.company, f.deal_id), str(f.row),
         f.stage or "-", r.day(f.due), str(f.business_days_late), r.rule(f.origin)]
        for f in overdue[: r.max_rows]
    ]  # fmt: skip
    headers = [r.t("owner"), r.t("deal"), r.t("row"), r.t("stage"), r.t("due"), r.t("late"),
               r.t("due_rule")]  # fmt: skip
    lines += _table(headers, rows, r.width) if overdue else [f"  {r.t('none')}"]
    if len(overdue) > r.max_rows:
        lines.append(f"  … +{len(overdue) - r.max_rows} ({r.t('more')})")
    if s.close_date_passed:
        lines += ["", f"{r.t('passed')}{r.colon}{s.close_date_passed} "
                      f"({r.money(s.close_date_passed_amount)})"]  # fmt: skip
    if report.rotting:
        lines += ["", f"{r.t('rotting')}{r.colon}{len(report.rotting)}"]
        lines += _table(
            [r.t("owner"), r.t("deal"), r.t("row"), r.t("stage"), r.t("idle"), r.t("expected")],
            [
                [d.owner or "-", _deal_label(d.deal_name, None, d.deal_id), str(d.row),
                 d.stage or "-", str(d.idle_days), str(d.expected_days)]
                for d in report.rotting[: r.max_rows]
            ],
            r.width,
        )  # fmt: skip
        if len(report.rotting) > r.max_rows:
            lines.append(f"  … +{len(report.rotting) - r.max_rows} ({r.t('more')})")
    return "\n".join(lines)


def _deal_label(name: str | None, company: str | None, deal_id: str | None) -> str:
    label = name or deal_id or "?"
    return f"{label} ({company})" if company else label


def _cycle(report: Report, r: TextRenderer) -> str:
    c = report.cycle
    lines = [f"{r.t('cycle')}{r.colon}-"]
    if c.count:
        lines = [
            f"{r.t('cycle')}{r.colon}{r.t('median')} {c.median_days:.0f} {r.t('days')}, "
            f"{r.t('mean')} {c.mean_days:.0f} {r.t('days')} (n = {c.count})"
        ]
    if report.time_in_stage:
        lines += ["", r.t("in_stage")]
        lines += _table(
            [r.t("stage"), r.t("open"), r.t("median"), r.t("mean"), "max"],
            [
                [stage, str(s.count), f"{s.median_days:.0f}", f"{s.mean_days:.0f}",
                 str(s.max_days)]
                for stage, s in report.time_in_stage.items()
                if s.count and s.median_days is not None and s.mean_days is not None
            ],
            r.width,
        )  # fmt: skip
    return "\n".join(lines)


def _actions(report: Report, r: TextRenderer) -> str:
    plan = report.action_plan
    if not plan.progress:
        return ""
    lines = [
        f"{r.t('actions')}{r.colon}{len(plan.progress)}, "
        f"{r.t('budget')} {r.money(plan.budget_total)}"
    ]
    lines += [f"  {owner}{r.colon}{r.money(v)}" for owner, v in plan.budget_by_owner.items()]
    lines += ["", r.t("cost_per_source")]
    lines += _table(
        ["", r.t("budget"), "leads", "RDV", "sign.", "€/lead", "€/sign."],
        [
            [
                c.action,
                r.money(c.budget),
                str(c.leads),
                str(c.meetings),
                str(c.signatures),
                r.money(c.cost_per_lead),
                r.money(c.cost_per_signature),
            ]
            for c in plan.cost_per_source
        ],
        r.width,
    )
    return "\n".join(lines)


def _quality(report: Report, r: TextRenderer) -> str:
    issues = [i for i in report.issues if i.severity is not Severity.INFO] + [
        i for i in report.issues if i.severity is Severity.INFO
    ]
    lines = [f"{r.t('quality')}{r.colon}{len(issues)} {r.t('issues')}"]
    lines += [
        f"  {code_label(code, r.lang, 'quality.code.')}{r.colon}{n}"
        for code, n in report.issue_counts().items()
    ]
    if issues:
        lines.append("")
    lines += [
        f"  [{label(f'severity.{i.severity.value}', r.lang)}] {i.message(r.lang)}"
        for i in issues[: r.max_rows]
    ]
    if len(issues) > r.max_rows:
        lines.append(f"  … +{len(issues) - r.max_rows} ({r.t('more')})")
    for sheet, headers in report.ignored_columns.items():
        if headers:
            lines.append(f"  {r.t('ignored')} ({sheet}){r.colon}{', '.join(headers)}")
    return "\n".join(lines)
