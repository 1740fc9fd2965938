"""Writers: the document model -> bytes in one format, registered in ``WRITERS``.

Like pandoc's writers, each is ``write(document, theme) -> bytes``, independent of the
others and never computing: ``docx`` (python-docx), ``html`` (Jinja2 + CSS) and ``pdf``
(the HTML laid out by WeasyPrint, tagged PDF/UA-1). Heading-level, anchor and contents
rules shared by all of them are in ``common``; the house style is ``theme.Theme``.

A new format is one writer package and one line in ``WRITERS`` (see
docs/extending.md, "Adding a writer"). Writers hold no words: notices, labels and page
numbering come from ``model.Furniture`` in the document's metadata. Importing this
package loads neither WeasyPrint nor python-docx: each entry imports its writer when
first called.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from reportgen import model as m
from reportgen.render.theme import Theme

#: A writer: the whole document in one format, as bytes.
Writer = Callable[[m.Document, Theme], bytes]


def _docx(doc: m.Document, theme: Theme) -> bytes:
    from reportgen.render.docx import render_docx

    return render_docx(doc, theme)


def _pdf(doc: m.Document, theme: Theme) -> bytes:
    from reportgen.render.pdf import render_pdf

    return render_pdf(doc, theme)


def _html(doc: m.Document, theme: Theme) -> bytes:
    from reportgen.render.html import render_html

    return render_html(doc, theme).encode("utf-8")


#: Every output format by the name ``--format`` and ``outputs:`` use.
WRITERS: Mapping[str, Writer] = {
    "docx": _docx,
    "pdf": _pdf,
    "html": _html,
}
