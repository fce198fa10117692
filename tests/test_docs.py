"""The docs follow the CLI and stand on their own (as simonw/sqlite-utils checks its docs).

- Every command of :data:`salespipe.cli.cli` is named in README.md or docs/*.md.
- Every option of a command appears in the options section of that command: a heading
  that says "options" and names the command in backticks (``### Options of `salespipe
  report` ``), in the file :data:`COMMAND_DOCS` gives for it.
- Every long option such a section names exists on a command its heading names, so a
  removed or renamed option cannot stay documented.
- Every relative link of README.md and docs/*.md points to a file that exists and, when
  it has an anchor into a Markdown file, to one of that file's headings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from salespipe.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DOC_FILES = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))

#: Where each command's options are documented.
COMMAND_DOCS = {
    "report": "README.md",
    "demo": "README.md",
    "template": "docs/template.md",
    "export": "docs/crm_export.md",
    "sync": "docs/sync.md",
    "check": "docs/sync.md",
    "init": "docs/sync.md",
}

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_OPTIONS_HEADING = re.compile(r"\boptions\b", re.IGNORECASE)
_LONG_OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
_INLINE_CODE = re.compile(r"`+[^`]*`+")
_INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Section:
    """A heading and the text under it, down to the next heading of the same or a
    higher level (headings inside fenced code blocks are not headings)."""

    heading: str
    level: int
    line: int
    text: str


def _prose(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line) of a Markdown file, fenced code blocks left out."""
    fenced = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def sections(path: Path) -> list[Section]:
    lines = path.read_text(encoding="utf-8").splitlines()
    headings = [
        (number, len(match.group(1)), match.group(2))
        for number, line in _prose(path)
        if (match := _HEADING.match(line))
    ]
    found = []
    for i, (number, level, heading) in enumerate(headings):
        end = next((n for n, lv, _ in headings[i + 1 :] if lv <= level), len(lines) + 1)
        found.append(Section(heading, level, number, "\n".join(lines[number - 1 : end - 1])))
    return found


def _names_command(heading: str, command: str) -> bool:
    return re.search(rf"`salespipe {re.escape(command)}(?:\s[^`]*)?`", heading) is not None


def options_sections(path: Path, command: str) -> list[Section]:
    """The sections of ``path`` documenting the options of ``salespipe <command>``."""
    return [
        s
        for s in sections(path)
        if _OPTIONS_HEADING.search(s.heading) and _names_command(s.heading, command)
    ]


def option_strings(command: click.Command) -> list[str]:
    """Every option string of a command (``-o``, ``--output``, ``--no-progress``…)."""
    return [
        opt
        for param in command.params
        if isinstance(param, click.Option)
        for opt in (*param.opts, *param.secondary_opts)
    ]


