import type { Analysis } from '../analysis/analyze';
import type { Throughput } from '../analysis/constraint';
import type { StageFlow } from '../analysis/steady';
import { EPS } from '../analysis/ties';
import type { Model, StageId } from '../model/types';
import { formatCount, formatMoney, perPeriodShort } from './format';
import { s, t, type Part } from './parts';

/*
 * What every sentence of the report needs: the model, its analysis, how a
 * flow's period is written and how a stage is named, and the phrases the
 * summary and the focusing steps share (the output noun, a gain).
 */

/** The context the report's sentences are written in. */
export interface Wording {
  model: Model;
  analysis: Analysis;
  /** What follows a flow: "/wk" in the app, " per week" on the command line. */
  per: string;
  /** A stage's name as printed (the CLI adds its id: "Contact (contact)"). */
  name: (id: StageId) => string;
  /** What throughput units are called: the final stage's name, or "units" (see {@link outputNoun}). */
  noun: string;
}

/** How the caller writes periods and names; both optional. */
export interface WordingOptions {
  /** Default: the short form, "/wk". */
  per?: string;
  /** Given the id and the stage's name; default: the name. */
  label?: (id: StageId, name: string) => string;
}

/**
 * What throughput units are called: the name of the funnel's one final
 * stage ("Closed won", "Paid"), or "units" when there are several.
 */
function outputNoun(model: Model): string {
  const finals = model.stages.filter((x) => x.next === null);
  return finals.length === 1 && finals[0]?.name ? finals[0].name : 'units';
}

/** The wording for a model and its analysis. */
export function wording(model: Model, analysis: Analysis, options: WordingOptions = {}): Wording {
  const label = options.label ?? ((_id: StageId, name: string) => name);
  return {
    model,
    analysis,
    per: options.per ?? perPeriodShort(model.period),
    name: (id) => label(id, model.stages.find((x) => x.id === id)?.name ?? id),
    noun: outputNoun(model),
  };
}

/**
 * A signed count: +0.25, +0, −3. A change within a relative {@link EPS} (1e-9) of `scale`
 * (today's throughput: float noise, not a gain) is "+0".
 */
export function signed(x: number, scale = 0): string {
  if (x === 0 || Math.abs(x) <= EPS * Math.abs(scale)) return '+0';
  const shown = formatCount(Math.abs(x));
  return x > 0 ? `+${shown}` : `−${shown}`;
}

/**
 * A gain per period: "+45 Closed won/wk ($486,000/wk)", the money only when
 * the model counts money and it is not 0; `Infinity` (the loop compounds in
 * pull) as "unbounded growth".
 */
export function gainParts(w: Wording, gain: Throughput): Part[] {
  if (gain.units === Infinity || gain.money === Infinity)
    return [s('unbounded growth'), t(' (the loop compounds: no steady state)')];
  const { flow } = w.analysis;
  const units = s(`${signed(gain.units, flow.units)} ${w.noun}${w.per}`);
  if (w.analysis.objective !== 'money' || signed(gain.money, flow.money) === '+0') return [units];
  const m = gain.money;
  return [units, t(` (${m > 0 ? '+' : '−'}${formatMoney(Math.abs(m), w.model.currency)}${w.per})`)];
}

/** A stage's flow by id. */
export function flowAt(w: Wording, id: StageId): StageFlow | undefined {
  return w.analysis.flow.stages.find((f) => f.id === id);
}
