"""The performance surgery report type, gathered for the registry.

Its code is four modules, in the order the paper reads: ``surgery`` (cover, overview,
reasons and BRAG rating, partners, and the helpers the others share),
``surgery_analysis`` (equalities breakdowns and benchmarking), ``surgery_graphs`` (the four
graphs) and ``surgery_plan`` (the action plan and the BRAG key). This module only names
their covers and sections as ``templates/performance-surgery/template.yaml`` uses them.
"""

from __future__ import annotations

from reportgen.compose import surgery, surgery_analysis, surgery_graphs, surgery_plan
from reportgen.compose.plugin import ReportType

REPORT_TYPE = ReportType(
    name="performance-surgery",
    covers={"surgery": surgery.surgery_cover},
    builtins={
        "surgery_overview": surgery.surgery_overview,
        "surgery_background": surgery.surgery_background,
        "surgery_equalities": surgery_analysis.surgery_equalities,
        "surgery_partners": surgery.surgery_partners,
        "surgery_benchmarking": surgery_analysis.surgery_benchmarking,
        "surgery_graphs": surgery_graphs.surgery_graphs,
        "surgery_action_plan": surgery_plan.surgery_action_plan,
        "surgery_brag_key": surgery_plan.surgery_brag_key,
    },
)
