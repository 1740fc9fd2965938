"""Minutes and action log of a performance surgery (after the Derby surgery minutes).

The minutes record who met, and for each measure reviewed the headline figures (read
from the data, so nobody copies "89.80 against a target of 84.00" by hand), the issues
and action plan (author text) and when it comes back. The action log carries open
actions from meeting to meeting: the spec points ``minutes.previous_actions`` at the last
meeting's action log (a small YAML file) or at the last meeting's minutes spec, and every
action not complete there appears again here, marked as carried forward. A chain of
minutes specs is followed back to the first, so a log never has to be retyped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reportgen import model as m
from reportgen import vocabulary as fmt
from reportgen.compose import wording
from reportgen.compose.content import content_blocks
from reportgen.compose.context import ComposeContext
from reportgen.compose.plugin import ReportType
from reportgen.compose.spec import (
    ActionEntry,
    Attendee,
    Minutes,
    MinutesItem,
    ReportSpec,
    load_spec,
    read_yaml,
    validation_error,
)
from reportgen.compose.surgery import worse
from reportgen.compose.template import SectionDef
from reportgen.compose.wording import display_unit
from reportgen.errors import SpecError
from reportgen.indicators.result import IndicatorResult

TITLES = {"councillor", "cllr", "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor"}
STATUS_WORDS = {"open": "Open", "in progress": "In progress", "complete": "Complete"}
MAX_CHAIN = 50  # previous meetings followed back before giving up (a loop, surely)


class ActionLog(BaseModel):
    """An action log file: the actions standing after one meeting."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    committee: str | None = None
    meeting: dt.date | None = None
    actions: list[ActionEntry] = Field(default_factory=list)


@dataclass(frozen=True)
class Logged:
    """An action as it stands at a meeting, with where it came from."""

    entry: ActionEntry
    raised: dt.date | None  # the meeting that first agreed it
    carried_from: dt.date | None  # the previous meeting, for an action carried forward


def minutes_of(ctx: ComposeContext) -> Minutes:
    if ctx.spec.minutes is None:
        raise SpecError(
            "surgery minutes need a `minutes:` block",
            file=ctx.spec_path,
            hint="see templates/surgery-minutes/example-spec.yaml",
        )
    return ctx.spec.minutes


# ------------------------------------------------------------------ people


def initials(person: Attendee) -> str:
    if person.initials:
        return person.initials
    words = [w for w in person.name.replace("-", " ").split() if w.lower().strip(".") not in TITLES]
    return "".join(w[0].upper() for w in words if w[0].isalpha())


def people(ctx: ComposeContext) -> dict[str, Attendee]:
    """Everyone named in the minutes by initials; two people with the same initials must
    be told apart in the spec, or 'JJ to report back' is ambiguous."""
    minutes = minutes_of(ctx)
    found: dict[str, Attendee] = {}
    for person in (*minutes.attendees, *minutes.apologies):
        key = initials(person)
        if key in found:
            raise SpecError(
                f"{found[key].name} and {person.name} both have the initials {key}",
                file=ctx.spec_path,
                hint="give one of them `initials:` explicitly, e.g. JJo",
            )
        found[key] = person
    return found


def person_line(person: Attendee) -> str:
    return f"{person.name} ({initials(person)})"


# ------------------------------------------------------------------ action log


def _load_log(path: Path, seen: tuple[Path, ...]) -> tuple[dt.date | None, list[Logged]]:
    """The actions standing after the meeting ``path`` describes (log file or minutes)."""
    if path in seen or len(seen) > MAX_CHAIN:
        raise SpecError(
            "the chain of previous action logs goes round in a loop",
            file=path,
            hint="point minutes.previous_actions at an earlier meeting",
        )
    data, text = read_yaml(path)
    if "minutes" in data or "template" in data:
        spec = load_spec(path)
        if spec.minutes is None:
            raise SpecError(
                "previous_actions points at a spec without `minutes:`",
                file=path,
                hint="point it at the last meeting's minutes or action log",
            )
        date = spec.meeting.date if spec.meeting else None
        return date, action_log(spec, path, (*seen, path))
    try:
        log = ActionLog.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, text, exc) from None
    return log.meeting, [Logged(a, a.raised or log.meeting, None) for a in log.actions]


