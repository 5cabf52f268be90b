import { blankLoop, emptyModel } from '../../model/defaults';
import { restoreModel } from '../../model/restore';
import { serializeModel } from '../../model/serialize';
import type { Model, Stage, StageId } from '../../model/types';
import { LIMITS } from '../../model/limits';
import { fromEpochDay } from '../csv/dates';
import { fail, formatCount } from '../errors';
import { uniqueStageId } from '../../model/defaults';
import { periodKey, periodLabel, periodSpan, periodsWord } from './periods';
import type { ChannelCounts, StageTally, Tally } from './tally';
import type {
  CapacitySuggestion,
  ChannelCount,
  CrmPlan,
  CrmOptions,
  CrmResult,
  StageCount,
} from './types';

/*
 * How counts become cells. Conversions are written as the ratio of the counts
 * they come from (`=271/2296`), so the grid shows where each rate came from
 * and evaluates to it exactly. Arrivals are the first stage's count over the
 * periods its dates span, through an assumption named for the period
 * (`=2296/months`, months = 12), so changing the span changes every channel.
 */

/** A channel value for people: `organic_search` → `Organic search`, blank → `(blank)`. */
export function channelLabel(key: string): string {
  if (key === '') return '(blank)';
  const words = key.replace(/[_]+/g, ' ');
  return (words[0]?.toUpperCase() ?? '') + words.slice(1);
}

/** Channels by size (items at the first stage), the blank channel last. */
function orderedChannels(channels: ChannelCounts): [string, number[]][] {
  return [...channels.byChannel].sort(([a, x], [b, y]) =>
    a === '' ? 1 : b === '' ? -1 : (y[0] ?? 0) - (x[0] ?? 0) || a.localeCompare(b),
  );
}

const ratio = (num: number, den: number): string => (den > 0 ? `=${num}/${den}` : '');

/** The most channels split into source stages; more means the column is not a channel. */
export const MAX_CHANNELS = 100;

/** A label from a file, cut to the longest stage name. */
const clip = (name: string) => (name.trim() === '' ? '(blank)' : name.trim().slice(0, LIMITS.name));

function stage(id: StageId, name: string, cells: Partial<Stage>): Stage {
  return {
    id,
    name,
    next: null,
    arrivals: '',
    conversion: '',
    capacity: '',
    lag: '',
    cost_per_period: '',
    cost_per_item: '',
    value: '',
    variable_cost: '',
    ...cells,
  };
}

/** The span of the first stage's dates: periods counted, first and last period keys. */
function spanOf(first: StageTally | undefined, plan: CrmPlan) {
  if (!first || first.first === null || first.last === null) return null;
  const a = periodKey(fromEpochDay(first.first), plan.period);
  const b = periodKey(fromEpochDay(first.last), plan.period);
  return { count: periodSpan(first.first, first.last, plan.period), first: a, last: b };
}

/**
 * The busiest period of each dated stage whose items carry a rep/owner column:
 * observed capacity, offered as a suggestion.
 */
function suggestions(tally: Tally, stages: StageCount[], plan: CrmPlan): CapacitySuggestion[] {
  return stages.flatMap((s, k) => {
    if (!tally.dated[k] || s.owners.length === 0 || s.perPeriod.size === 0) return [];
    const [key, capacity] = [...s.perPeriod].reduce((a, b) =>
      b[1] > a[1] || (b[1] === a[1] && b[0] < a[0]) ? b : a,
    );
    const who = s.owners
      .map((o) => `${formatCount(o.distinct)} different ${o.column}`)
      .join(' and ');
    return [
      {
        stageId: s.id,
        stageName: s.name,
        capacity,
        period: plan.period,
        periodKey: key,
        periodLabel: periodLabel(key),
        owners: s.owners,
        message: `"${s.name}" handled at most ${formatCount(capacity)} in one ${plan.period} (${periodLabel(key)}), worked by ${who}: a capacity of ${formatCount(capacity)} per ${plan.period}, if that ${plan.period} was at full stretch.`,
      },
    ];
  });
}

/**
 * Builds the model and the result from the counts.
 *
 * @throws ModelError if the built document does not restore (a bug, wrapped by the caller)
 */
