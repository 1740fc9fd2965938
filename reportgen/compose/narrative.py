"""Narrative snippets: author-written Markdown whose numbers come from the data.

An author writes ``{{ cla.count | count }} children in care``; the figure is filled in
from the computed indicators and formatted by `reportgen.vocabulary`, so nobody types a
number by hand. A placeholder that does not exist is an error naming the snippet file
and line (StrictUndefined), never a blank in a committee paper.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reportgen import model as m
from reportgen import vocabulary as fmt
from reportgen.compose import wording
from reportgen.compose.regional import REGIONAL_FILTERS
from reportgen.errors import NarrativeError

# ---------------------------------------------------------------- Jinja filters


def _is_result(value: Any) -> bool:
    return hasattr(value, "unit") and hasattr(value, "value") and hasattr(value, "decimals")


def f_value(value: Any, arg: Any = None) -> str:
    """``{{ cla_rate | value }}`` (the result's value by its unit and decimals, or why it
    is missing), ``{{ cla_rate | value("target") }}`` (another of its figures), or
    ``{{ 84.0 | value(cla_rate) }}`` / ``{{ 84.0 | value("rate") }}`` (a bare number)."""
    if _is_result(value):
        return wording.value_text(value, str(arg) if arg else "value")
    if _is_result(arg):
        return fmt.fmt_value(value, arg.unit, arg.decimals)
    return fmt.fmt_value(value, str(arg or "average"))


def f_value_unit(value: Any, arg: Any = None) -> str:
    """As ``value``, with the unit: '85.5 per 10,000' (per the indicator's rate_per)."""
    if _is_result(value):
        return wording.value_text(value, str(arg) if arg else "value", with_unit=True)
    if _is_result(arg):
        return fmt.fmt_value_with_unit(value, arg.unit, arg.decimals, arg.rate_per)
    return fmt.fmt_value_with_unit(value, str(arg or "average"))


def f_signed(value: Any, unit: Any = "count") -> str:
    if _is_result(value):
        return fmt.fmt_signed(value.change, value.unit, value.decimals)
    if _is_result(unit):
        return fmt.fmt_signed(value, unit.unit, unit.decimals)
    return fmt.fmt_signed(value, str(unit))


def f_direction(value: Any) -> str:
    """An indicator's direction of travel in words; 'not available' when none can be
    claimed (a missing month is never 'no change')."""
    return fmt.direction_word(getattr(value, "direction", value))


def f_rating(value: Any) -> str:
    """'red' -> 'Red'; an indicator result gives its BRAG rating."""
    return fmt.rating_word(getattr(value, "brag", value))


def f_change_word(
    value: Any, up: str = "increase", down: str = "decrease", same: str = "no change"
) -> str:
    return fmt.change_word(value, up, down, same)


def f_abs(value: Any) -> Any:
    return None if fmt.is_missing(value) else abs(value)


def f_unit(value: Any, long: bool = False) -> str:
    """'per 10,000' for a rate (from its rate_per), '%', 'days'..."""
    return wording.unit_label(value, long) if _is_result(value) else fmt.unit_words(str(value))


def f_so_far(value: Any) -> str:
    """'so far in 2016/17', or 'in 2016/17' at the year end."""
    return wording.so_far(value)


def f_forecast(value: Any) -> str:
    """'the year-end forecast', or 'the outturn' at the year end (a result or a period)."""
    return wording.forecast_words(value) if _is_result(value) else fmt.forecast_words(value)


def f_year_end(value: Any) -> bool:
    """True in the last month of the financial year (a result or a 'YYYY-MM' period):
    for snippets that say 'in 2016/17' rather than 'so far', and no forecast."""
    return fmt.is_year_end(getattr(value, "period", value))


def f_region(value: Any) -> str:
    """'the South West' for a region's name (or a result's region)."""
    return fmt.region_words(getattr(value, "region_name", value))


def f_missing(value: Any) -> str:
    """What a sentence says for a missing figure: 'not available (suppressed)'."""
    return fmt.missing_words(getattr(value, "symbol", value))


FILTERS: dict[str, Callable[..., Any]] = {
    "count": fmt.fmt_count,
    "rate": fmt.fmt_rate,
    "percent": fmt.fmt_percent,
    "number": fmt.fmt_number,
    "money": fmt.fmt_money,
    "value": f_value,
    "value_unit": f_value_unit,
    "signed": f_signed,
    "signed_percent": fmt.fmt_signed_percent,
    "change_word": f_change_word,
    "direction": f_direction,
    "rating": f_rating,
    "month": fmt.fmt_period,
    "period": fmt.fmt_period,
    "date": fmt.fmt_date,
    "financial_year": fmt.fmt_financial_year,
    "ordinal": fmt.ordinal,
    "ordinal_word": fmt.ordinal_word,
    "number_word": fmt.number_word,
    "abs": f_abs,
    "unit": f_unit,
    "change": wording.change_text,
    "movement": wording.movement,
    "compared_with": wording.compared_with,
    "ytd_note": wording.ytd_note,
    "so_far": f_so_far,
    "forecast": f_forecast,
    "neighbours": wording.neighbours_words,
    "rank_words": wording.rank_words,
    "quartile": wording.quartile_text,
    "adrift": wording.adrift_text,
    "region": f_region,
    "year_end": f_year_end,
    "missing": f_missing,
}
FILTERS.update(REGIONAL_FILTERS)  # regional_position, regional_counts, ... (county report)


class _Undefined(jinja2.StrictUndefined):
    """StrictUndefined that also refuses to be tested for truth silently in ``if``."""


@lru_cache(maxsize=32)
def environment(folder: Path) -> jinja2.Environment:
    """One Jinja environment per narratives folder, reused across reports (parsed
    templates are cached by Jinja)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=_Undefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=False,  # a block tag ending a paragraph must not eat the blank line
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


def _template_line(exc: BaseException, filename: str) -> int | None:
    """Jinja rewrites tracebacks so template frames carry the template's own file and
    line; find the last frame belonging to the snippet."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename or frame.filename.endswith(filename):
            line = frame.lineno
    return line


@lru_cache(maxsize=512)
def _inline_template(env: jinja2.Environment, source: str) -> jinja2.Template:
    """An inline text compiled once per process: Jinja caches the snippet files it loads
    but compiles every ``from_string`` again, a third of compose's own time (issue 20)."""
    return env.from_string(source)


def render_snippet_text(
    env: jinja2.Environment, name: str, context: Mapping[str, Any], source: str | None = None
) -> str:
    """Render one snippet (a file under the narratives folder, or inline text) to
    Markdown, converting every Jinja failure into a NarrativeError with file and line."""
    label = name
    try:
        if source is None:
            template = env.get_template(name)
            label = template.filename or name
        else:
            template = _inline_template(env, source)
        return template.render(**context)
    except jinja2.TemplateNotFound:
        raise NarrativeError(
            "narrative snippet not found",
            file=name,
            hint="check the file name in the report spec; snippets live in "
            "the narratives folder it names",
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise NarrativeError(
            f"template syntax error: {exc.message}",
            file=exc.filename or label,
            line=exc.lineno,
            hint="check the {{ }} and {% %} tags on that line",
        ) from None
    except jinja2.UndefinedError as exc:
        raise NarrativeError(
            f"placeholder not defined: {_explain_undefined(exc.message or '')}",
            file=label,
            line=_template_line(exc, label if source is None else "<template>"),
            hint="use an indicator id or alias from the report spec, and an attribute such "
            "as value, count, rate, previous, change, target, brag, direction "
            "(`reportgen indicators --format json` lists them)",
        ) from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise NarrativeError(
            f"could not fill in a placeholder: {exc}",
            file=label,
            line=_template_line(exc, label if source is None else "<template>"),
            hint="a figure may be missing (n/a) for this period",
        ) from None


def _explain_undefined(message: str) -> str:
    return message.replace("reportgen.indicators.result.", "").replace(" object", "")


# ------------------------------------------------------------- Markdown -> model

_MD = MarkdownIt("commonmark").enable("table")


def markdown_to_blocks(text: str) -> tuple[m.Block, ...]:
    """Convert Markdown to model blocks. Headings inside a snippet open subsections."""
    tokens = _MD.parse(text)
    blocks, _ = _blocks(tokens, 0, stop=None)
    return _nest_headings(blocks)


def _inline(token: Token) -> tuple[m.Text, ...]:
    runs: list[m.Text] = []
    bold = italic = False
    link: str | None = None
    for child in token.children or []:
        match child.type:
            case "text" | "code_inline":
                runs.append(m.Text(child.content, bold=bold, italic=italic, link=link))
            case "softbreak" | "hardbreak":
                runs.append(m.Text(" ", bold=bold, italic=italic, link=link))
            case "strong_open" | "strong_close":
                bold = child.type == "strong_open"
            case "em_open" | "em_close":
                italic = child.type == "em_open"
            case "link_open":
                link = str(child.attrs.get("href", ""))
            case "link_close":
                link = None
            case _:
                if child.content:
                    runs.append(m.Text(child.content, bold=bold, italic=italic, link=link))
    return _merge_runs(runs)


def _merge_runs(runs: list[m.Text]) -> tuple[m.Text, ...]:
    merged: list[m.Text] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].link) == (
            run.bold,
            run.italic,
            run.link,
        ):
            merged[-1] = m.Text(merged[-1].text + run.text, run.bold, run.italic, run.link)
        else:
            merged.append(run)
    return tuple(merged)


