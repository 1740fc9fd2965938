"""Measure a laid-out PDF page by page (the WeasyPrint layout the PDF is written from).

What a democratic services officer rejects at a glance (issue 19): a short table split
over two pages, a long table leaving one row alone, a heading or lead-in left at a page
foot, and a page more than half empty that is not where a section must end.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from weasyprint.formatting_structure import boxes

SHORT_TABLE = 10  # rows; the model's keep-together limit


@dataclass
class PageFacts:
    number: int
    fill: float  # share of the content area used, 0..1
    forced_end: bool  # the page ends where a section must (a forced break follows)
    tables: dict[int, tuple[str, int]] = field(default_factory=dict)  # id -> (caption, rows)
    last_is_heading: bool = False
    foot: str = "ends with a heading"  # what is wrong at the page foot, when it is


def _descend(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descend(child)


def _classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    if element is None:
        return set()
    return set((element.get("class") or "").split())


def _root(page: Any) -> Any:
    return next(c for c in page._page_box.children if not isinstance(c, boxes.MarginBox))


def _table_facts(root: Any) -> dict[int, tuple[str, int]]:
    found: dict[int, tuple[str, int]] = {}
    for box in _descend(root):
        if isinstance(box, boxes.TableBox) and "definition-list" not in _classes(box):
            rows = sum(
                len(group.children)
                for group in box.children
                if isinstance(group, boxes.TableRowGroupBox) and not group.is_header
            )
            caption = box.element.findtext("caption") or ""
            found[id(box.element)] = (caption, rows)
    return found


def _bottom(root: Any) -> float:
    bottoms = [
        b.position_y + b.margin_height()
        for b in _descend(root)
        if isinstance(b, boxes.LineBox | boxes.ReplacedBox | boxes.TableRowBox)
    ]
    return max(bottoms, default=0.0)


def _starts_forced(page: Any) -> bool:
    """The page begins a section that starts on a new page (or follows a page break)."""
    for box in _descend(_root(page)):
        classes = _classes(box)
        if classes & {"page-break-before", "landscape"}:
            return True
        if isinstance(box, boxes.LineBox | boxes.ReplacedBox):
            return False
    return False


def _ends_forced(page: Any) -> bool:
    return any("page-break" in _classes(b) for b in _descend(_root(page)))


def _last_leaf_is_heading(root: Any) -> bool:
    blocks = [
        b
        for b in _descend(root)
        if isinstance(b, boxes.BlockBox)
        and getattr(b, "element_tag", "")
        in ("h1", "h2", "h3", "h4", "p", "table", "figure", "li", "aside", "nav")
    ]
    return bool(blocks) and blocks[-1].element_tag in ("h2", "h3", "h4")


def measure(document: Any) -> list[PageFacts]:
    """One PageFacts per page of a ``weasyprint.Document``."""
    pages = document.pages
    facts = []
    for number, page in enumerate(pages, start=1):
        root = _root(page)
        box = page._page_box
        top, height = box.content_box_y(), box.height
        fill = max(0.0, (_bottom(root) - top) / height) if height else 1.0
        following = pages[number] if number < len(pages) else None
        forced = following is None or _starts_forced(following) or _ends_forced(page)
        facts.append(
            PageFacts(number, fill, forced, _table_facts(root), _last_leaf_is_heading(root))
        )
    return facts


def violations(facts: list[PageFacts]) -> list[str]:
    """Every split short table, lone row and unexplained half-empty page."""
    found: list[str] = []
    seen: dict[int, list[tuple[int, str, int]]] = {}
    for page in facts:
        for key, (caption, rows) in page.tables.items():
            seen.setdefault(key, []).append((page.number, caption, rows))
        if page.fill < 0.5 and not page.forced_end:
            found.append(f"page {page.number}: {page.fill:.0%} full, not a section end")
        if page.last_is_heading:
            found.append(f"page {page.number}: {page.foot or 'ends with a heading'}")
    for parts in seen.values():
        if len(parts) < 2:
            continue
        total = sum(rows for _, _, rows in parts)
        where = f"table '{parts[0][1][:50]}' (pages {parts[0][0]}-{parts[-1][0]})"
        if total <= SHORT_TABLE:
            found.append(f"{where}: {total} rows split")
        elif any(rows <= 1 for _, _, rows in parts):
            found.append(f"{where}: a row left alone")
    return found
