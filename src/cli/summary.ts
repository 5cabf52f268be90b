import type { Analysis } from '../lib/analysis/analyze';
import { upstreamOf } from '../lib/model/graph';
import type { Model, StageId } from '../lib/model/types';
import { formatCount, formatLoad, formatMoney, perPeriod } from '../lib/ui/format';
import { printable } from './io';

/*
 * The human summary of `bottleneck analyze FILE` (without --json): the
 * constraint and why, then Goldratt's measures for one period: throughput,
 * operating expense and the scoreboard T ÷ OE.
 */

/** "Contact (contact)", or just the name when it is the id. */
function stageLabel(analysis: Analysis, id: StageId): string {
  const name = analysis.inputs.stages.find((s) => s.id === id)?.name ?? id;
  return name === id ? name : `${name} (${id})`;
}

/** Why a stage binds: its load and what piles up ahead of it. */
function whyStage(analysis: Analysis, id: StageId, per: string): string {
  const flow = analysis.flow.stages.find((s) => s.id === id);
  if (!flow) return '';
  return (
    `load ${formatLoad(flow.load)}: ${formatCount(flow.inflow)} arrive, ` +
    `${formatCount(flow.processed)} are processed, ${formatCount(flow.pileup)} pile up ${per}`
  );
}

/** The constraint in two lines: which one, and why. */
function constraintLines(model: Model, analysis: Analysis): string[] {
  const { constraint, objective } = analysis;
  const per = perPeriod(model.period);
  const amount = (held: { units: number; money: number }) =>
    objective === 'money'
      ? `${formatMoney(held.money, model.currency)} of throughput ${per}`
      : `${formatCount(held.units)} more out of the funnel ${per}`;
  switch (constraint.kind) {
    case 'stage': {
      const [id] = constraint.stages;
      return [
        `Constraint: ${stageLabel(analysis, id)}`,
        `  ${whyStage(analysis, id, per)};`,
        `  unlimited capacity here would add ${amount(constraint.heldBack)}.`,
      ];
    }
    case 'tie': {
      // Stages on one chain bind only together; channels side by side each hold back as much.
      const chain = constraint.stages.some((id) =>
        constraint.stages.some((other) => other !== id && upstreamOf(model.stages, id).has(other)),
      );
      return [
        `Constraint: a tie between ${constraint.stages.map((id) => stageLabel(analysis, id)).join(' and ')}`,
        ...constraint.stages.map(
          (id) => `  ${stageLabel(analysis, id)}: ${whyStage(analysis, id, per)}`,
        ),
        chain
          ? `  They bind only together: unlimited capacity at all of them would add ${amount(constraint.heldBack)}.`
          : `  Each holds back as much: unlimited capacity at one of them would add ${amount(constraint.heldBack)}.`,
      ];
    }
    case 'market': {
      const first = constraint.bindsFirst;
      return [
        'Constraint: the market (demand); no stage is overloaded.',
        first
          ? `  ${stageLabel(analysis, first.stage)} binds first, when arrivals reach ${formatCount(first.arrivals)} ${per} (${formatCount(first.factor)}× today).`
          : '  No stage has a capacity limit: throughput grows with demand.',
      ];
    }
  }
}

/**
 * The human summary of an analysed model: name, constraint and why,
 * throughput (units and money), operating expense and T ÷ OE, per period.
 */
export function summarize(model: Model, analysis: Analysis): string {
  const { flow } = analysis;
  const per = perPeriod(model.period);
  const money = (x: number) => formatMoney(x, model.currency);
  const ratio =
    flow.operatingExpense > 0
      ? formatCount(flow.money / flow.operatingExpense)
      : '— (no operating expense)';
  const lines = [
    `${model.name || 'Untitled model'}: ${model.stages.length} stages, flows ${per}`,
    '',
    ...constraintLines(model, analysis),
    '',
    `Throughput:        ${formatCount(flow.units)} ${per}, ${money(flow.money)} ${per}`,
    `Operating expense: ${money(flow.operatingExpense)} ${per}`,
    `T ÷ OE:            ${ratio}`,
  ];
  return printable(lines.join('\n'));
}
