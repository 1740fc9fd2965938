"""Agenda packs: one PDF per meeting, the agenda and every report behind it.

``build_packs(meeting_spec)`` writes the public pack (exempt items replaced by a
notice), the full pack, any supplementary packs, a JSON manifest beside each and a
Word version of each front sheet and agenda. Modules follow the flow:

``spec``      the meeting YAML (pydantic) and its validation
``items``     items resolved: reports composed, external PDFs/DOCX read and counted
``agenda``    front sheet, agenda and exempt notices as model Documents
``assemble``  one WeasyPrint layout of every generated part, then ``pdfops``
``pdfops``    pikepdf: external pages drawn onto placeholders, outline rebuilt
``manifest``  the JSON for the website
``build``     everything in memory, then atomic writes
"""

from reportgen.pack.build import PackResult, Variant, build_packs
from reportgen.pack.spec import AgendaItem, MeetingSpec, load_meeting

__all__ = ["AgendaItem", "MeetingSpec", "PackResult", "Variant", "build_packs", "load_meeting"]
