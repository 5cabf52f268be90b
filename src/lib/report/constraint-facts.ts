import type { Constraint } from '../analysis/constraint';
import { near } from '../analysis/ties';
import { feedersOf } from '../model/graph';
import type { StageId } from '../model/types';
import { formatCount, timesToday } from './format';
import { marketShareLine, nearCapacityLine, overproductionLines, pullLine } from './notes';
import { list, listParts, s, t, type Part } from './parts';
import { loadLine, namedLoadLine, runsFull, zeroConversionFrom } from './stage-facts';
import { flowAt, gainParts, type Wording } from './wording';

/*
 * The facts about the constraint, in words, for the app's summary, its
 * focusing steps and the command line alike (PRODUCT.md "The constraint",
 * "The loop"). Every sentence is computed from the analysis and said only
 * where it is true: "adds nothing" only for the analysis's `addsNothing`,
 * "overproduction" only for its `overproduction`, "every stage has room"
 * only when no stage runs full, the single-chain rule only where
 * `chainRule` holds.
 */

/**
 * Which case applies: one binding stage, a tie, the constraint tied with
 * demand (a stage at exactly 100 % load), the market, or pull with no
 * steady state.
 */
export type FactsKind = 'stage' | 'tie' | 'demand' | 'market' | 'compounds';

/** The constraint in words. */
export interface ConstraintFacts {
  kind: FactsKind;
  headline: Part[];
  /** The first sentences of `details`: the constraint's load (or why nothing binds), as Identify repeats them. */
  lead: Part[][];
  /** Sentences explaining the headline, `lead` first. */
  details: Part[][];
}

type Binds = Extract<Constraint, { kind: 'stage' | 'tie' }>;
type Market = Extract<Constraint, { kind: 'market' }>;

/** "Contact", "a tie of Ads and Events", "Leads, tied with demand", "the market (demand)": the constraint as a noun. */
export function constraintNoun(w: Wording, c: Constraint): string {
  if (c.kind === 'market') return 'the market (demand)';
  const names = list(c.stages.map(w.name));
  const noun = c.kind === 'tie' ? `a tie of ${names}` : names;
  return c.withDemand ? `${noun}, tied with demand` : noun;
}

/** Why the single-chain rule does not apply here (the rule holds: `null`). */
function whyRanked(w: Wording, c: Constraint): string | null {
  if (c.chainRule) return null;
  const { inputs, referred } = w.analysis;
  const entry = inputs.loop.entry;
  if (referred > 0 && entry !== null) return `Referred leads enter ${w.name(entry)}`;
  if ([...feedersOf(inputs.stages).values()].some((f) => f.length > 1))
    return 'Channels merge here';
  if (inputs.stages.filter((x) => x.next === null).length > 1)
    return 'Funnels run side by side here';
  return 'Items arrive part-way along the chain';
}

/**
 * How the constraint was found, in one true sentence: the single-chain rule
 * where the analysis says it holds (`chainRule`) and the constraint's
 * capacity in output units is the smallest (a tie: shared); else why stages
 * are ranked by what +10 % of their capacity adds.
 */
function method(w: Wording, c: Binds): Part[][] {
  const why = whyRanked(w, c);
  if (why !== null)
    return [[t(`${why}, so stages are ranked by what +10 % of their capacity adds.`)]];
  const outs = c.stages.map((id) => flowAt(w, id)?.capacity_out ?? null);
  const out = outs[0];
  if (out === null || out === undefined || outs.some((x) => x === null || !near(x, out))) return [];
  const shared = c.stages.length > 1;
  return [
    [
      t(
        'In a single chain the constraint is the stage with the smallest capacity in output units: ',
      ),
      s(`${formatCount(out)} ${w.noun}${w.per}`),
      t(shared ? `, shared by ${list(c.stages.map(w.name))}.` : ` at ${w.name(c.stages[0])}.`),
    ],
  ];
}

/** What lifting the constraint adds: unlimited capacity and +10 %, for a tie all of it. */
function gains(w: Wording, c: Binds): Part[] {
  if (c.kind === 'stage')
    return [
      t('Unlimited capacity here would add '),
      ...gainParts(w, c.heldBack),
      t('; +10 % would add '),
      ...gainParts(w, c.marginal),
      t('.'),
    ];
  const all = [
    t('unlimited capacity at all of them would add '),
    ...gainParts(w, c.together.heldBack),
  ];
  if (c.chain)
    return [
      t('They bind only together: '),
      ...all,
      t('; +10 % at all of them, '),
      ...gainParts(w, c.together.marginal),
      t('.'),
    ];
  return [
    t('Each holds back as much: '),
    ...all,
    t('; one alone, '),
    ...gainParts(w, c.heldBack),
    t('; +10 % at all of them, '),
    ...gainParts(w, c.together.marginal),
    t('.'),
  ];
}

/** The other binding stages, ranked, and where capacity adds nothing. */
function elsewhere(w: Wording, c: Binds): Part[][] {
  const mine: readonly StageId[] = c.stages;
  const others = c.binding.filter((b) => b.stages.some((id) => !mine.includes(id)));
  const nothing = c.addsNothing.filter((id) => !mine.includes(id));
  const lines: Part[][] = [];
  if (others.length > 0)
    lines.push([
      t(`Also binding, ranked by what +10 % of capacity adds: `),
      ...listParts(
        others.map((b) => [
          s(list(b.stages.map(w.name))),
          t(' ('),
          ...gainParts(w, b.marginal),
          t('; unlimited: '),
          ...gainParts(w, b.heldBack),
          t(')'),
        ]),
      ),
      t('.'),
    ]);
  if (others.length === 0 && nothing.length > 0)
    lines.push([t('Capacity anywhere else adds nothing.')]);
  else if (nothing.length > 0)
    lines.push([t(`More capacity at ${list(nothing.map(w.name))} adds nothing.`)]);
  return lines;
}

