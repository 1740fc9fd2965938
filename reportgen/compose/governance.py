"""The governance facts a democratic services officer checks before publication.

Whether a report is exempt is asked of ``reportgen.exemption`` (the one rule, which hears
the report spec, its appendices and every meeting spec of the project), never read off
the spec's flag: a report an agenda item withholds must not print as publishable. Which
approvals a report needs follows its decision type, as seed 002 lists them: finance and
legal always, procurement for a contract award. The words come from ``vocabulary``.
"""

from __future__ import annotations

from reportgen import vocabulary as vocab
from reportgen.compose.context import ComposeContext
from reportgen.compose.spec import SCHEDULE_12A
from reportgen.exemption import Ruling, decide, project_declarations


def ruling(ctx: ComposeContext) -> Ruling | None:
    """The report's exemption (None: it may be published), failing closed."""
    return decide(ctx.spec, declared=project_declarations(ctx.spec_path))


def footer_text(ctx: ComposeContext) -> str:
    """The council, plus the exempt marking on exempt material only (never on a draft)."""
    said = ruling(ctx)
    if said is None:
        return ctx.spec.council
    return f"{ctx.spec.council} \u2013 {vocab.exempt_marking(said.paragraph)}"


def exempt_text(ctx: ComposeContext) -> str:
    """The cover's 'Exempt from the Press and Public' answer, with the paragraph."""
    said = ruling(ctx)
    if said is None:
        return "No"
    if said.paragraph is None:
        return "Yes \u2013 exempt under Part 1 of Schedule 12A to the Local Government Act 1972"
    return (
        f"Yes \u2013 exempt under paragraph {said.paragraph} of Part 1 of Schedule 12A "
        f"to the Local Government Act 1972: {SCHEDULE_12A[said.paragraph]}"
    )


def required_approvals(ctx: ComposeContext) -> list[str]:
    """The approval ids this report needs, in the seed's order: finance and legal always,
    procurement for a contract award, then the template's own (e.g. the director)."""
    needed = list(vocab.ALWAYS_APPROVED)
    if ctx.spec.decision_type == "contract award":
        needed.append(vocab.PROCUREMENT_APPROVAL)
    needed += [a for a in ctx.template.required_approvals if a not in needed]
    return needed


def approval_role(approval: str) -> str:
    """What an outstanding approval row is called: 'Head of Procurement'."""
    return vocab.APPROVAL_ROLES.get(approval, approval.replace("_", " ").capitalize())
