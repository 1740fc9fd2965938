"""Build a meeting's packs and write them: the entry point behind ``reportgen pack``.

The output folder is checked first; then everything is built in memory (every item
resolved, every pack laid out, every manifest and Word agenda made); only then are the
files written, all of them or none (``reportgen.atomic.write_files``). So a missing or
unreadable item, a full disk or any other error leaves no pack, and no half a set,
behind. A full pack holding exempt items is readable by its owner only.

The public and full packs are separate layouts of the same items, so with ``workers``
above 1 they are laid out at the same time (WeasyPrint: in forked processes, each
holding its own pack, about 1 GB at 1,000 pages, so ``--workers 1`` is there for small
machines; Typst: in threads, its parts compiled one report at a time, both 1,000-page
packs in about 0.9 GB).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from reportgen.atomic import output_folder, write_files
from reportgen.compose.template import load_template
from reportgen.errors import ReportgenError, SpecError
from reportgen.pack.agenda import AgendaView
from reportgen.pack.assemble import BuiltPack, assemble
from reportgen.pack.items import PackItem, resolve_items
from reportgen.pack.manifest import manifest, manifest_bytes
from reportgen.pack.spec import MeetingSpec, load_meeting, numbered_items
from reportgen.render.theme import Theme, load_theme

Variant = Literal["public", "full"]
VARIANTS: tuple[Variant, ...] = ("public", "full")


@dataclass(frozen=True)
class PackResult:
    """What was written, per pack: {"<stem>-public": {"pdf": path, "json": ..., "docx": ...}},
    and notes for the person building it (e.g. a draft report laid out as final)."""

    spec: Path
    outputs: dict[str, dict[str, Path]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def paths(self) -> list[Path]:
        return [p for files in self.outputs.values() for p in files.values()]


def _theme(spec_path: Path, spec: MeetingSpec) -> Theme:
    try:
        folder, _ = load_template(spec.template, spec_path.parent)
    except ReportgenError as exc:
        raise ReportgenError(
            exc.message, file=spec_path, column="template", hint=exc.hint
        ) from None
    theme = load_theme(folder)
    return replace(theme, council_name=spec.council or theme.council_name)


def _views(spec: MeetingSpec, variants: tuple[Variant, ...]) -> list[AgendaView]:
    supplements = (False, True) if spec.supplement else (False,)
    return [AgendaView(public=v == "public", supplement=s) for s in supplements for v in variants]


def _items_for(view: AgendaView, items: list[PackItem]) -> list[PackItem]:
    return [i for i in items if i.late == view.supplement]


def pack_name(stem: str, view: AgendaView) -> str:
    kind = "public" if view.public else "full"
    return f"{stem}-supplement-{kind}" if view.supplement else f"{stem}-{kind}"


def _files(
    spec: MeetingSpec, pack: BuiltPack, name: str, council: str, created: dt.datetime | None
) -> dict[str, bytes]:
    data = manifest(spec, pack, f"{name}.pdf", council, created)
    return {"pdf": pack.pdf, "json": manifest_bytes(data), "docx": pack.docx}


AssembleJob = tuple[MeetingSpec, list[PackItem], AgendaView, Theme, dt.datetime | None, str]


def _assemble(job: AssembleJob) -> BuiltPack:
    return assemble(*job)


def _assemble_all(jobs: list[AssembleJob], workers: int) -> list[BuiltPack]:
    """Every pack's layout, in parallel processes when asked and possible.

    Fork only: the children inherit the loaded WeasyPrint and fonts, so a small pack is
    not slowed by start-up. Where fork is unavailable, or for one pack, it runs here.
    """
    workers = min(workers, len(jobs))
    if workers > 1 and jobs and jobs[0][5:] == ("typst",):
        # threads, never fork: Typst runs its own worker threads, and a process forked
        # while they exist can deadlock; Typst releases the GIL, so threads run in parallel
        with ThreadPoolExecutor(workers) as threads:
            return list(threads.map(_assemble, jobs))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_assemble(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return list(pool.map(_assemble, jobs))
    except BrokenProcessPool:
        raise ReportgenError(
            "a process laying out a pack stopped unexpectedly (often: out of memory)",
            hint="build the packs one at a time with --workers 1",
        ) from None


@dataclass(frozen=True)
class MadePacks:
    """Every file of a meeting's packs, in memory, before anything is written:
    {"<stem>-public": {"pdf": bytes, "json": bytes, "docx": bytes}}."""

    spec: Path
    files: dict[str, dict[str, bytes]]
    notes: tuple[str, ...] = ()
    private: frozenset[str] = frozenset()  # packs holding exempt items: owner-only files

    def write(self, out_dir: Path) -> PackResult:
        """Write every file of every pack, or none (``reportgen.atomic.write_files``)."""
        paths = {
            name: {ext: Path(out_dir) / f"{name}.{ext}" for ext in files}
            for name, files in self.files.items()
        }
        write_files(
            {
                paths[name][ext]: data
                for name, files in self.files.items()
                for ext, data in files.items()
            },
            private={p for name in self.private for p in paths[name].values()},
        )
        return PackResult(spec=self.spec, outputs=paths, notes=self.notes)


def make_packs(
    spec_path: Path,
    variants: tuple[Variant, ...] = VARIANTS,
    created: dt.datetime | None = None,
    workers: int = 1,
    pdf_engine: str | None = None,
) -> MadePacks:
    """Lay out the public and/or full pack (and supplement packs) of one meeting, in memory.

    ``workers`` > 1 lays the packs out in that many processes at once (forked: call it
    from a single-threaded program, as the CLI does, not from a server's worker thread).
    ``pdf_engine`` ("typst" or "weasyprint") wins over the environment, the meeting spec
    and the theme.
    """
    from reportgen.pipeline import clock
    from reportgen.render.engine import choose_engine

    spec_path = Path(spec_path).resolve()
    spec = load_meeting(spec_path)
    theme = _theme(spec_path, spec)
    created = created or clock()
    items = resolve_items(spec_path, spec)
    views = _views(spec, variants)
    refuse_drafts(spec_path, spec, items, views)
    engine = choose_engine(pdf_engine, spec.pdf_engine, theme)
    packs = _assemble_all(
        [(spec, _items_for(view, items), view, theme, created, engine) for view in views], workers
    )
    files: dict[str, dict[str, bytes]] = {}
    private: set[str] = set()
    for view, pack in zip(views, packs, strict=True):
        name = pack_name(spec.output_name or spec_path.stem, view)
        files[name] = _files(spec, pack, name, theme.council_name, created)
        if not view.public and any(i.exempt is not None for i in _items_for(view, items)):
            private.add(name)
    return MadePacks(
        spec=spec_path, files=files, notes=notes(spec, items), private=frozenset(private)
    )


def build_packs(
    spec_path: Path,
    out_dir: Path = Path("output"),
    variants: tuple[Variant, ...] = VARIANTS,
    created: dt.datetime | None = None,
    workers: int = 1,
    pdf_engine: str | None = None,
) -> PackResult:
    """Build the public and/or full pack (and supplement packs) of one meeting.

    Per pack: ``<stem>-public.pdf``, its manifest ``<stem>-public.json`` and its front
    sheet and agenda in Word, ``<stem>-public.docx`` (likewise ``-full``,
    ``-supplement-public`` and ``-supplement-full``). The output folder is checked
    before any layout; then all the packs' files are written, or none of them.
    ``reportgen.api.build_pack`` is the entry point for programs.
    """
    folder = output_folder(out_dir)
    return make_packs(spec_path, variants, created, workers, pdf_engine).write(folder)


def refuse_drafts(
    spec_path: Path, spec: MeetingSpec, items: list[PackItem], views: list[AgendaView]
) -> None:
    """A draft report in a published (final, public) pack is refused before any layout,
    unless the meeting spec allows it on the item or the meeting (issue 19)."""
    if spec.status != "final" or spec.allow_draft or not any(v.public for v in views):
        return
    allowed = {number for number, item in numbered_items(spec) if item.allow_draft}
    for item in items:
        if item.spec_draft and item.exempt is None and item.number not in allowed:
            raise SpecError(
                f"agenda item {item.number} ({item.title}): its report spec says "
                "status: draft, and a public pack would publish it",
                file=spec_path,
                hint="set status: final in the report spec once it is approved, or write "
                f"allow_draft: true on agenda item {item.number} to publish it as it is",
            )


def notes(spec: MeetingSpec, items: list[PackItem]) -> tuple[str, ...]:
    """Things the officer building the pack should know but that are not errors."""
    found = []
    if spec.status == "final":
        found += [
            f"agenda item {i.number} ({i.title}): its report spec says status: draft; "
            "it is laid out as final in this pack"
            for i in items
            if i.spec_draft
        ]
    else:
        found.append("status: draft: every generated page is marked draft")
    return tuple(found)
