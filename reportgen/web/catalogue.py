"""What can be asked for: the report specs in reports/ and the agenda packs in meetings/.

The catalogue is what a role may see, never more: an exempt report or a full pack is
absent (not merely refused) for a role that may not see exempt material, so neither its
title nor its existence leaks. A request is checked here before any build is queued, and
every problem a person can fix (unknown report, a period with no data...) is a
``RequestError`` with the HTTP status and a message saying what to do.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from reportgen import api
from reportgen import formatting as fmt
from reportgen.compose.spec import ReportSpec, load_spec
from reportgen.compose.template import load_template
from reportgen.errors import ReportgenError
from reportgen.exemption import (
    Declaration,
    decide,
    declarations,
    pack_variant,
    unreadable_declarations,
)
from reportgen.web.limits import clip
from reportgen.web.users import User

if TYPE_CHECKING:
    from reportgen.pack.spec import MeetingSpec

log = logging.getLogger("reportgen.web")

Kind = Literal["report", "pack"]
REPORT_FORMATS = ("pdf", "docx")
PACK_FORMATS = ("pdf",)
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (DOCX)"}


class RequestError(Exception):
    """A request the user can fix (a 4xx with this message), or a failed build (500)."""

    def __init__(
        self,
        status: int,
        message: str,
        field: str | None = None,
        hint: str | None = None,
        reference: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.field, self.hint = status, message, field, hint
        self.reference = reference  # a failed build's reference, for a 500


@dataclass(frozen=True)
class Entry:
    """One thing in the catalogue: a report spec, or one variant of a meeting's pack."""

    id: str
    kind: Kind
    title: str
    path: Path
    description: str = ""
    exempt: bool = False
    formats: tuple[str, ...] = REPORT_FORMATS
    variant: str | None = None  # packs: "public" or "full"
    template: str | None = None
    error: str | None = None  # the spec does not load: shown to roles with details only
    spec: ReportSpec | None = field(default=None, compare=False, repr=False)

    @property
    def available(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Options:
    """The choices a report offers: periods with data, and areas where there are any."""

    periods: list[str]
    areas: list[str]
    default_period: str
    default_area: str | None
    whole_area: str | None


@dataclass(frozen=True)
class Resolved:
    """A checked request, ready for the cache key and the builder."""

    entry: Entry
    period: str | None
    area: str | None  # None: the spec's own area (whole council unless the spec says)
    format: str


def _report_entry(path: Path, declared: dict[Path, list[Declaration]]) -> Entry:
    try:
        spec = load_spec(path)
        _, template = load_template(spec.template, path.parent)
    except ReportgenError as exc:
        log.warning("report spec not offered: %s", exc)
        # a spec that does not load is shown (to roles with details) by its file name only
        return Entry(
            path.stem, "report", path.stem, path, error=str(exc), exempt=path.resolve() in declared
        )
    described = template.title
    if spec.meeting:
        described += f" for {spec.meeting.committee}"
    ruling = decide(spec, declared=declared.get(path.resolve(), ()))
    return Entry(
        path.stem,
        "report",
        spec.title,
        path,
        described,
        ruling is not None,
        REPORT_FORMATS,
        template=spec.template,
        spec=spec,
    )


def _meeting(path: Path) -> MeetingSpec | ReportgenError:
    from reportgen.pack.spec import load_meeting

    try:
        return load_meeting(path)
    except ReportgenError as exc:
        log.warning("meeting spec not offered: %s", exc)
        return exc


def _pack_entries(path: Path, meeting: MeetingSpec | ReportgenError) -> list[Entry]:
    if isinstance(meeting, ReportgenError):
        return [
            Entry(
                f"{path.stem}-pack",
                "pack",
                path.stem,
                path,
                error=str(meeting),
                exempt=True,
                formats=PACK_FORMATS,
            )
        ]
    when = fmt.fmt_date(meeting.date)
    base = f"Agenda pack: {meeting.committee}, {when}"
    return [
        Entry(
            f"{path.stem}-pack-public",
            "pack",
            base,
            path,
            "Public agenda pack: exempt items replaced by a notice",
            pack_variant("public") is not None,
            PACK_FORMATS,
            "public",
            meeting.template,
        ),
        Entry(
            f"{path.stem}-pack-full",
            "pack",
            f"{base} (full, with exempt items)",
            path,
            "Full agenda pack for members, including exempt items",
            pack_variant("full") is not None,
            PACK_FORMATS,
            "full",
            meeting.template,
        ),
    ]


def _unreadable(path: Path) -> list[Declaration]:
    """What a meeting spec that does not load still declares exempt (fail closed)."""
    from reportgen.compose.spec import read_yaml

    try:
        data, _ = read_yaml(path)
    except ReportgenError:
        return []
    return unreadable_declarations(path, data)


def _stat(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


class Catalogue:
    """The report and meeting specs on disk, re-read when a file changes."""

    def __init__(self, reports_dir: Path, meetings_dir: Path) -> None:
        self.reports_dir, self.meetings_dir = reports_dir, meetings_dir
        self._stamp: tuple[Any, ...] = ()
        self._entries: list[Entry] = []
        self._reload = threading.Lock()
        self.reloads = 0  # how often the specs were read (tests: once per change)

    def _files(self) -> tuple[list[Path], list[Path]]:
        def yamls(folder: Path) -> list[Path]:
            return sorted(folder.glob("*.yaml")) if folder.is_dir() else []

        return yamls(self.reports_dir), yamls(self.meetings_dir)

    def stamp(self) -> tuple[Any, ...]:
        """What the catalogue depends on: each spec's name, modification time and size."""
        reports, meetings = self._files()
        return tuple(_stat(p) for p in [self.reports_dir, self.meetings_dir, *reports, *meetings])

    def entries(self) -> list[Entry]:
        """The entries, re-read only when a spec file changed (once, not per request)."""
        stamp = self.stamp()
        if stamp == self._stamp:
            return self._entries
        with self._reload:  # fifty requests after an edit: one reload, not fifty
            if stamp != self._stamp:
                self._entries, self._stamp = self._read(), stamp
                self.reloads += 1
        return self._entries

    def _read(self) -> list[Entry]:
        reports, meeting_paths = self._files()
        meetings = {p: _meeting(p) for p in meeting_paths}
        # the one exemption rule hears every meeting that declares a report exempt
        declared = declarations(
            {p: m for p, m in meetings.items() if not isinstance(m, ReportgenError)}
        )
        for path in (p for p, m in meetings.items() if isinstance(m, ReportgenError)):
            for said in _unreadable(path):
                declared.setdefault(said.report, []).append(said)
        found = [_report_entry(p, declared) for p in reports]
        return found + [e for p, m in meetings.items() for e in _pack_entries(p, m)]

    def for_user(self, user: User) -> list[Entry]:
        """The entries this user may see; broken ones only for roles that see details."""
        return [
            e
            for e in self.entries()
            if (user.may_see_exempt or not e.exempt) and (e.available or user.sees_details)
        ]

    def get(self, user: User, entry_id: str) -> Entry:
        for entry in self.for_user(user):
            if entry.id == entry_id:
                return entry
        raise RequestError(
            404,
            f"unknown report '{clip(entry_id)}'",
            "report",
            "choose one of the reports in the catalogue (GET /api/catalogue)",
        )


def options(entry: Entry) -> Options | None:
    """Periods and areas for a report entry (None for a pack: it has its own date)."""
    if entry.spec is None:
        return None
    dataset = _dataset(entry)
    periods = list(dataset.periods)
    areas = list(dataset.areas)
    default_period = entry.spec.period if entry.spec.period in periods else periods[-1]
    return Options(
        periods,
        areas if len(areas) > 1 else [],
        default_period,
        entry.spec.area or dataset.whole_area,
        dataset.whole_area,
    )


def _dataset(entry: Entry) -> Any:
    assert entry.spec is not None
    try:
        return api.load_data(entry.path.parent / entry.spec.data)
    except ReportgenError as exc:
        log.error("data for %s does not load: %s", entry.id, exc)
        raise RequestError(
            503,
            f"the data for '{entry.title}' cannot be read at the moment",
            "report",
            "ask the performance team to check the data files",
        ) from None


def resolve(
    catalogue: Catalogue, user: User, report: str, period: str | None, area: str | None, format: str
) -> Resolved:
    """Check a request against the catalogue and the data; RequestError if it cannot be met."""
    entry = catalogue.get(user, report)
    if not entry.available:
        raise RequestError(
            409,
            f"'{entry.id}' cannot be built: {entry.error}",
            "report",
            "fix the spec file, then try again",
        )
    if format not in entry.formats:
        raise RequestError(
            422,
            f"format '{clip(format)}' is not offered for this report",
            "format",
            f"choose one of: {', '.join(entry.formats)}",
        )
    opts = options(entry)
    if opts is None:
        return Resolved(entry, None, None, format)
    period = period or opts.default_period
    if period not in opts.periods:
        raise RequestError(
            422,
            f"there is no data for the period '{clip(period)}'",
            "period",
            f"choose a month from {fmt.fmt_period(opts.periods[0])} to "
            f"{fmt.fmt_period(opts.periods[-1])}, written YYYY-MM",
        )
    if area and area not in (opts.areas or [str(opts.whole_area)]):
        raise RequestError(
            422,
            f"there is no data for the area '{clip(area)}'",
            "area",
            f"choose one of: {', '.join(opts.areas or [str(opts.whole_area)])}",
        )
    # The spec's own area stays implicit so that "no area" and "the default area" are one
    # request (one cache entry, one file name).
    if area == (entry.spec.area if entry.spec else None) or (
        area == opts.whole_area and entry.spec and entry.spec.area is None
    ):
        area = None
    return Resolved(entry, period, area, format)


@dataclass(frozen=True)
class KeyFigure:
    """One row of the preview: what a manager wants before downloading the report."""

    id: str
    title: str
    value: str
    target: str
    rating: str | None  # "red", "amber", "green", "blue"
    rating_word: str
    direction: str | None  # "improving", "deteriorating", "no change"
    movement: str | None  # "up", "down", "same": which way the value itself moved
    previous: str
    previous_period: str


def key_figures(resolved: Resolved) -> list[KeyFigure]:
    """The computed indicators for the request's period and area, formatted for display."""
    entry = resolved.entry
    if entry.spec is None or resolved.period is None:
        return []
    area = resolved.area or entry.spec.area
    try:
        results = api.results_for(_dataset(entry), resolved.period, area)
    except ReportgenError as exc:
        raise RequestError(
            422,
            f"the figures for this period cannot be computed: {exc.message}",
            "period",
            exc.hint,
        ) from None
    return [_figure(r) for r in results.results.values()]


def _movement(value: float | None, previous: float | None) -> str | None:
    if value is None or previous is None:
        return None
    return "up" if value > previous else "down" if value < previous else "same"


def _figure(r: Any) -> KeyFigure:
    rating = r.brag or r.rag
    return KeyFigure(
        id=r.id,
        title=r.title,
        value=fmt.fmt_value_with_unit(r.value, r.unit),
        target=fmt.fmt_value_with_unit(r.target, r.unit) if r.target is not None else "",
        rating=rating,
        rating_word=(rating or "").capitalize() or "Not rated",
        direction=r.direction,
        movement=_movement(r.value, r.previous),
        previous=fmt.fmt_value_with_unit(r.previous, r.unit) if r.previous is not None else "",
        previous_period=fmt.fmt_period(r.previous_period) if r.previous_period else "",
    )
