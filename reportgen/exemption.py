"""One rule for what is exempt (Schedule 12A, Local Government Act 1972), asked by everyone.

Three places can say a report is not for publication, and every consumer (agenda packs
and their manifests and Word agendas, the web catalogue, preview, jobs and downloads,
batch builds, ``reportgen check``) must hear all three, or a report withheld from the
public pack is served by the web service (issue 14):

1. the report spec's own ``exempt: {paragraph: N}``;
2. an appendix marked ``exempt`` (``true``, or ``{paragraph: N}``): reportgen lists a
   report's appendices in the report itself and cannot yet publish a report without
   its exempt appendix, so the report as a whole is treated as exempt;
3. a meeting spec's agenda item ``exempt: {paragraph: N}`` naming the report
   (docs/packs.md): when building that meeting's pack, the item's own declaration;
   anywhere else (the web service), any meeting in the meetings folder that declares it.

The rule fails closed: a declaration anywhere makes the document exempt everywhere. The
paragraph is the first one stated, in the order above with the pack item first; a
declaration that names none (``exempt: true`` on an appendix) still makes the document
exempt, and only a consumer that must print a paragraph (a pack's notice) needs one.

Only the standard library and YAML, and no spec types (it reads what a spec says
through ``Stated``): this module sits on the ground floor of the import graph so that
any layer, composition included (a cover saying "Exempt: Yes"), may ask it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from reportgen.errors import ReportgenError, SpecError, read_text

#: PyYAML's libyaml (C) safe loader when built with it: same results, ~10x faster
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Paragraphs of Schedule 12A Part 1 (the spec type holds their descriptions).
PARAGRAPHS = range(1, 8)


class Stated(Protocol):
    """What a declaration says: a spec's or an item's ``exempt: {paragraph: N}``."""

    @property
    def paragraph(self) -> int: ...

    @property
    def publish_after(self) -> str | None: ...


@dataclass(frozen=True)
class _Said:
    paragraph: int
    publish_after: str | None = None


@dataclass(frozen=True)
class Ruling:
    """A document is exempt: under which paragraph (if stated), and who said so."""

    paragraph: int | None
    publish_after: str | None
    sources: tuple[str, ...]

    def stated_paragraph(self, file: Path | None = None) -> int:
        """The paragraph a notice prints; an error when no declaration names one."""
        if self.paragraph is None:
            raise SpecError(
                "exempt, but no declaration says under which paragraph of "
                f"Schedule 12A ({'; '.join(self.sources)})",
                file=file,
                hint="write `exempt: {paragraph: N}` (N from 1 to 7) on the "
                "report, the appendix or the agenda item",
            )
        return self.paragraph


@dataclass(frozen=True)
class Declaration:
    """A meeting item that declares a report exempt."""

    report: Path  # the report spec, resolved
    exemption: Stated | None  # None: a meeting spec too broken to read the paragraph
    source: str  # e.g. "meetings/panel.yaml, agenda item 3"


def _appendix_declarations(spec: Any) -> list[tuple[Stated | None, str]]:
    found: list[tuple[Stated | None, str]] = []
    for appendix in spec.appendices:
        said = appendix.exempt
        if said is True or hasattr(said, "paragraph"):
            found.append(
                (
                    said if hasattr(said, "paragraph") else None,
                    f"appendix {appendix.label} is exempt",
                )
            )
    return found


def decide(
    spec: Any | None, *, item: Stated | None = None, declared: Iterable[Declaration] = ()
) -> Ruling | None:
    """Whether a report (or a pack item, or a file) is exempt; None when it may be published.

    ``spec`` is the report's spec (None for an external file), ``item`` the exemption the
    agenda item being built says, ``declared`` what meeting specs say about this report.
    """
    said: list[tuple[Stated | None, str]] = []
    if item is not None:
        said.append((item, "the agenda item says so"))
    if spec is not None:
        if spec.exempt is not None:
            said.append((spec.exempt, "the report spec says so"))
        said += _appendix_declarations(spec)
    said += [(d.exemption, f"{d.source} says so") for d in declared]
    if not said:
        return None
    stated = next((e for e, _ in said if e is not None), None)
    return Ruling(
        paragraph=stated.paragraph if stated else None,
        publish_after=stated.publish_after if stated else None,
        sources=tuple(source for _, source in said),
    )


def declarations(meetings: Mapping[Path, object]) -> dict[Path, list[Declaration]]:
    """Every report any of ``meetings`` (meeting spec path -> loaded ``MeetingSpec``)
    declares exempt, by the report spec's resolved path."""
    found: dict[Path, list[Declaration]] = {}
    for path, meeting in meetings.items():
        for number, item in enumerate(_items(meeting), start=1):
            exempt, report = getattr(item, "exempt", None), getattr(item, "report", None)
            if exempt is None or not report:
                continue
            target = (Path(path).resolve().parent / report).resolve()
            found.setdefault(target, []).append(
                Declaration(target, exempt, f"{Path(path).name}, agenda item {number}")
            )
    return found


def _items(meeting: object) -> list[object]:
    supplement = getattr(meeting, "supplement", None)
    late = list(getattr(supplement, "items", []) or []) if supplement is not None else []
    return [*list(getattr(meeting, "items", [])), *late]


def unreadable_declarations(path: Path, data: object) -> list[Declaration]:
    """From a meeting spec's raw YAML (one that may not even validate): every report an
    item with any ``exempt`` value names (failing closed: a typo elsewhere in the file
    must not publish a report the file withholds)."""
    if not isinstance(data, dict):
        return []
    supplement = data.get("supplement")
    late = supplement.get("items") if isinstance(supplement, dict) else None
    items = [*(data.get("items") or []), *(late or [])]
    found = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict) and item.get("exempt") and isinstance(item.get("report"), str):
            target = (Path(path).resolve().parent / item["report"]).resolve()
            found.append(
                Declaration(
                    target, _exemption(item["exempt"]), f"{Path(path).name}, agenda item {number}"
                )
            )
    return found


def _exemption(value: object) -> Stated | None:
    """The paragraph, if the value is a valid ``{paragraph: N}``; else exempt, unstated."""
    if not isinstance(value, dict) or set(value) - {"paragraph", "publish_after"}:
        return None
    paragraph, after = value.get("paragraph"), value.get("publish_after")
    if (
        not isinstance(paragraph, int)
        or isinstance(paragraph, bool)
        or paragraph not in PARAGRAPHS
        or not isinstance(after, str | None)
    ):
        return None
    return _Said(paragraph, after)


def project_declarations(spec_path: Path) -> list[Declaration]:
    """What the meeting specs of a report's project (``../meetings/*.yaml`` beside its
    ``reports/`` folder) declare about it: for shells with no meeting of their own
    (batch builds, ``reportgen check``)."""
    target = Path(spec_path).resolve()
    folder = target.parent.parent / "meetings"
    found: list[Declaration] = []
    for meeting in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            data = yaml.load(read_text(meeting, SpecError), Loader=SAFE_LOADER)
        except (ReportgenError, yaml.YAMLError):
            continue  # not YAML at all: it can name no report
        found += [d for d in unreadable_declarations(meeting, data) if d.report == target]
    return found


#: A full agenda pack may carry exempt items: it is for roles that may see them.
FULL_PACK = Ruling(
    paragraph=None, publish_after=None, sources=("a full agenda pack carries its exempt items",)
)


def pack_variant(variant: str | None) -> Ruling | None:
    """A pack part: the public pack is publishable (exempt items are notices in it)."""
    return None if variant == "public" else FULL_PACK
