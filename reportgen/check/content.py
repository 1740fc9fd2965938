"""Content checks: what an accessible file can still get wrong for its readers.

* A typed number in a narrative that matches no figure computed for the report's
  period: the usual way a stale figure reaches a committee ("479 children" copied
  from last month's paper). Numbers should come from ``{{ }}`` placeholders. The
  figures are every indicator's values for the period (value, count, previous,
  target, comparators...) and the spec's ``extra:`` facts; a number that only
  matches an earlier month of a series is reported as that month's figure. Ignored
  as not figures: years, days of a date, times, numbers joined to words or slashes
  (1st, KS2, 2016/17), times (10.30 am), references (section 3, paragraph 3.4, 3.4.1), rate bases
  (per 10,000), ages, distances and timescales (aged under 18, 20 miles, 10 working
  days) and whole numbers up to 10. Typed recommendations in the spec are checked
  too. A line can opt out by *starting* with ``{# allow-number #}`` (at the end of a
  line Jinja's ``trim_blocks`` would swallow the line break and merge paragraphs); a
  figure that is not computed (a tender price) belongs in the spec's ``extra:``.
* An unresolved placeholder (``{{``, ``{%``) or a missing value printed as "nan" in
  the composed text, and drafting marks (TBC, XXX, [insert ...]): errors in a final
  report, warnings in a draft.
* A scorecard drawn as a chart: a picture of a table (images of text, WCAG 1.4.5), a
  warning; ``table: {type: scorecard}`` gives the same as real text.
* A final report without every approval its template requires (``required_approvals``
  matched against ``signoffs[].id``); an approval without a date only warns.
* Wording from before the current rules in an existing PDF or Word file ("the first
  highest", "zero authorities", England ranked among "areas", a bare "(quartile 4)",
  "0.0pp (deteriorating)", a context measure called better or worse, "year-end
  forecast" at the year end): a warning to rebuild.
* A report older than its data: an existing output older than a data file is an
  error (the published file no longer matches the data); older than the spec or a
  snippet, a warning. A spec whose period is not the latest in the data is a warning
  only, because re-issuing an earlier month's report is legitimate.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

from reportgen import model as m
from reportgen import vocabulary as fmt
from reportgen.check.findings import Finding, error, warning
from reportgen.compose.context import ComposeContext
from reportgen.compose.spec import ContentItem

__all__ = [
    "approval_findings",
    "computed_figures",
    "document_text",
    "existing_output_findings",
    "freshness_findings",
    "image_of_text_findings",
    "placeholder_findings",
    "stale_number_findings",
    "stale_wording_findings",
    "typed_numbers",
]

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
NUMBER = re.compile(r"(?<![\w.,/:£])(?<!\w-)£?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)*%?(?![\w/:]|[.,-]\d)")
MONTHS = "|".join(fmt.MONTHS) + "|" + "|".join(mo[:3] for mo in fmt.MONTHS)
DATE_AFTER = re.compile(rf"^\s*(?:{MONTHS})\b")
DATE_BEFORE = re.compile(rf"\b(?:{MONTHS})\s*$")
TIME_AFTER = re.compile(r"^\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)", re.IGNORECASE)
REF_WORDS = re.compile(
    r"\b(?:section|sections|paragraph|paragraphs|para|paras|appendix|table|figure|chart|"
    r"page|pages|item|annex|schedule|regulation|article|part|rule|standard|stage|level|"
    r"tier|phase|version|ward|act|chapter|clause|recommendation|per|quartile|year|lot)\s*$",
    re.IGNORECASE,
)
#: Words before a whole number up to ``MAX_AGE`` that make it an age ("aged 19, 20 and
#: 21", "under 16", "the age of 25", "at 19 to 21"), not a reported figure.
AGE_BEFORE = re.compile(
    r"\b(?:age|ages|aged|under|over|between|at)\b(?:\s+of)?"
    r"[\s\d,]*(?:\band\b|\bor\b|\bto\b|-|–)?\s*$",
    re.IGNORECASE,
)
MAX_AGE = 25
#: Units after a number that make it a threshold or timescale, not a reported figure.
UNIT_AFTER = re.compile(
    r"^(?:\s+|-)(?:miles?|km|kilometres?|working days?|hours?|"
    r"years?[\s-]old|-year-olds?)\b",
    re.IGNORECASE,
)
ALLOW = "allow-number"
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\bnan\b|\bNaN\b")
DRAFTING = re.compile(r"\bTBC\b|\bTBA\b|\bXXX+\b|\[\s*insert\b[^\]]*\]", re.IGNORECASE)
SERIES_FIELDS = {"series", "target_series", "count_series"}


# --------------------------------------------------------------- stale numbers


def _numbers(value: Any) -> Iterator[float]:
    """Every number in a value (tuples and dataclasses such as comparators included)."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int | float):
        yield float(value)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _numbers(item)
    elif isinstance(value, dict):  # a spec's extra: facts may be grouped
        for item in value.values():
            yield from _numbers(item)
    elif hasattr(value, "__dataclass_fields__"):
        for f in fields(value):
            yield from _numbers(getattr(value, f.name))