export function buildCrmResult(tally: Tally, plan: CrmPlan, options: CrmOptions): CrmResult {
  const n = tally.stageNames.length;
  const taken = new Set<string>();
  const ids = tally.stageNames.map((name, k) => {
    const given = options.stages?.[k];
    const id = uniqueStageId(given?.id ?? given?.name ?? name, taken);
    taken.add(id);
    return id;
  });
  if (n > MAX_CHANNELS) {
    fail(
      plan.files[0]?.file,
      `found ${formatCount(n)} stages; expected at most ${MAX_CHANNELS} (is the stage column right?).`,
    );
  }
  const names = tally.stageNames.map((name, k) => clip(options.stages?.[k]?.name ?? name));
  const totals = names.map((_, k) => tally.channels.total(k));
  const stageCounts: StageCount[] = names.map((name, k) => {
    const t = tally.stages[k];
    return {
      id: ids[k] as StageId,
      name,
      count: totals[k] as number,
      perPeriod: new Map([...(t?.perPeriod ?? [])].sort(([a], [b]) => (a < b ? -1 : 1))),
      owners: [...(t?.owners ?? [])].map(([column, set]) => ({ column, distinct: set.size })),
    };
  });
  const warnings = [...tally.warnings];
  const span = spanOf(tally.stages[0], plan);
  const word = periodsWord(plan.period);
  const spanLabel = span ? `${periodLabel(span.first)} – ${periodLabel(span.last)}` : 'no dates';
  if (!span)
    warnings.push(
      `The first stage has no dates, so the whole export counts as one ${plan.period}; set "${word}" to the periods it covers.`,
    );
  const assumption = {
    name: word,
    value: String(span?.count ?? 1),
    note: span
      ? `${word} of ${names[0]} in the export (${spanLabel})`
      : `the export has no dates: set the ${word} it covers`,
  };
  const later = names.slice(1).map((name, i) => {
    const k = i + 1;
    const last = k === n - 1;
    return stage(ids[k] as StageId, name, {
      conversion: last ? '' : ratio(totals[k + 1] as number, totals[k] as number),
      next: last ? null : (ids[k + 1] as StageId),
    });
  });
  const second = (ids[1] ?? null) as StageId | null;
  let sources: Stage[];
  let channels: ChannelCount[] | null = null;
  if (plan.channel !== null) {
    if (tally.channels.byChannel.size > MAX_CHANNELS) {
      fail(
        plan.files[0]?.file,
        `"${plan.channel}" has ${formatCount(tally.channels.byChannel.size)} distinct values; a channel split makes one stage per channel, at most ${MAX_CHANNELS}. Choose another channel column, or none.`,
      );
    }
    channels = orderedChannels(tally.channels).map(([key, counts]) => {
      const id = uniqueStageId(`ch_${key.trim() || 'blank'}`, taken);
      taken.add(id);
      return { key, label: channelLabel(key), stageId: id, counts };
    });
    sources = channels.map((c) =>
      stage(c.stageId, clip(`${c.label} ${names[0]}`), {
        arrivals: `=${c.counts[0]}/${word}`,
        conversion: second ? ratio(c.counts[1] ?? 0, c.counts[0] ?? 0) : '',
        next: second,
      }),
    );
  } else {
    sources = [
      stage(ids[0] as StageId, names[0] as string, {
        arrivals: `=${totals[0]}/${word}`,
        conversion: second ? ratio(totals[1] as number, totals[0] as number) : '',
        next: second,
      }),
    ];
  }
  const zero = totals.findIndex((t, k) => t === 0 && k < n - 1);
  if (zero >= 0)
    warnings.push(`No item reached "${names[zero]}", so its conversion is left blank.`);
  const model: Model = {
    ...emptyModel(options.modelName ?? `${names[0]} → ${names[n - 1]} (imported)`),
    period: plan.period,
    assumptions: [assumption],
    stages: [...sources, ...later],
    loop: blankLoop(),
  };
  return {
    model: restoreModel(serializeModel(model)),
    plan,
    stages: stageCounts,
    channels,
    periods: {
      count: span?.count ?? 1,
      first: span?.first ?? null,
      last: span?.last ?? null,
      label: spanLabel,
    },
    capacity: suggestions(tally, stageCounts, plan),
    warnings,
  };
}
