import { downstreamOf, upstreamOf } from '../model/graph';
import type { StageId } from '../model/types';
import { BETTER, funnelOf, type Constraint } from './constraint';
import { elevate, limitOf, withCapacities, type Elevate, type Limit, type Steady } from './elevate';
import type { FlowInputs, StageInputs } from './inputs';
import { steadyStateIn, type GrowthMode } from './loop';
import { atMarket, shareAtStart } from './market';
import { plainNumber } from './plain';
import type { Funnel, SteadyState } from './steady';
import {
  applyChanges,
  cellChange,
  whatIf,
  type CellChange,
  type Raise,
  type Throughput,
  type WhatIf,
} from './trial';
import { piles } from './ties';
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

/**
 * Subordinate (step 3): the rope: release work at the pace of the
 * constraint, and of every other binding stage that piles up (each flow line
 * has its own constraint). Each source gets its own release.
 */
export interface Subordinate {
  /** The binding stages roped, the constraint's first. */
  ropedTo: StageId[];
  /** New arrivals (items per period) of the sources feeding them, rounded down for a cell (nothing piles up). */
  changes: CellChange[];
  /** The same, unrounded, by stage id. */
  release: Record<string, number>;
  /** Pileup per period that disappears (items), and inventory money per period no longer tied up, with `changes` (in pull: the loop re-solved). */
  pileupRemoved: number;
  inventoryRemoved: number;
  /** Pileup per period left (items) with `changes`. */
  pileupLeft: number;
  /** True when referred leads alone overload a roped stage: only then does pileup stay ahead of it. */
  referredOverload: boolean;
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

/** A raise with the cell change that writes it. */
type Raising = { change: CellChange; raise: Raise };

/** +1 point of conversion, capped at 100 % (`null` when already 100 %). */
function conversionUp(s: StageInputs): Raising | null {
  if (s.conversion >= 1) return null;
  const asked = s.conversion + POINT;
  const change = cellChange(s.id, 'conversion', Math.min(1, asked));
  const raise = {
    stageId: s.id,
    field: 'conversion' as const,
    from: s.conversion,
    to: change.value,
  };
  return { change, raise: { ...raise, asked, capped: asked > 1 } };
}

/** +10 % of capacity, rounded up for a cell (`null` when unlimited or 0). */
function capacityUp(s: StageInputs): Raising | null {
  if (s.capacity === Infinity || s.capacity === 0) return null;
  const asked = s.capacity * BETTER;
  const change = cellChange(s.id, 'capacity', asked, 'up');
  const raise = { stageId: s.id, field: 'capacity' as const, from: s.capacity, to: change.value };
  return { change, raise: { ...raise, asked, capped: false } };
}

/** Tries the raises made for each stage together, or `null` when there are none. */
function tryAll(
  inputs: FlowInputs,
  mode: GrowthMode,
  today: Throughput,
  raisings: (Raising | null)[],
): WhatIf | null {
  const real = raisings.filter((r): r is Raising => r !== null);
  if (real.length === 0) return null;
  return whatIf(
    inputs,
    mode,
    today,
    real.map((r) => r.change),
    real.map((r) => r.raise),
  );
}

const pileupOf = (flow: SteadyState) => flow.stages.reduce((sum, s) => sum + s.pileup, 0);

/**
 * The ropes: for each binding stage in rank order (the constraint first), on
 * the funnel the ropes before it left, each source feeding it its own
 * release. Releases are rounded down for a cell, so nothing piles up, and the
 * steady state is re-solved with them (in pull, the loop too). Works on the
 * inputs at the market's share (see `atMarket`); releases are given as cells.
 */
function subordinate(
  inputs: FlowInputs,
  mode: GrowthMode,
  today: Steady,
  ids: readonly StageId[],
): Step<Subordinate> {
  const share = shareAtStart(inputs);
  let funnel: Funnel = funnelOf(atMarket(inputs));
  let flow = today.flow;
  const release: Record<string, number> = {};
  const ropedTo: StageId[] = [];
  let referredOverload = false;
  const order = [...ids, ...today.constraint.binding.flatMap((b) => b.stages)];
  for (const id of new Set(order)) {
    const r = rope(funnel, flow, id, today.extraArrivals);
    if (!r) continue;
    ropedTo.push(id);
    referredOverload ||= r.referredOverload;
    for (const [source, x] of Object.entries(r.release)) release[source] = x / share;
    funnel = {
      ...funnel,
      stages: funnel.stages.map((s) =>
        r.release[s.id] === undefined ? s : { ...s, arrivals: r.release[s.id] as number },
      ),
    };
    flow = r.flow;
  }
  if (ropedTo.length === 0) return { applies: false, reason: nothingPilesUp(inputs, today) };
  if (Object.keys(release).length === 0) {
    const names = ropedTo.map((id) => inputs.stages.find((s) => s.id === id)?.name ?? id);
    return {
      applies: false,
      reason: `Referred leads alone overload ${names.join(', ')}: no outbound arrivals feed ${ropedTo.length === 1 ? 'it' : 'them'}, so there is nothing to hold back.`,
    };
  }
  const changes = Object.keys(release).map((id) =>
    cellChange(id as StageId, 'arrivals', release[id] as number, 'down'),
  );
  const after = steadyStateIn(applyChanges(inputs, changes), mode);
  const roped = after.kind === 'steady' ? after.flow : flow;
  const upstream = new Set(ropedTo.flatMap((id) => [...upstreamOf(inputs.stages, id)]));
  return {
    applies: true,
    ropedTo,
    changes,
    release,
    pileupRemoved: pileupOf(today.flow) - pileupOf(roped),
    inventoryRemoved: today.flow.inventoryMoney - roped.inventoryMoney,
    pileupLeft: pileupOf(roped),
    referredOverload,
    upstreamOperatingExpense: inputs.stages
      .filter((s) => upstream.has(s.id) && !ropedTo.includes(s.id))
      .reduce((sum, s) => sum + s.cost_per_period, 0),
  };
}

/** Why there is no rope: what piles up, and where (overproduction has no binding stage to rope to). */
function nothingPilesUp(inputs: FlowInputs, today: Steady): string {
  const piling = today.flow.stages.filter(piles);
  if (piling.length === 0)
    return 'Nothing piles up ahead of the constraint: there is nothing to hold back.';
  const names = piling.map((f) => inputs.stages.find((s) => s.id === f.id)?.name ?? f.id);
  return `No binding stage piles up, so there is no rope to tie; ${names.join(', ')} pile${piling.length === 1 ? 's' : ''} up ${plainNumber(pileupOf(today.flow))} per period.`;
}

/** Why exploit and elevate do not apply when the market is the constraint. */
function marketReason(inputs: FlowInputs, constraint: Constraint & { kind: 'market' }): string {
  const first = constraint.bindsFirst;
  const name = inputs.stages.find((s) => s.id === first?.stage)?.name;
  const limited = inputs.stages.some((s) => s.capacity !== Infinity);
  const binds = first
    ? `${name ?? first.stage} binds first, when arrivals reach ${plainNumber(first.arrivals)} per period (${plainNumber(first.factor)}× today).`
    : shareAtStart(inputs) === 0
      ? 'The market is full (the existing customers fill it): no new items arrive.'
      : limited
        ? 'Nothing reaches a stage with a capacity limit, so none binds as demand grows.'
        : 'No stage has a capacity limit: throughput grows with demand.';
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
    subordinate: subordinate(inputs, mode, state, ids),
    elevate: { applies: true, ...elevated },
    repeat: repeat(inputs, mode, elevated.next, ids),
    others,
  };
}