def _shown(x: float) -> set[str]:
    """How a figure can appear: 0, 1 or 2 decimals, no sign, separators or units."""
    return {_normal(fmt.fmt_number(abs(x), places)) for places in (0, 1, 2)}


def computed_figures(ctx: ComposeContext) -> tuple[set[str], dict[str, str]]:
    """(figures for the report's period, {figure: earlier period} for numbers that
    only appear in the history of a series)."""
    current: set[str] = set()
    history: dict[str, str] = {}
    for result in ctx.results.results.values():
        for f in fields(result):
            value = getattr(result, f.name)
            if f.name not in SERIES_FIELDS:
                for x in _numbers(value):
                    current |= _shown(x)
                continue
            for period, x in value:
                if x is None or isinstance(x, bool):
                    continue
                target = current if period == ctx.spec.period else None
                for text in _shown(float(x)):
                    if target is not None:
                        target.add(text)
                    else:
                        history.setdefault(text, str(period))
    for value in ctx.spec.extra.values():
        for x in _numbers(value):
            current |= _shown(x)
    return current, {k: v for k, v in history.items() if k not in current}


def _normal(text: str) -> str:
    return text.replace(",", "").replace("£", "").replace("%", "").replace(fmt.MINUS, "")


def _is_figure(token: str, before: str, after: str) -> bool:
    """False for tokens that are not figures (years, dates, references, small counts)."""
    plain = _normal(token)
    if plain.count(".") > 1:
        return False  # paragraph reference 3.4.1
    if REF_WORDS.search(before) or DATE_AFTER.match(after) or DATE_BEFORE.search(before):
        return False
    if UNIT_AFTER.match(after) or TIME_AFTER.match(after):
        return False
    if plain.isdigit() and int(plain) <= MAX_AGE and AGE_BEFORE.search(before):
        return False
    if "." not in plain and "," not in token:
        number = int(plain)
        if number <= 10 or (1900 <= number <= 2100 and "%" not in token):
            return False
    return True


def typed_numbers(source: str) -> Iterator[tuple[int, str]]:
    """(line, token) for each number typed in prose, outside Jinja tags."""
    blanked = JINJA.sub(
        lambda mt: (
            re.sub(r"[^\n]", " ", mt.group(0))
            if ALLOW not in mt.group(0)
            else "\0" * len(mt.group(0))
        ),
        source,
    )
    for number, line in enumerate(blanked.splitlines(), start=1):
        if "\0" in line:
            continue
        for match in NUMBER.finditer(line):
            token = match.group(0)
            if _is_figure(token, line[: match.start()], line[match.end() :]):
                yield number, token