def action_log(spec: ReportSpec, spec_path: Path, seen: tuple[Path, ...] = ()) -> list[Logged]:
    """This meeting's log: open actions carried forward (updated by any entry with the
    same id in this spec), then the actions agreed at this meeting."""
    assert spec.minutes is not None
    minutes = spec.minutes
    today = spec.meeting.date if spec.meeting else None
    current: dict[str, ActionEntry] = {}
    for action in minutes.actions:
        if action.id in current:
            raise SpecError(
                f"action id '{action.id}' is used twice",
                file=spec_path,
                hint="give every action on the log its own id",
            )
        current[action.id] = action
    previous: list[Logged] = []
    prev_date: dt.date | None = None
    if minutes.previous_actions:
        path = (spec_path.parent / minutes.previous_actions).resolve()
        prev_date, previous = _load_log(path, (*seen, spec_path.resolve()))
    out = [
        Logged(current.pop(p.entry.id, p.entry), p.raised or prev_date, prev_date)
        for p in previous
        if p.entry.status != "complete" or p.entry.id in current
    ]
    out += [Logged(a, a.raised or today, None) for a in minutes.actions if a.id in current]
    return out


def status_text(entry: ActionEntry, today: dt.date | None) -> str:
    word = STATUS_WORDS[entry.status]
    if entry.status != "complete" and entry.due and today and entry.due < today:
        return f"{word} \u2013 overdue"
    return word


def origin_text(item: Logged) -> str:
    if item.carried_from is None:
        return "New: agreed at this meeting"
    agreed = (
        f" (agreed {fmt.fmt_date(item.raised)})"
        if (item.raised and item.raised != item.carried_from)
        else ""
    )
    return f"Carried forward from {fmt.fmt_date(item.carried_from)}{agreed}"


def _action_cell(entry: ActionEntry) -> m.Cell:
    runs = [m.Text(entry.action)]
    if entry.update:
        runs.append(m.Text(f" Update: {entry.update}", italic=True))
    return m.Cell(tuple(runs))


def log_table(items: list[Logged], today: dt.date | None) -> m.Table:
    rows = tuple(
        (
            m.cell(i.entry.id),
            _action_cell(i.entry),
            m.cell(i.entry.owner),
            m.cell(fmt.fmt_date(i.entry.due) if i.entry.due else "Not set"),
            m.cell(status_text(i.entry, today)),
            m.cell(origin_text(i)),
        )
        for i in items
    )
    header = tuple(m.cell(h) for h in ("Ref", "Action", "Owner", "Due", "Status", "Origin"))
    return m.Table(
        header=header,
        rows=rows,
        caption="Action log",
        row_headers=True,
        widths=(10, 35, 9, 14, 12, 20),
        style="action-log",
    )


def log_summary(items: list[Logged]) -> str:
    carried = [i for i in items if i.carried_from is not None]
    done = sum(1 for i in items if i.entry.status == "complete")
    text = (
        f"{fmt.number_word(len(items)).capitalize()} "
        f"{'action' if len(items) == 1 else 'actions'} on the log: "
        f"{fmt.number_word(len(carried))} carried forward"
    )
    if carried:
        text += f" from the meeting of {fmt.fmt_date(carried[0].carried_from)}"  # type: ignore[arg-type]
    text += (
        f" and {fmt.number_word(len(items) - len(carried))} agreed at this meeting; "
        f"{fmt.number_word(done)} now complete. Open actions carry forward to the next "
        "meeting."
    )
    return text


# ------------------------------------------------------------------ cover and people


