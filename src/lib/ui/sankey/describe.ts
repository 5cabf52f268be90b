import type { Period } from '../../model/types';
import { formatCount, formatLoad, formatRate, perPeriod, perPeriodShort } from '../format';
import type { SankeyLayout, StageNode } from './shapes';
import type { DrawnConstraint } from './kept-inputs';

/** What hovering a node, band or queue shows: a title, number rows and an optional note. */
export interface Tip {
  title: string;
  rows: [label: string, value: string][];
  note: string | null;
}

/**
 * The hover text of everything drawn, by its key (`stage:<id>`, `lost:<id>`,
 * `flow:<id>`, `queue:<id>`; a lost link shares its sink's key).
 *
 * @param layout the Sankey layout
 * @param period the period flows are counted in
 */
export function tipsOf(layout: SankeyLayout, period: Period): Map<string, Tip> {
  const per = (x: number) => `${formatCount(x)}${perPeriodShort(period)}`;
  const stages = layout.nodes.filter((n): n is StageNode => n.kind === 'stage');
  const byId = new Map(stages.map((s) => [s.id, s]));
  const tips = new Map<string, Tip>();
  for (const s of stages) {
    const f = s.numbers;
    const rows: Tip['rows'] = [
      ['Inflow', per(f.inflow)],
      ['Processed', per(f.processed)],
    ];
    if (f.pileup > 0) rows.push(['Pileup', per(f.pileup)]);
    rows.push([s.final ? 'Out (throughput)' : 'Out', per(f.out)], ['Lost', per(f.lost)]);
    if (f.load !== null) rows.push(['Load', formatLoad(f.load)]);
    tips.set(s.key, { title: s.name, rows, note: noteOf(s, layout) });
  }
  for (const n of layout.nodes) {
    if (n.kind !== 'lost') continue;
    const processed = byId.get(n.stage)?.numbers.processed ?? 0;
    tips.set(n.key, {
      title: `Lost at ${n.stageName}`,
      rows: [
        ['Lost', per(n.lost)],
        ['Share of processed', processed > 0 ? formatRate(n.lost / processed) : '—'],
      ],
      note: null,
    });
  }
  for (const l of layout.links) {
    if (l.kind !== 'flow') continue;
    const from = byId.get(l.source)?.name ?? '';
    const to = (l.target && byId.get(l.target)?.name) ?? '';
    tips.set(l.key, { title: `${from} → ${to}`, rows: [['Flow', per(l.value)]], note: null });
  }
  for (const q of layout.queues) {
    const name = byId.get(q.stage)?.name ?? '';
    tips.set(q.key, {
      title: `Queue ahead of ${name}`,
      rows: [['Piling up', per(q.pileup)]],
      note: q.constraint
        ? `More arrives ${perPeriod(period)} than ${name} can process.`
        : 'Overproduction: a constraint downstream limits throughput, so this work only waits.',
    });
  }
  return tips;
}

function noteOf(s: StageNode, layout: SankeyLayout): string | null {
  if (s.constraint) return 'The constraint: its capacity holds throughput back.';
  if (layout.queues.some((q) => q.stage === s.id && !q.constraint))
    return 'Over capacity, but a constraint downstream limits throughput.';
  if (s.empty) return 'Nothing flows through this stage.';
  return null;
}

/**
 * One sentence on the constraint for the text alternative.
 *
 * @param names stage names by id
 */
export function constraintSentence(
  constraint: DrawnConstraint | null,
  names: ReadonlyMap<string, string>,
): string {
  if (constraint === null) return 'No constraint shown: fix the flagged cells first.';
  const list = constraint.stages.map((id) => names.get(id) ?? id).join(' and ');
  switch (constraint.kind) {
    case 'stage':
      return `The constraint is ${list}.`;
    case 'tie':
      return `The constraint is a tie between ${list}.`;
    case 'market':
      return 'The constraint is the market: no stage is full.';
  }
}