def _items(items: Iterable[ContentItem]) -> Iterator[ContentItem]:
    for item in items:
        yield item
        yield from _items(item.items)


def _spec_line(spec_lines: list[str], text: str) -> int:
    """The spec line where ``text`` (inline text, a recommendation) starts."""
    first = text.strip().splitlines()[0][:40] if text.strip() else ""
    return next((n for n, t in enumerate(spec_lines, 1) if first and first in t), 1)


def narrative_sources(ctx: ComposeContext) -> Iterator[tuple[str, int, str]]:
    """(file, first line, source) of every snippet, inline text and recommendation."""
    spec_lines = ctx.spec_path.read_text(encoding="utf-8").splitlines()
    all_items = [*ctx.spec.summary, *(i for v in ctx.spec.sections.values() for i in v)]
    seen: set[str] = set()
    for item in _items(all_items):
        if item.snippet and item.snippet not in seen:
            seen.add(item.snippet)
            path = ctx.narratives / item.snippet
            if path.is_file():
                yield str(path), 1, path.read_text(encoding="utf-8")
        elif item.text:
            yield str(ctx.spec_path), _spec_line(spec_lines, item.text), item.text
    for text in ctx.spec.recommendations:
        yield str(ctx.spec_path), _spec_line(spec_lines, text), text