def minutes_cover(ctx: ComposeContext, summary: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    spec, minutes = ctx.spec, minutes_of(ctx)
    meeting = spec.meeting
    if meeting is None:
        raise SpecError(
            "minutes need `meeting:` with the date (and venue, time)",
            file=ctx.spec_path,
            hint="add meeting: {committee: ..., date: ...}",
        )

    def item(label: str, text: str | None) -> tuple[str, tuple[m.Block, ...]]:
        return label, (m.Paragraph(m.inlines(text or "Not recorded")),)

    details = m.DefinitionList(
        (
            item("Date", fmt.fmt_date(meeting.date)),
            item("Venue", meeting.venue),
            item("Start time", meeting.time),
            item("End time", minutes.end_time),
        ),
        caption="Meeting details",
    )
    council = m.Paragraph(m.inlines(spec.council), style="cover-meta")
    return (m.Section(spec.title, (council, details, *summary), anchor="cover"),)


def minutes_attendees(ctx: ComposeContext, _: SectionDef) -> tuple[m.Block, ...]:
    people(ctx)  # checks initials are unique
    rows = tuple(
        (m.cell(p.name), m.cell(initials(p), align="center"), m.cell(p.role or "\u2013"))
        for p in minutes_of(ctx).attendees
    )
    return (
        m.Table(
            header=(m.cell("Name"), m.cell("Initials", align="center"), m.cell("Role")),
            rows=rows,
            caption="Present at the meeting",
            row_headers=True,
            widths=(40, 14, 46),
        ),
    )


def minutes_apologies(ctx: ComposeContext, _: SectionDef) -> tuple[m.Block, ...]:
    apologies = minutes_of(ctx).apologies
    if not apologies:
        return (m.Paragraph(m.inlines("None.")),)
    return (m.BulletList(tuple(m.ListItem(m.inlines(person_line(p))) for p in apologies)),)


# ------------------------------------------------------------------ measures reviewed


def target_line(r: IndicatorResult) -> str:
    period = fmt.fmt_period(r.value_period or r.period)
    if fmt.is_missing(r.value):
        return f"There is no figure for {period}: {wording.value_text(r)}."
    if r.target is None:
        return (
            f"There is no target for {r.financial_year}: the {period} figure is "
            f"{wording.value_text(r, with_unit=True)}."
        )
    state = (
        "adrift of target"
        if r.brag in ("red", "amber")
        else "exceeding the target"
        if r.brag == "blue"
        else "meeting the target"
    )
    if r.polarity == "neutral":
        state = (
            "away from the expected level"
            if r.brag in ("red", "amber")
            else ("close to the expected level")
        )
    return (
        f"In-year performance is {state}: {period} actual of "
        f"{wording.value_text(r, with_unit=True)} against a target of "
        f"{wording.value_text(r, 'target', with_unit=True)} "
        f"({wording.adrift_text(r)}; {fmt.rating_word(r.brag)})."
    )


def forecast_line(r: IndicatorResult) -> str | None:
    """'The year-end forecast is ...', or 'The outturn is ...' once the year has ended."""
    if r.forecast is None:
        return None
    against = (
        f" against the target of {wording.value_text(r, 'target', with_unit=True)} "
        f"({wording.adrift_text(r, 'forecast_adrift_pct')}; "
        f"{fmt.rating_word(r.forecast_brag)})"
        if r.target is not None
        else ""
    )
    words = wording.forecast_words(r)
    return (
        f"{words[0].upper()}{words[1:]} is "
        f"{wording.value_text(r, 'forecast', with_unit=True)}{against}."
    )


def trend_line(r: IndicatorResult) -> str | None:
    """'Trend: improving – down from 45.4 per 10,000 in December 2016; ...'; no
    judgement word for a neutral measure, and none across a month with no figure."""
    if r.previous_period is None or fmt.is_missing(r.value):
        return None
    move = fmt.change_word(r.change, "up", "down", "unchanged")
    lead = (
        f"Trend: {fmt.direction_word(r.direction)} – "
        if r.direction and (r.polarity != "neutral" or r.direction == "broadly stable")
        else "Trend: "
    )
    text = (
        f"{lead}{move} from {wording.value_text(r, 'previous', with_unit=True)} in "
        f"{wording.compared_with(r)}"
    )
    if r.direction_year and r.year_start_value is not None:
        since = (
            fmt.direction_word(r.direction_year)
            if r.polarity != "neutral"
            else fmt.change_word(
                fmt.shown_difference(r.value, r.year_start_value, r.decimals),
                "up",
                "down",
                "unchanged",
            )
        )
        text += (
            f"; {since} since the {r.year_start_label or 'last year-end'} "
            f"({wording.value_text(r, 'year_start_value', with_unit=True)})"
        )
    return text + "."


def compared(own: float, other: float, polarity: str, unit: fmt.UnitLike) -> str:
    """'better than' / 'worse than' / 'the same as'; 'higher than' / 'lower than' for a
    neutral measure, which is not judged."""
    if fmt.fmt_value(own, unit) == fmt.fmt_value(other, unit):
        return "the same as"
    if polarity == "neutral":
        return "higher than" if own > other else "lower than"
    return "worse than" if worse(own, other, polarity) else "better than"


def comparison_line(r: IndicatorResult) -> str | None:
    """'Comparative performance (2015/16): 44.3 per 10,000, worse than England (43.1 per
    10,000) and better than the statistical neighbour average (50.1 per 10,000).'"""
    own = r.council_benchmark if r.council_benchmark is not None else r.value
    if own is None or r.benchmark_year is None:
        return None
    unit = display_unit(r)
    parts = [
        f"{compared(own, other, r.polarity, unit)} {name} ({fmt.fmt_value_with_unit(other, unit)})"
        for name, other in (
            ("England", r.england),
            (wording.neighbours_words(r).replace(f" ({r.benchmark_year})", ""), r.neighbours_avg),
        )
        if other is not None
    ]
    if not parts:
        return None
    what = "Comparison" if r.polarity == "neutral" else "Comparative performance"
    return (
        f"{what} ({r.benchmark_year}): {fmt.fmt_value_with_unit(own, unit)}, {' and '.join(parts)}."
    )


def headline_lines(r: IndicatorResult) -> list[str]:
    return [
        line
        for line in (target_line(r), forecast_line(r), trend_line(r), comparison_line(r))
        if line
    ]


def item_heading(ctx: ComposeContext, index: int, item: MinutesItem) -> str:
    r = ctx.indicator(item.measure, f"minutes item {index + 1}")
    letter = chr(ord("a") + index)
    ref = f"{item.reference} \u2013 " if item.reference else ""
    return f"{letter}) {ref}{item.title or r.title}"


def agreed_actions(ctx: ComposeContext, item: MinutesItem) -> tuple[m.Block, ...]:
    """Actions first agreed at this meeting for this measure (from the action log)."""
    mine = ctx.indicator(item.measure).id
    new = [
        i.entry
        for i in action_log(ctx.spec, ctx.spec_path)
        if i.carried_from is None
        and i.entry.measure
        and ctx.indicator(i.entry.measure, f"action {i.entry.id}").id == mine
    ]
    if not new:
        return ()
    lines = [
        f"{a.id}: {a.action} (owner {a.owner}" + (f", due {fmt.fmt_date(a.due)})" if a.due else ")")
        for a in new
    ]
    return (
        m.Section(
            "Additional actions agreed at the surgery",
            (m.BulletList(tuple(m.ListItem(m.inlines(line)) for line in lines)),),
        ),
    )


def item_section(ctx: ComposeContext, index: int, item: MinutesItem) -> m.Section:
    r = ctx.indicator(item.measure, f"minutes item {index + 1}")
    known = people(ctx)
    if item.presenter and item.presenter not in known:
        raise SpecError(
            f"minutes item {index + 1}: presenter '{item.presenter}' is not the "
            "initials of an attendee",
            file=ctx.spec_path,
            hint=f"use one of: {', '.join(known)}",
        )
    who = item.presenter or "The performance team"
    where = f"minutes item {index + 1}"
    blocks: list[m.Block] = [
        m.Paragraph(
            m.inlines(
                f"{who} talked through the performance template, highlighting "
                "the reasons for the measure being presented to the surgery:"
            )
        ),
        m.BulletList(tuple(m.ListItem(m.inlines(line)) for line in headline_lines(r))),
        *content_blocks(ctx, item.points, where),
    ]
    for title, content in (("Issues", item.issues), ("Action plan", item.action_plan)):
        if content:
            blocks.append(m.Section(title, content_blocks(ctx, content, f"{where} {title}")))
    blocks += agreed_actions(ctx, item)
    blocks.append(
        m.Section(
            "Further review",
            (m.Paragraph(m.inlines(item.further_review or "No further review was agreed.")),),
        )
    )
    return m.Section(item_heading(ctx, index, item), tuple(blocks))


def minutes_items(ctx: ComposeContext, _: SectionDef) -> tuple[m.Block, ...]:
    return tuple(item_section(ctx, i, item) for i, item in enumerate(minutes_of(ctx).items))


def minutes_action_log(ctx: ComposeContext, _: SectionDef) -> tuple[m.Block, ...]:
    minutes_of(ctx)
    items = action_log(ctx.spec, ctx.spec_path)
    today = ctx.spec.meeting.date if ctx.spec.meeting else None
    if not items:
        return (m.Paragraph(m.inlines("There are no actions on the log.")),)
    return (m.Paragraph(m.inlines(log_summary(items))), log_table(items, today))


def minutes_next_meeting(ctx: ComposeContext, _: SectionDef) -> tuple[m.Block, ...]:
    when = minutes_of(ctx).next_meeting
    text = fmt.fmt_date(when) if when else "To be arranged."
    return (m.Paragraph(m.inlines(text)),)


#: The surgery minutes and action log: its cover and computed sections.
REPORT_TYPE = ReportType(
    name="surgery-minutes",
    covers={"minutes": minutes_cover},
    builtins={
        "minutes_attendees": minutes_attendees,
        "minutes_apologies": minutes_apologies,
        "minutes_items": minutes_items,
        "minutes_action_log": minutes_action_log,
        "minutes_next_meeting": minutes_next_meeting,
    },
)
