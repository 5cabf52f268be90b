import { funnelAddress } from '../../src/lib/model/layout';
import { restoreModel } from '../../src/lib/model/restore';
import type { Model } from '../../src/lib/model/types';

/*
 * Generated models for the benchmark: several channels (chains of stages)
 * merging into one shared tail, formulas in most cells — named assumptions,
 * A1 references to other rows (=E7*0.9), MIN/MAX/ROUND — the shape of a real
 * GTM model, only bigger. Deterministic: the same size gives the same model.
 */

/** What to generate. */
export interface GeneratedOptions {
  /** Stages in all (at least 2 × channels). */
  stages: number;
  /** Channels that merge into the shared tail. */
  channels: number;
  /** Make every number cell a formula (for the "2,000 formula cells" figure). */
  allFormulas?: boolean;
  /** Periods of the time simulation. */
  horizon?: number;
}

const ASSUMPTIONS = [
  { name: 'ListSize', value: '8,000', note: 'accounts bought per period' },
  { name: 'Reps', value: '12', note: 'sales reps' },
  { name: 'RepCapacity', value: '60', note: 'items a rep works per period' },
  { name: 'BaseRate', value: '72%', note: 'typical stage conversion' },
  { name: 'Price', value: '$12,000', note: 'first-year contract value' },
  { name: 'Commission', value: '10%', note: 'of price, per deal' },
  { name: 'Salary', value: '$2,500', note: 'loaded cost per rep per period' },
  { name: 'DataCost', value: '$0.40', note: 'enrichment per account' },
];

/** A1 address of a funnel cell by stage row (0-based) and field. */
const at = funnelAddress;

/**
 * Cell text for every number field of stage `row`; `prev` is the row before it
 * in its chain. Tail stages convert 90–99 % so that long tails still deliver.
 */
function cells(row: number, prev: number | null, channel: number, all: boolean, tail = false) {
  const k = (row % 5) + 1;
  const head = prev === null;
  return {
    arrivals: head ? `=ROUND(ListSize*${(channel + 1) / 10},0)` : all ? '=0*Reps' : '',
    conversion: head
      ? '=BaseRate'
      : `=MIN(${tail ? '99%' : '95%'}, MAX(${tail ? '90%' : '5%'}, ${at(prev, 'conversion')}*${(0.97 + k * 0.01).toFixed(2)}))`,
    capacity:
      row % 3 === 0
        ? `=Reps*RepCapacity*${k}`
        : `=MAX(50, ${head ? 'RepCapacity*40' : at(prev, 'capacity')}*${(0.8 + k * 0.05).toFixed(2)})`,
    lag: all || row % 4 === 0 ? `=MOD(${row},3)` : '',
    cost_per_period: all || row % 2 === 0 ? `=Salary*${k}` : '',
    cost_per_item: head || all ? '=DataCost*2' : '',
    value: all ? '=0*Price' : '',
    variable_cost: all ? '=0*Commission' : '',
  };
}

/**
 * A funnel of `channels` chains merging into one tail: half the stages in the
 * channels, half in the tail; the last stage sells at `Price` less `Commission`.
 *
 * @throws ModelError if the generated document does not restore (a bug here)
 */
export function generateModel({
  stages,
  channels,
  allFormulas = false,
  horizon = 60,
}: GeneratedOptions): Model {
  const perChannel = Math.max(2, Math.floor(stages / 2 / channels));
  const tail = stages - perChannel * channels;
  const docs: Record<string, string | null>[] = [];
  const id = (i: number) => `s${i + 1}`;
  const tailStart = perChannel * channels;
  for (let c = 0; c < channels; c++) {
    for (let j = 0; j < perChannel; j++) {
      const row = c * perChannel + j;
      const last = j === perChannel - 1;
      docs.push({
        id: id(row),
        name: `Channel ${c + 1} · step ${j + 1}`,
        next: last ? id(tailStart) : id(row + 1),
        ...cells(row, j === 0 ? null : row - 1, c, allFormulas),
      });
    }
  }
  for (let j = 0; j < tail; j++) {
    const row = tailStart + j;
    const end = j === tail - 1;
    docs.push({
      id: id(row),
      name: end ? 'Closed won' : `Shared step ${j + 1}`,
      next: end ? null : id(row + 1),
      ...cells(row, j === 0 ? tailStart - 1 : row - 1, 0, allFormulas, true),
      ...(end && { value: '=Price', variable_cost: '=Price*Commission' }),
    });
  }
  return restoreModel({
    format: 'bottleneck-model',
    version: 1,
    name: `Generated: ${stages} stages, ${channels} channels`,
    period: 'month',
    horizon,
    assumptions: ASSUMPTIONS,
    stages: docs,
  });
}

/** How many cells of the model (stages and assumptions) hold a formula. */
export function formulaCells(model: Model): number {
  const texts = [
    ...model.stages.flatMap((s) => Object.values(s)),
    ...model.assumptions.map((a) => a.value),
  ];
  return texts.filter((t) => typeof t === 'string' && t.trim().startsWith('=')).length;
}
