"""The performance surgery's action plan (Part A), its resulting BRAG rating and the key.

The template asks for actions across cost ranges and timeframes, each with an expected
percentage improvement; the expected improvements are added up as the paper's "Total"
row does, applied to the year-end forecast and rated by the measure's own BRAG rules,
so the surgery sees whether the plan is enough to hit the target.
"""

from __future__ import annotations

from reportgen import model as m
from reportgen import vocabulary as fmt
from reportgen.compose import wording
from reportgen.compose.content import author_blocks
from reportgen.compose.context import ComposeContext
from reportgen.compose.spec import SurgeryAction
from reportgen.compose.surgery import (
    adrift_text,
    definition_of,
    measure,
    para,
    surgery_of,
    value_text,
)
from reportgen.compose.tables import rating_cell, table_source
from reportgen.compose.template import SectionDef
from reportgen.compose.wording import display_unit
from reportgen.data.dataset import Tolerance
from reportgen.indicators.result import IndicatorResult
from reportgen.indicators.scenarios import Scenario, rate_scenario

COST_CATEGORIES = {
    "no cost": "1) No cost",
    "low cost": "2) Low cost",
    "off the wall": "3) Off the wall",
}
TIMEFRAMES = {
    "short": "a) Short term: 0\u20134 months",
    "medium": "b) Medium term: 5\u201310 months",
    "long": "c) Long term: 10 months or more",
}


def tolerance_of(ctx: ComposeContext, r: IndicatorResult) -> Tolerance:
    return getattr(definition_of(ctx, r.id), "tolerance", None) or Tolerance()


def total_improvement(actions: list[SurgeryAction]) -> float:
    """The expected improvements added up, as the template's 'Total' row does (max 100%)."""
    return min(100.0, sum(a.improvement_pct for a in actions))


def scenario(ctx: ComposeContext, r: IndicatorResult, base: float, pct: float) -> Scenario:
    """The base value improved ``pct`` per cent, re-rated by the measure's own BRAG rules
    from the figures as printed (the indicator engine's arithmetic; this module only words
    it)."""
    return rate_scenario(base, pct, r.target, r.polarity, r.unit, tolerance_of(ctx, r), r.decimals)


def _cost(action: SurgeryAction) -> str:
    return "To be confirmed" if action.cost is None else fmt.fmt_money(action.cost)


def _timeframe(action: SurgeryAction) -> str:
    words = " / ".join(part.capitalize() for part in action.timeframe.split("/"))
    return f"{words} ({action.by})" if action.by else words


def action_table(actions: list[SurgeryAction]) -> m.Table:
    rows = [
        (
            m.cell(a.ref),
            m.cell(a.action),
            m.cell(_cost(a), align="right"),
            m.cell(COST_CATEGORIES[a.cost_category]),
            m.cell(a.effect or "\u2013"),
            m.cell(fmt.fmt_percent(a.improvement_pct), align="right"),
            m.cell(_timeframe(a)),
            m.cell(a.lead_officer or "To be confirmed"),
        )
        for a in actions
    ]
    known = [a.cost for a in actions if a.cost is not None]
    unknown = len(actions) - len(known)
    total_cost = fmt.fmt_money(sum(known)) + (
        f" plus {fmt.number_word(unknown)} to be confirmed" if unknown else ""
    )
    rows.append(
        (
            m.cell(""),
            m.Cell(m.inlines(m.Text("Total", bold=True))),
            m.cell(total_cost, align="right"),
            m.cell(""),
            m.cell(""),
            m.cell(fmt.fmt_percent(total_improvement(actions)), align="right"),
            m.cell(""),
            m.cell(""),
        )
    )
    header = tuple(
        m.cell(h, align="right" if h in ("Cost", "Expected % improvement") else "left")
        for h in (
            "Ref",
            "Action",
            "Cost",
            "Cost category",
            "Effect of action",
            "Expected % improvement",
            "Timeframe before effect is felt",
            "Lead officer",
        )
    )
    return m.Table(
        header=header,
        rows=tuple(rows),
        caption="Part A \u2013 Action plan",
        widths=(7, 18, 12, 11, 14, 13, 12, 13),
        style="action-plan",
    )