def mentions(text: str, option: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


COMMANDS = sorted(cli.commands)
OPTIONS = [(name, opt) for name in COMMANDS for opt in option_strings(cli.commands[name])]


def test_every_command_has_a_doc_file() -> None:
    missing = sorted(set(COMMANDS) - set(COMMAND_DOCS))
    assert not missing, (
        f"command(s) {', '.join(missing)} have no documentation file: document them (README.md "
        "or a docs/*.md page, with an options section) and add them to COMMAND_DOCS in "
        "tests/test_docs.py"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented(command: str) -> None:
    named = [p for p in DOC_FILES if f"salespipe {command}" in p.read_text(encoding="utf-8")]
    assert named, (
        f"`salespipe {command}` is documented nowhere: describe it in "
        f"{COMMAND_DOCS.get(command, 'README.md')}"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_an_options_section(command: str) -> None:
    doc = COMMAND_DOCS.get(command, "README.md")
    assert options_sections(ROOT / doc, command), (
        f"{doc} has no options section for `salespipe {command}`: add a heading such as "
        f"'## Options of `salespipe {command}`' with every option under it"
    )


@pytest.mark.parametrize(("command", "option"), OPTIONS, ids=[f"{c} {o}" for c, o in OPTIONS])
def test_option_is_documented(command: str, option: str) -> None:
    doc = COMMAND_DOCS.get(command, "README.md")
    found = options_sections(ROOT / doc, command)
    assert any(mentions(s.text, option) for s in found), (
        f"`salespipe {command} {option}` is not documented: describe {option} in the options "
        f"section of `salespipe {command}` in {doc}"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_options_exist(command: str) -> None:
    doc = COMMAND_DOCS.get(command, "README.md")
    for section in options_sections(ROOT / doc, command):
        named = [c for c in COMMANDS if _names_command(section.heading, c)]
        known = {"--help", "--version"}
        for name in named:
            known.update(option_strings(cli.commands[name]))
        written = set(_LONG_OPTION.findall(section.text))
        unknown = sorted(written - known)
        assert not unknown, (
            f"{doc}:{section.line} ({section.heading}) documents {', '.join(unknown)}, "
            f"which no command of its heading ({', '.join(named)}) has: remove or rename them"
        )


def test_version_option_is_documented() -> None:
    assert "salespipe --version" in (ROOT / "README.md").read_text(encoding="utf-8"), (
        "`salespipe --version` is not documented: mention it in README.md"
    )


# --- links -------------------------------------------------------------------------------


def slugs(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file."""
    seen: dict[str, int] = {}
    found = set()
    for _, line in _prose(path):
        match = _HEADING.match(line)
        if match is None:
            continue
        # github-slugger keeps "_" (a connector, \p{Pc}): business_days.py -> business_dayspy.
        text = re.sub(r"[`*]|<[^>]+>", "", match.group(2))
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
        slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def links(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, target) of every link in the prose of a Markdown file."""
    for number, line in _prose(path):
        prose = _INLINE_CODE.sub("", line)
        for match in _INLINE_LINK.finditer(prose):
            yield number, match.group(1)
        reference = _REFERENCE_LINK.match(prose)
        if reference:
            yield number, reference.group(1)


def _relative_links() -> list[tuple[Path, int, str]]:
    return [
        (path, number, target)
        for path in DOC_FILES
        for number, target in links(path)
        if not _SCHEME.match(target)
    ]


RELATIVE_LINKS = _relative_links()


def test_docs_have_relative_links() -> None:
    # The parser finds the links the docs are known to have (guards against it finding none).
    assert any(target == "docs/sync.md" for _, _, target in RELATIVE_LINKS)


@pytest.mark.parametrize(
    ("path", "line", "target"),
    RELATIVE_LINKS,
    ids=[f"{p.relative_to(ROOT)}:{n}:{t}" for p, n, t in RELATIVE_LINKS],
)
def test_relative_link_points_to_a_file(path: Path, line: int, target: str) -> None:
    where = f"{path.relative_to(ROOT)}:{line}"
    file_part, _, anchor = target.partition("#")
    linked = (path.parent / file_part).resolve() if file_part else path
    assert linked.exists(), f"{where}: link to {target}: no such file {linked}"
    if anchor and linked.suffix == ".md":
        assert anchor in slugs(linked), (
            f"{where}: link to {target}: {linked.relative_to(ROOT)} has no heading #{anchor}"
        )


# --- the code the docs name -------------------------------------------------------------

_DOTTED = re.compile(r"`((?:salespipe|sheets_sync|xlplugin)(?:\.[A-Za-z_]\w*)+)")
_SOURCE_PATH = re.compile(r"(?<![\w/.])((?:salespipe|sheets_sync|xlplugin|tests|bench)/[\w/]+\.py)")


def _resolves(dotted: str) -> bool:
    """Whether ``dotted`` names a module, or an attribute reached from one."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def test_modules_and_files_the_docs_name_exist() -> None:
    """A layout change that leaves a doc naming a module, function or file that moved
    fails here, with the doc and the name."""
    named = [
        (path.relative_to(ROOT).as_posix(), match.group(1))
        for path in DOC_FILES
        for match in _DOTTED.finditer(path.read_text(encoding="utf-8"))
    ]
    files = [
        (path.relative_to(ROOT).as_posix(), match.group(1))
        for path in DOC_FILES
        for match in _SOURCE_PATH.finditer(path.read_text(encoding="utf-8"))
    ]
    assert len(named) > 20 and len(files) > 10  # the docs do name code
    missing = [f"{doc}: {name}" for doc, name in named if not _resolves(name)]
    missing += [f"{doc}: {name}" for doc, name in files if not (ROOT / name).is_file()]
    assert missing == []


def test_a_moved_name_does_not_resolve() -> None:
    assert _resolves("salespipe.files.read_grids")
    assert _resolves("sheets_sync.sources.protocol.SyncSource")
    assert not _resolves("salespipe.workbook.read_grids")  # where it was before the layout
    assert not _resolves("salespipe.files.read_grid")