class _Heading:
    def __init__(self, level: int, text: str) -> None:
        self.level, self.text = level, text


def _blocks(tokens: list[Token], i: int, stop: str | None) -> tuple[list[Any], int]:
    out: list[Any] = []
    while i < len(tokens):
        tok = tokens[i]
        if stop and tok.type == stop:
            return out, i + 1
        if tok.type == "paragraph_open":
            out.append(m.Paragraph(_inline(tokens[i + 1])))
            i += 3
        elif tok.type == "heading_open":
            out.append(_Heading(int(tok.tag[1]), m.plain_text(_inline(tokens[i + 1]))))
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            items, i = _list_items(tokens, i + 1, tok.type.replace("_open", "_close"))
            out.append(m.BulletList(tuple(items), ordered=tok.type.startswith("ordered")))
        elif tok.type == "table_open":
            table, i = _table(tokens, i + 1)
            out.append(table)
        else:
            i += 1
    return out, i


def _list_items(tokens: list[Token], i: int, close: str) -> tuple[list[m.ListItem], int]:
    items: list[m.ListItem] = []
    while tokens[i].type != close:
        if tokens[i].type == "list_item_open":
            inner, i = _blocks(tokens, i + 1, stop="list_item_close")
            content: tuple[m.Text, ...] = ()
            children: list[m.ListItem] = []
            for block in inner:
                if isinstance(block, m.Paragraph):
                    content = content + ((m.Text(" "),) if content else ()) + block.content
                elif isinstance(block, m.BulletList):
                    children.extend(block.items)
            items.append(m.ListItem(content, tuple(children)))
        else:
            i += 1
    return items, i + 1


