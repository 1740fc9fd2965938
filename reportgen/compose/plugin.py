"""What a report type is, as far as the registry is concerned: its covers and sections.

A report type is a template folder (``templates/<name>/template.yaml``: its sections,
defaults and approvals) plus, when its sections are computed rather than written, Python
functions: *covers* (the front page, named by ``cover:`` in template.yaml) and *builtins*
(sections generated from the spec and the figures, named by ``builtin:``). A type's module
declares them in one ``ReportType`` value; ``compose.registry`` lists every type once. Like
MkDocs plugins or pandoc's writers, nothing registers itself by being imported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from reportgen import model as m
from reportgen.compose.context import ComposeContext
from reportgen.compose.template import SectionDef

#: A computed section: the context and the template's section -> the section's blocks.
Builtin = Callable[[ComposeContext, SectionDef], tuple[m.Block, ...]]
#: A front page: the context and the spec's summary blocks -> the cover's blocks.
Cover = Callable[[ComposeContext, tuple[m.Block, ...]], tuple[m.Block, ...]]


@dataclass(frozen=True)
class ReportType:
    """One report type's Python parts, named as template.yaml names them.

    ``name`` is the template folder that uses them ("performance-surgery"), or
    ``"shared"`` for sections any template may use.
    """

    name: str
    covers: Mapping[str, Cover] = field(default_factory=dict)
    builtins: Mapping[str, Builtin] = field(default_factory=dict)