def _shorter(path: str | Path) -> str:
    """A path relative to the working folder when it is inside it (as people type it)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def stale_number_findings(ctx: ComposeContext) -> list[Finding]:
    """Typed numbers in narratives that match no figure computed for the period."""
    figures, history = computed_figures(ctx)
    found: list[Finding] = []
    for path, first, source in narrative_sources(ctx):
        for line, token in typed_numbers(source):
            plain = _normal(token)
            if plain in figures:
                continue
            earlier = history.get(plain)
            what = (
                f"is the figure for {fmt.fmt_period(earlier)}, not {ctx.spec.period}"
                if earlier
                else f"matches no figure computed for {ctx.spec.period}"
            )
            found.append(
                error(
                    "stale-number",
                    f"'{token}' is typed by hand and {what} (use a {{{{ }}}} "
                    "placeholder, declare a figure that is not computed in the spec's extra:, "
                    "or start the line with {# allow-number #})",
                    f"{_shorter(path)}, line {first + line - 1}",
                )
            )
    return found


def image_of_text_findings(ctx: ComposeContext) -> list[Finding]:
    """A scorecard drawn as a chart is a picture of a table (WCAG 1.4.5, images of
    text): its data table repeats it as text, but a real table is better."""
    all_items = [*ctx.spec.summary, *(i for v in ctx.spec.sections.values() for i in v)]
    charts = [i for i in _items(all_items) if i.chart and i.chart.type == "scorecard"]
    spec_lines = ctx.spec_path.read_text(encoding="utf-8").splitlines()
    lines = [
        n
        for n, t in enumerate(spec_lines, 1)
        if re.search(r"\btype:\s*scorecard\b", t)
        and re.findall(r"\b(chart|table)\b", " ".join(spec_lines[max(0, n - 3) : n]))[-1:]
        == ["chart"]
    ]  # the nearest key above a scorecard type says what it is
    lines = lines if len(lines) == len(charts) else [0] * len(charts)
    return [
        warning(
            "image-of-text",
            "a scorecard chart is a picture of a table: use "
            "`table: {type: scorecard}` so the ratings are text",
            _shorter(ctx.spec_path) + (f", line {n}" if n else ""),
        )
        for n in lines
    ]


# --------------------------------------------------------------- placeholders


def _texts(doc: m.Document) -> Iterator[tuple[str, str]]:
    """(where, text) of everything a reader sees, labelled by the enclosing heading."""
    yield "document title", doc.meta.title
    heading = "cover"
    for block, _ in m.walk(doc.cover + doc.body):
        match block:
            case m.Section():
                heading = block.heading
                yield heading, block.heading
            case m.Paragraph():
                yield heading, m.plain_text(block.content)
            case m.BulletList():
                yield from ((heading, m.plain_text(i.content)) for i in _list(block.items))
            case m.Table():
                yield (
                    heading,
                    " ".join(
                        [
                            block.caption or "",
                            *(c.text for r in (block.header, *block.rows) for c in r),
                        ]
                    ),
                )
            case m.Figure():
                yield heading, f"{block.alt} {block.caption}"
            case m.Callout() | m.DefinitionList():
                yield heading, getattr(block, "title", "") or ""


def _list(items: tuple[m.ListItem, ...]) -> Iterator[m.ListItem]:
    for item in items:
        yield item
        yield from _list(item.children)


def placeholder_findings(doc: m.Document, final: bool) -> list[Finding]:
    """Template syntax or drafting marks left in the composed report."""
    found: list[Finding] = []
    for where, text in _texts(doc):
        if PLACEHOLDER.search(text):
            found.append(
                error(
                    "placeholder", f"unresolved placeholder in {text[:70]!r}", f"section '{where}'"
                )
            )
        mark = DRAFTING.search(text)
        if mark:
            make = error if final else warning
            found.append(
                make(
                    "drafting-mark",
                    f"drafting mark {mark.group(0)!r} in {text[:70]!r}",
                    f"section '{where}'",
                )
            )
    return found


# --------------------------------------------------------------- approvals, freshness


def approval_findings(ctx: ComposeContext) -> list[Finding]:
    """A final report carries every approval its template requires, each dated."""
    if ctx.spec.status != "final":
        return []
    where = f"{_shorter(ctx.spec_path)}, signoffs"
    have = {s.id for s in ctx.spec.signoffs if s.id}
    found = [
        error(
            "approval-missing",
            f"final report has no '{need}' approval, required by template {ctx.template.name}",
            where,
        )
        for need in ctx.template.required_approvals
        if need not in have
    ]
    found += [
        warning("approval-undated", f"approval '{s.id or s.role}' has no date", where)
        for s in ctx.spec.signoffs
        if s.date is None
    ]
    return found


def _newest(paths: Iterable[Path]) -> Path | None:
    files = [p for p in paths if p.is_file()]
    return max(files, key=lambda p: p.stat().st_mtime) if files else None


def freshness_findings(
    ctx: ComposeContext, outputs: Iterable[Path], latest_period: str | None
) -> list[Finding]:
    """Existing outputs built before their data (or spec, snippets) last changed."""
    found: list[Finding] = []
    data_dir = (ctx.spec_path.parent / ctx.spec.data).resolve()
    read = [Path(s.path) for s in getattr(ctx.data, "sources", ())]  # the files loaded
    data = _newest(read or (data_dir.rglob("*") if data_dir.is_dir() else []))
    sources = _newest([ctx.spec_path, *ctx.narratives.rglob("*")])
    for out in outputs:
        built = out.stat().st_mtime
        if data is not None and data.stat().st_mtime > built:
            found.append(
                error(
                    "older-than-data",
                    f"built before {data.name} changed: rebuild it (reportgen build)",
                    _shorter(out),
                )
            )
        elif sources is not None and sources.stat().st_mtime > built:
            found.append(
                warning(
                    "older-than-sources",
                    f"built before {sources.name} changed: rebuild it",
                    _shorter(out),
                )
            )
    if latest_period and ctx.spec.period < latest_period:
        found.append(
            warning(
                "not-latest-period",
                f"report is for {ctx.spec.period} but the data runs to {latest_period}",
                f"{_shorter(ctx.spec_path)}, period",
            )
        )
    return found


# --------------------------------------------------------------- stale wording

#: Wording that reportgen no longer writes (issue 15); found in a file, it means the file
#: was built by an older version, or edited by hand, and needs rebuilding or correcting.
STALE_WORDING: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "unnatural-ordinal",
        re.compile(r"\b(?:the )?(?:first|1st) (?:highest|lowest)\b"),
        "say 'the highest' or 'the lowest'",
    ),
    (
        "zero-authorities",
        re.compile(r"\bzero authorities\b", re.IGNORECASE),
        "say 'no authorities'",
    ),
    (
        "ranked-with-references",
        re.compile(r"\b(?:highest|lowest) [\w ,]*? of \d+ areas\b"),
        "rank among authorities only: England and the region are reference values",
    ),
    (
        "region-without-the",
        re.compile(
            r"\b(?:in|for) (?:North East|North West|East Midlands|West Midlands|South East|"
            r"South West|East of England)\b"
        ),
        "say 'the South West' (regions take 'the')",
    ),
    (
        "bare-quartile",
        re.compile(r"\(quartile [1-4]\)"),
        "explain the quartile ('quartile 4, the worst 25% of authorities')",
    ),
    (
        "verdict-on-no-change",
        re.compile(r"[+\u2212-]?0\.0+pp? \((?:improving|deteriorating)\)"),
        "a change too small to show gets no verdict",
    ),
)


def stale_wording_findings(
    text: str, neutral: Iterable[str] = (), period: str | None = None
) -> list[Finding]:
    """Wording a document built before the issue-15 rules may carry: unnatural ordinals,
    'zero authorities', England counted among ranked 'areas', a bare quartile, a verdict
    on a change that shows as 0.0; with the ``neutral`` (context) measures' labels, a
    judgement on one of them; with the ``period``, forecast words at the year end."""
    flat = re.sub(r"\s+", " ", text)
    found = [
        warning(
            "stale-wording",
            f"{match.group(0)!r} ({kind}): {advice} (built "
            "before the current wording rules? rebuild it)",
        )
        for kind, pattern, advice in STALE_WORDING
        for match in [pattern.search(flat)]
        if match
    ]
    for label in neutral:
        judged = re.search(
            rf"{re.escape(label)}[^.\n]{{0,60}}?\((?:lower|higher) is better\)"
            rf"|{re.escape(label)}[^.\n]{{0,40}}?\((?:improving|deteriorating)\)",
            flat,
        )
        if judged:
            found.append(
                warning(
                    "stale-wording",
                    f"{judged.group(0)!r}: "
                    f"{label} is a context measure (polarity neutral), not "
                    "better or worse: rebuild the report",
                )
            )
    if (
        period
        and fmt.is_year_end(period)
        and re.search(r"year-end forecast|so far in \d{4}/", flat)
    ):
        found.append(
            warning(
                "stale-wording",
                "the year has ended: say 'outturn' and "
                "'in 2016/17', not 'year-end forecast' or 'so far'",
            )
        )
    return found


def document_text(path: Path) -> str | None:
    """The words of a built PDF (pdftotext) or Word file (its XML text); None when the
    PDF cannot be read without poppler."""
    if path.suffix.lower() == ".docx":
        with zipfile.ZipFile(path) as package:
            xml = package.read("word/document.xml").decode("utf-8", "replace")
        return re.sub(r"<[^>]+>", " ", xml.replace("</w:p>", "\n"))
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    done = subprocess.run([tool, str(path), "-"], capture_output=True, check=False)
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def existing_output_findings(ctx: ComposeContext, outputs: Iterable[Path]) -> list[Finding]:
    """Stale wording in the report's existing outputs, with its neutral measures named."""
    definitions = getattr(ctx.data, "definitions", {}) or {}
    neutral = [
        str(getattr(d, "label", ""))
        for d in definitions.values()
        if getattr(d, "polarity", "") == "neutral"
    ]
    found: list[Finding] = []
    for out in outputs:
        text = document_text(out)
        if text is not None:
            found += [
                Finding(f.severity, f.code, f.message, _shorter(out))
                for f in stale_wording_findings(text, neutral, ctx.spec.period)
            ]
    return found