def _table(tokens: list[Token], i: int) -> tuple[m.Table, int]:
    header: list[m.Cell] = []
    rows: list[tuple[m.Cell, ...]] = []
    row: list[m.Cell] = []
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type in ("th_open", "td_open"):
            style = str(tok.attrs.get("style", ""))
            align = "right" if "right" in style else "center" if "center" in style else "left"
            row.append(m.Cell(_inline(tokens[i + 1]), align=align))  # type: ignore[arg-type]
            i += 3
            continue
        if tok.type == "tr_close":
            if not header:
                header = row
            else:
                rows.append(tuple(row))
            row = []
        i += 1
    return m.Table(header=tuple(header), rows=tuple(rows)), i + 1


def _nest_headings(blocks: list[Any]) -> tuple[m.Block, ...]:
    """Turn a flat run of blocks with headings into subsections."""
    out: list[m.Block] = []
    current: tuple[str, list[m.Block]] | None = None
    for block in blocks:
        if isinstance(block, _Heading):
            if current:
                out.append(m.Section(current[0], tuple(current[1])))
            current = (block.text, [])
        elif current:
            current[1].append(block)
        else:
            out.append(block)
    if current:
        out.append(m.Section(current[0], tuple(current[1])))
    return tuple(out)


def render_snippet(folder: Path, name: str, context: Mapping[str, Any]) -> tuple[m.Block, ...]:
    """A snippet file, filled in and converted to model blocks."""
    return markdown_to_blocks(render_snippet_text(environment(folder), name, context))


def render_inline(
    folder: Path, source: str, context: Mapping[str, Any], label: str = "<inline text>"
) -> tuple[m.Block, ...]:
    """Inline text from a spec (same placeholders and filters as a snippet)."""
    try:
        return markdown_to_blocks(
            render_snippet_text(environment(folder), label, context, source=source)
        )
    except NarrativeError as exc:
        exc.file = label
        raise
