import { downstreamOf, upstreamOf } from '../model/graph';
import type { StageId } from '../model/types';
import { funnelOf, type Constraint } from './constraint';
import { elevate, limitOf, withCapacities, type Elevate, type Limit, type Steady } from './elevate';
import type { FlowInputs, StageInputs } from './inputs';
import { steadyStateIn, type GrowthMode } from './loop';
import { plainNumber } from './plain';
import type { Funnel, SteadyState } from './steady';
import { cellChange, whatIf, type CellChange, type Throughput, type WhatIf } from './trial';
import { rope } from './whatif';

/** A focusing step that applies, with its numbers, or why it does not. */
export type Step<T> = ({ applies: true } & T) | { applies: false; reason: string };

/** Identify (step 1): the constraint in the growth mode, and the flow it was found in. */
export interface Identify {
  constraint: Constraint;
  /** The steady state (in pull with the referred leads included). */
  flow: SteadyState;
  /** Referred leads per period entering the loop's entry stage (0 in push). */
  referred: number;
  throughput: Throughput;
}

/** Exploit (step 2): get more out of the constraint with no new cost. */
export interface Exploit {
  /** +1 percentage point of the constraint's conversion (`null` when it is already 100 %). */
  conversion: WhatIf | null;
  /** +10 % of its capacity, used better (`null` for a capacity of 0). */
  capacity: WhatIf | null;
}

/** Subordinate (step 3): the rope: release work at the constraint's pace. */
export interface Subordinate {
  /** New arrivals (items per period) of the stages feeding the constraint, rounded for a cell. */
  changes: CellChange[];
  /** The same, unrounded, by stage id. */
  release: Record<string, number>;
  /** Pileup per period that disappears (items), and inventory money per period no longer tied up. */
  pileupRemoved: number;
  inventoryRemoved: number;
  /** Pileup per period left (items): more than 0 only when referred leads alone overload the constraint. */
  pileupLeft: number;
  /** Operating expense per period of the stages upstream of the constraint: what subordination can redeploy. */
  upstreamOperatingExpense: number;
}

/** Where a stage sits relative to the constraint (`null` when the market is the constraint). */
export type Position = 'upstream' | 'downstream' | 'elsewhere' | null;

/** What improving a stage that is not the constraint does to throughput. */
export interface StageLesson {
  stageId: StageId;
  position: Position;
  /** +1 percentage point of conversion (`null` at 100 %). */
  conversion: WhatIf | null;
  /** +10 % of capacity (`null` when unlimited or 0). */
  capacity: WhatIf | null;
}

/**
 * The five focusing steps (Goldratt, The Goal, 1984) as concrete what-ifs in
 * a growth mode; or, in pull, `compounds` when there is no steady state to
 * focus on (`message` says why).
 */
export type FocusingSteps =
  | {
      kind: 'steps';
      mode: GrowthMode;
      identify: Identify;
      exploit: Step<Exploit>;
      subordinate: Step<Subordinate>;
      elevate: Step<Elevate>;
      /** Repeat (step 5): the limit after elevating the constraint, and the one after that. */
      repeat: Limit[];
      /** Every stage not in the constraint, in grid order. */
      others: StageLesson[];
    }
  | { kind: 'compounds'; mode: GrowthMode; message: string };

/** One percentage point of conversion (0–1). */
const POINT = 0.01;
/** Capacity used 10 % better. */
const BETTER = 1.1;

const conversionUp = (s: StageInputs): CellChange | null =>
  s.conversion < 1 ? cellChange(s.id, 'conversion', Math.min(1, s.conversion + POINT)) : null;

const capacityUp = (s: StageInputs): CellChange | null =>
  s.capacity === Infinity || s.capacity === 0
    ? null
    : cellChange(s.id, 'capacity', s.capacity * BETTER, true);

/** Tries the changes made for each stage, or `null` when there are none. */
function tryAll(
  inputs: FlowInputs,
  mode: GrowthMode,
  today: Throughput,
  changes: (CellChange | null)[],
): WhatIf | null {
  const real = changes.filter((c): c is CellChange => c !== null);
  return real.length === 0 ? null : whatIf(inputs, mode, today, real);
}

const pileupOf = (flow: SteadyState) => flow.stages.reduce((sum, s) => sum + s.pileup, 0);

/** The rope for each constraint stage in turn (a chain tie ropes the first; the rest then has none). */
function subordinate(
  inputs: FlowInputs,
  today: Steady,
  ids: readonly StageId[],
): Step<Subordinate> {
  let funnel: Funnel = funnelOf(inputs);
  let flow = today.flow;
  const release: Record<string, number> = {};
  for (const id of ids) {
    const r = rope(funnel, flow, id, today.extraArrivals);
    if (!r) continue;
    Object.assign(release, r.release);
    funnel = {
      ...funnel,
      stages: funnel.stages.map((s) =>
        r.release[s.id] === undefined ? s : { ...s, arrivals: r.release[s.id] as number },
      ),
    };
    flow = r.flow;
  }
  const released = Object.keys(release);
  if (released.length === 0)
    return {
      applies: false,
      reason: 'Nothing piles up ahead of the constraint: there is nothing to hold back.',
    };
  const upstream = new Set(ids.flatMap((id) => [...upstreamOf(inputs.stages, id)]));
  return {
    applies: true,
    changes: released.map((id) => cellChange(id as StageId, 'arrivals', release[id] as number)),
    release,
    pileupRemoved: pileupOf(today.flow) - pileupOf(flow),
    inventoryRemoved: today.flow.inventoryMoney - flow.inventoryMoney,
    pileupLeft: pileupOf(flow),
    upstreamOperatingExpense: inputs.stages
      .filter((s) => upstream.has(s.id) && !ids.includes(s.id))
      .reduce((sum, s) => sum + s.cost_per_period, 0),
  };
}