/** The notes every kind ends with. */
const notes = (w: Wording, c: Constraint): Part[][] => [
  ...overproductionLines(w, c),
  ...nearCapacityLine(w, c),
  ...pullLine(w),
  ...marketShareLine(w),
];

/** One or more stages whose capacity holds throughput back. */
function binding(w: Wording, c: Binds): ConstraintFacts {
  const names = c.stages.map(w.name);
  const [id] = c.stages;
  const f = flowAt(w, id);
  const lead =
    c.kind === 'stage' ? (f ? [loadLine(w, f)] : []) : c.stages.map((x) => namedLoadLine(w, x));
  const headline =
    c.kind === 'stage'
      ? [t('The constraint is '), s(names[0] ?? ''), t('.')]
      : [
          t('A tie: '),
          s(list(names)),
          t(c.chain ? ' bind only together.' : ' hold back throughput equally.'),
        ];
  return {
    kind: c.kind,
    headline,
    lead,
    details: [...lead, gains(w, c), ...elsewhere(w, c), ...method(w, c), ...notes(w, c)],
  };
}

/** Stages at exactly 100 % load with nothing binding: the constraint tied with demand. */
function withDemand(w: Wording, c: Binds): ConstraintFacts {
  const one = c.stages.length === 1;
  const lead = c.stages.map((id) => {
    const f = flowAt(w, id);
    return one && f ? loadLine(w, f) : namedLoadLine(w, id);
  });
  const nothing = c.addsNothing.filter((id) => !(c.stages as StageId[]).includes(id));
  return {
    kind: 'demand',
    headline: [
      s(list(c.stages.map(w.name))),
      t(
        one
          ? ' is the constraint, tied with demand: it runs at exactly its capacity.'
          : ' are the constraint, tied with demand: they run at exactly their capacity.',
      ),
    ],
    lead,
    details: [
      ...lead,
      [t(`More capacity ${one ? 'there' : 'at them'} adds throughput only if arrivals rise too.`)],
      ...(nothing.length > 0 ? [[t('Capacity anywhere else adds nothing either.')]] : []),
      ...notes(w, c),
    ],
  };
}

/** Why nothing can bind yet, when no stage binds first as demand grows. */
function nothingBinds(w: Wording): Part[][] {
  const { inputs, flow } = w.analysis;
  const limited = inputs.stages.filter((x) => x.capacity !== Infinity);
  if (limited.length === 0)
    return [[t('No stage has a capacity limit: the funnel grows with demand.')]];
  if (flow.stages.every((f) => f.inflow === 0))
    return w.analysis.marketShare <= 0
      ? []
      : [[t('Nothing arrives: no stage uses any of its capacity yet.')]];
  if (limited.every((x) => (flowAt(w, x.id)?.inflow ?? 0) === 0))
    return [
      [
        t(
          `No items reach the stages with a capacity limit (${list(limited.map((x) => w.name(x.id)))}), so none of them can bind.`,
        ),
      ],
    ];
  return [];
}

/** No stage binds or runs full: demand (the market) is the constraint. */
function market(w: Wording, c: Market): ConstraintFacts {
  const room = w.analysis.flow.stages.every((f) => !runsFull(f));
  const first = c.bindsFirst;
  const lead: Part[][] = [];
  const ahead = first && first.factor > 1 && !near(first.factor, 1) ? first : null;
  const never = ahead ? zeroConversionFrom(w, ahead.stage) : null;
  if (ahead && never)
    lead.push([
      s(w.name(ahead.stage)),
      t(
        ` would reach its capacity first, but never binds: none of its items is won (${w.name(never)} converts 0 %).`,
      ),
    ]);
  else if (ahead)
    lead.push([
      s(w.name(ahead.stage)),
      t(' will bind first, when demand reaches '),
      s(`${formatCount(ahead.arrivals)} arrivals${w.per}`),
      t(` (${timesToday(ahead.factor)}).`),
    ]);
  else lead.push(...nothingBinds(w));
  return {
    kind: 'market',
    headline: [
      t('The constraint is the '),
      s('market'),
      t(
        room
          ? ' (demand): every stage has room.'
          : ' (demand): no stage’s capacity holds throughput back.',
      ),
    ],
    lead,
    details: [...lead, ...notes(w, c)],
  };
}

/** Pull with K ≥ 1 and no steady state: the simulation's funnel at the horizon. */
function compounds(w: Wording, message: string): ConstraintFacts {
  const c = w.analysis.constraint;
  const period = w.analysis.snapshot?.period ?? w.model.horizon;
  const lead: Part[][] = [
    [t(message)],
    [t(`As simulated, at period ${period} the constraint is `), s(constraintNoun(w, c)), t('.')],
  ];
  const [id] = c.stages;
  const f = c.kind === 'stage' && id !== undefined ? flowAt(w, id) : undefined;
  return {
    kind: 'compounds',
    headline: [t('Pull has '), s('no steady state'), t(': growth compounds.')],
    lead,
    details: [...lead, ...(f ? [loadLine(w, f)] : [])],
  };
}

/**
 * The facts about the constraint for a model's analysis (no cell issues).
 * Source: PRODUCT.md "The constraint" and "The loop"; the verdicts are the
 * analysis's (`Constraint`), the sentences only word them.
 */
export function constraintFacts(w: Wording): ConstraintFacts {
  const { analysis: a } = w;
  if (a.compounds !== null) return compounds(w, a.compounds);
  const c = a.constraint;
  if (c.kind === 'market') return market(w, c);
  return c.withDemand ? withDemand(w, c) : binding(w, c);
}
