import type { Analysis } from '../../analysis/analyze';
import type { Constraint } from '../../analysis/constraint';
import { feedersOf } from '../../model/graph';
import type { Model, StageId } from '../../model/types';
import { formatCount, formatLoad, formatMoney, perPeriodShort } from '../format';

/** A piece of a sentence; `strong` pieces are stage names and key numbers. */
export interface Part {
  text: string;
  strong?: boolean;
}

/** One measure of the scoreboard (T, OE, T ÷ OE, inventory). */
export interface Measure {
  label: string;
  value: string;
  note?: string;
}

/** The constraint summary in words: which case applies, why, and the scoreboard. */
export interface Summary {
  kind: Constraint['kind'] | 'empty' | 'blocked';
  headline: Part[];
  /** Sentences explaining the headline. */
  details: Part[][];
  measures: Measure[];
}

const s = (text: string): Part => ({ text, strong: true });
const t = (text: string): Part => ({ text });

/** "Closed won" when the funnel has one final stage, else "units". */
function outputNoun(model: Model): string {
  const finals = model.stages.filter((x) => x.next === null);
  return finals.length === 1 ? (finals[0]?.name ?? 'units') : 'units';
}

function names(model: Model, ids: readonly StageId[]): string[] {
  return ids.map((id) => model.stages.find((x) => x.id === id)?.name ?? id);
}

function scoreboard(model: Model, a: Analysis): Measure[] {
  const per = perPeriodShort(model.period);
  const { flow } = a;
  const money = (x: number) => formatMoney(x, model.currency);
  const ratio = flow.operatingExpense > 0 ? (flow.money / flow.operatingExpense).toFixed(2) : '—';
  const units = `${formatCount(flow.units)} ${outputNoun(model)}${per}`;
  const throughput: Measure =
    a.objective === 'money'
      ? { label: 'Throughput', value: `${money(flow.money)}${per}`, note: units }
      : { label: 'Throughput', value: units, note: 'set a Value to count money' };
  return [
    throughput,
    { label: 'Operating expense', value: `${money(flow.operatingExpense)}${per}` },
    {
      label: 'T ÷ OE',
      value: ratio,
      note: flow.operatingExpense > 0 ? 'the scoreboard' : 'no operating expense yet',
    },
    {
      label: 'Inventory piling up',
      value: `${money(flow.inventoryMoney)}${per}`,
      note: 'pileup × cost per item',
    },
  ];
}

/** How the constraint was found, in one sentence. */
function method(model: Model): Part[] {
  const merging = [...feedersOf(model.stages).values()].some((f) => f.length > 1);
  return merging
    ? [t('Channels merge here, so stages are ranked by the throughput their capacity holds back.')]
    : [
        t(
          'In a single chain the constraint is the stage with the smallest capacity in output units.',
        ),
      ];
}

/** Other stages piling up work: overproduction that subordinating to the constraint removes. */
function overproduction(model: Model, a: Analysis, constraint: readonly StageId[]): Part[][] {
  const per = perPeriodShort(model.period);
  const piling = a.flow.stages.filter((f) => f.pileup > 1e-9 && !constraint.includes(f.id));
  if (piling.length === 0) return [];
  const parts: Part[] = [t('Also piling up: ')];
  piling.forEach((f, i) => {
    if (i > 0) parts.push(t(', '));
    parts.push(s(names(model, [f.id])[0] ?? f.id), t(` (${formatCount(f.pileup)}${per})`));
  });
  parts.push(t(' — overproduction the constraint cannot use; subordinate it.'));
  return [parts];
}

/**
 * Writes the constraint summary for a model and its analysis.
 *
 * @param analysis null while the first analysis runs
 */
export function summarize(model: Model, analysis: Analysis | null): Summary {
  if (model.stages.length === 0) {
    return {
      kind: 'empty',
      headline: [t('Add stages to find the constraint.')],
      details: [],
      measures: [],
    };
  }
  if (!analysis) return { kind: 'empty', headline: [t('Calculating…')], details: [], measures: [] };
  if (analysis.issues.length > 0) {
    const n = analysis.issues.length;
    return {
      kind: 'blocked',
      headline: [t(`Fix ${n === 1 ? 'this cell' : `these ${n} cells`} to find the constraint:`)],
      details: analysis.issues
        .slice(0, 5)
        .map((i) => [
          s(`${i.stageName ?? 'Loop'} · ${i.label}`),
          t(`: ${i.code ? `${i.code} ` : ''}${i.message}`),
        ]),
      // The numbers use defaults for the broken cells: not results to show.
      measures: [],
    };
  }
  const per = perPeriodShort(model.period);
  const measures = scoreboard(model, analysis);
  const c = analysis.constraint;
  const noun = outputNoun(model);
  if (c.kind === 'market') {
    const details: Part[][] = [];
    if (c.bindsFirst) {
      const stage = names(model, [c.bindsFirst.stage])[0] ?? '';
      details.push([
        s(stage),
        t(' will bind first, when demand reaches '),
        s(`${formatCount(c.bindsFirst.arrivals)} arrivals${per}`),
        t(` (${c.bindsFirst.factor.toFixed(2)}× today).`),
      ]);
    } else {
      details.push([t('No stage has a capacity limit: the funnel grows with demand.')]);
    }
    return {
      kind: 'market',
      headline: [t('The constraint is the '), s('market'), t(' (demand): every stage has room.')],
      details,
      measures,
    };
  }
  const flows = c.stages.map((id) => analysis.flow.stages.find((f) => f.id === id));
  const heldBack = [
    s(`+${formatCount(c.heldBack.units)} ${noun}${per}`),
    ...(c.heldBack.money > 0
      ? [t(` (${formatMoney(c.heldBack.money, model.currency)}${per})`)]
      : []),
  ];
  if (c.kind === 'tie') {
    const list = names(model, c.stages);
    return {
      kind: 'tie',
      headline: [
        t('A tie: '),
        ...list.flatMap((n, i) => [
          ...(i > 0 ? [t(i === list.length - 1 ? ' and ' : ', ')] : []),
          s(n),
        ]),
        t(' hold back throughput equally.'),
      ],
      details: [
        [t('Lifting them would add '), ...heldBack, t('.')],
        method(model),
        ...overproduction(model, analysis, c.stages),
      ],
      measures,
    };
  }
  const f = flows[0];
  const name = names(model, c.stages)[0] ?? '';
  const load: Part[] = f
    ? [
        t('Load '),
        s(formatLoad(f.load)),
        t(`: ${formatCount(f.inflow)} arrive${per}, it can process ${formatCount(f.processed)}; `),
        s(`${formatCount(f.pileup)}${per}`),
        t(' pile up.'),
      ]
    : [];
  return {
    kind: 'stage',
    headline: [t('The constraint is '), s(name), t('.')],
    details: [
      load,
      [
        t('Unlimited capacity here would add '),
        ...heldBack,
        t('. Capacity anywhere else adds nothing.'),
      ],
      method(model),
      ...overproduction(model, analysis, c.stages),
    ],
    measures,
  };
}
