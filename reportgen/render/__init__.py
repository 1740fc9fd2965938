"""Renderers: the document model -> HTML, PDF (via HTML + WeasyPrint) and DOCX.

Each writer is independent and never computes: ``html.render_html``,
``pdf.layout_pdf`` / ``pdf.render_pdf`` and ``docx.render_docx`` all take a
``model.Document`` and a ``theme.Theme``. Heading-level, anchor and contents rules
shared by all of them are in ``common``. Import the writer you need: importing this
package does not load WeasyPrint or python-docx.
"""