def key_table() -> m.Table:
    rows = tuple(
        (m.cell(COST_CATEGORIES[c]), m.cell(TIMEFRAMES[t]))
        for c, t in zip(COST_CATEGORIES, TIMEFRAMES, strict=True)
    )
    return m.Table(
        header=(m.cell("Cost categories"), m.cell("Timeframes")),
        rows=rows,
        caption="Cost categories and timeframes",
        style="cost-key",
    )


def resulting_table(ctx: ComposeContext, r: IndicatorResult, pct: float) -> m.Table:
    base, label = (
        (r.forecast, fmt.forecast_label(r.period, r.financial_year))
        if r.forecast is not None
        else (r.value, "Now")
    )
    rows = [
        (
            m.cell(f"{label}, before the actions"),
            m.cell(value_text(base, display_unit(r)), align="right"),
            m.cell(value_text(r.target, display_unit(r)), align="right"),
            m.cell(
                adrift_text(r.forecast_adrift_pct if r.forecast is not None else r.adrift_pct),
                align="right",
            ),
            rating_cell(r.forecast_brag if r.forecast is not None else r.brag),
        )
    ]
    if base is not None:
        plan = scenario(ctx, r, base, pct)
        expected, adrift, rating = plan.expected, plan.adrift_pct, plan.brag
        rows.append(
            (
                m.cell(f"Expected after the actions ({fmt.fmt_percent(pct)} improvement)"),
                m.cell(value_text(expected, display_unit(r)), align="right"),
                m.cell(value_text(r.target, display_unit(r)), align="right"),
                m.cell(adrift_text(adrift), align="right"),
                rating_cell(rating),
            )
        )
    header = (
        m.cell("Position"),
        m.cell("Value", align="right"),
        m.cell("Target", align="right"),
        m.cell("% adrift from target", align="right"),
        m.cell("BRAG rating", align="center"),
    )
    return m.Table(
        header=header,
        rows=tuple(rows),
        caption="The year-end position before and after the actions",
        row_headers=True,
        widths=(36, 16, 16, 18, 14),
        source=table_source([r]),
    )


def surgery_action_plan(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    actions = surgery_of(ctx).actions
    r = measure(ctx)
    if not actions:
        return (para("No actions have been proposed yet."), *author_blocks(ctx, sdef))
    pct = total_improvement(actions)
    blocks: list[m.Block] = [
        para(
            "What actions would make a difference to performance? The actions below "
            "cover different cost ranges and timeframes (see the key below the table)."
        ),
        action_table(actions),
        key_table(),
        m.Section(
            "Resulting BRAG rating",
            (
                para(
                    f"The actions together are expected to improve the measure by "
                    f"{fmt.fmt_percent(pct)} (the sum of the expected improvements), applied "
                    f"to {wording.forecast_words(r)} and rated with the same BRAG rules."
                ),
                resulting_table(ctx, r, pct),
            ),
        ),
    ]
    return (*blocks, *author_blocks(ctx, sdef))


# ------------------------------------------------------------------ BRAG key


def brag_rules(ctx: ComposeContext, r: IndicatorResult) -> list[tuple[str, str]]:
    """The key in the one order every key uses: Blue, Green, Amber, Red."""
    tol = tolerance_of(ctx, r)
    return [(rating, rule) for rating, rule in fmt.rating_key(tol.amber_pct, tol.blue_pct)]


def surgery_brag_key(ctx: ComposeContext, sdef: SectionDef) -> tuple[m.Block, ...]:
    r = measure(ctx)
    rows = tuple((rating_cell(rating), m.cell(rule)) for rating, rule in brag_rules(ctx, r))
    table = m.Table(
        header=(m.cell("Rating", align="center"), m.cell("Rule")),
        rows=rows,
        caption="BRAG key: percentages are of the target",
        row_headers=True,
        widths=(20, 80),
    )
    return (table, *author_blocks(ctx, sdef))