/** Why exploit and elevate do not apply when the market is the constraint. */
function marketReason(inputs: FlowInputs, constraint: Constraint & { kind: 'market' }): string {
  const first = constraint.bindsFirst;
  const name = inputs.stages.find((s) => s.id === first?.stage)?.name;
  const binds = first
    ? `${name ?? first.stage} binds first, when arrivals reach ${plainNumber(first.arrivals)} per period (${plainNumber(first.factor)}× today).`
    : 'No stage has a capacity that would bind.';
  return `No stage holds throughput back: demand (the market) does, so there is no constraint to exploit, subordinate to, or elevate. ${binds}`;
}

/** Each stage's position relative to the constraint stages. */
function positions(inputs: FlowInputs, ids: readonly StageId[]): Map<StageId, Position> {
  const up = new Set(ids.flatMap((id) => [...upstreamOf(inputs.stages, id)]));
  const down = new Set(ids.flatMap((id) => downstreamOf(inputs.stages, id)));
  return new Map(
    inputs.stages.map((s): [StageId, Position] => [
      s.id,
      ids.length === 0
        ? null
        : up.has(s.id)
          ? 'upstream'
          : down.has(s.id)
            ? 'downstream'
            : 'elsewhere',
    ]),
  );
}

/** The limits after elevating the constraint, and after elevating the next one too. */
function repeat(
  inputs: FlowInputs,
  mode: GrowthMode,
  first: Limit,
  ids: readonly StageId[],
): Limit[] {
  const limits = [first];
  if (first.kind !== 'stage' && first.kind !== 'tie') return limits;
  const lifted = new Map([...ids, ...first.stages].map((id) => [id, Infinity]));
  limits.push(limitOf(steadyStateIn(withCapacities(inputs, lifted), mode)));
  return limits;
}

/**
 * Works the five focusing steps on the funnel in a growth mode (pull: with
 * the loop's referred leads, re-solved for every what-if, since more won
 * brings more referrals).
 *
 * - Identify: the constraint (stage, tie or market).
 * - Exploit: the gain from +1 point of the constraint's conversion and from
 *   +10 % of its capacity (ties: every tied stage at once).
 * - Subordinate: the rope (see `rope`), as new arrivals.
 * - Elevate: the capacity past which the constraint moves, and where.
 * - Repeat: the next limit after that, and the one after.
 * - Others: the real change from improving each other stage: nothing
 *   upstream of the constraint (the lesson), but not nothing downstream of
 *   it, where conversion scales what the constraint lets through.
 * With the market as the constraint, exploit, subordinate and elevate say
 * why they do not apply and name the stage that binds first.
 */
export function focusingSteps(inputs: FlowInputs, mode: GrowthMode): FocusingSteps {
  const state = steadyStateIn(inputs, mode);
  if (state.kind === 'compounds') return { kind: 'compounds', mode, message: state.message };
  const { constraint, flow } = state;
  const today = { units: flow.units, money: flow.money };
  const ids = constraint.stages as StageId[];
  const mine = ids.map((id) => inputs.stages.find((s) => s.id === id) as StageInputs);
  const where = positions(inputs, ids);
  const others = inputs.stages
    .filter((s) => !ids.includes(s.id))
    .map((s) => ({
      stageId: s.id,
      position: where.get(s.id) ?? null,
      conversion: tryAll(inputs, mode, today, [conversionUp(s)]),
      capacity: tryAll(inputs, mode, today, [capacityUp(s)]),
    }));
  const identify = { constraint, flow, referred: state.referred, throughput: today };
  if (constraint.kind === 'market') {
    const reason = marketReason(inputs, constraint);
    const none = { applies: false as const, reason };
    return {
      kind: 'steps',
      mode,
      identify,
      exploit: none,
      subordinate: none,
      elevate: none,
      repeat: [],
      others,
    };
  }
  const lifted = steadyStateIn(
    withCapacities(inputs, new Map(ids.map((id) => [id, Infinity]))),
    mode,
  );
  const elevated = elevate(inputs, mode, ids, state, lifted);
  return {
    kind: 'steps',
    mode,
    identify,
    exploit: {
      applies: true,
      conversion: tryAll(inputs, mode, today, mine.map(conversionUp)),
      capacity: tryAll(inputs, mode, today, mine.map(capacityUp)),
    },
    subordinate: subordinate(inputs, state, ids),
    elevate: { applies: true, ...elevated },
    repeat: repeat(inputs, mode, elevated.next, ids),
    others,
  };
}
