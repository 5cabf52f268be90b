import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/analysis/analyze';
import { evaluateModel } from '../../../src/lib/engine/engine';
import type { Model, StageId } from '../../../src/lib/model/types';
import type { ComputeResult } from '../../../src/lib/state/compute/protocol';
import { explainComputed } from '../../../src/lib/ui/funnel/cell-view';
import { funnelRows } from '../../../src/lib/ui/funnel/funnel-rows';
import { model } from '../helpers';

const KEYS = ['inflow', 'processed', 'pileup', 'out', 'load'];

function resultOf(m: Model): ComputeResult {
  const evaluated = evaluateModel(m);
  return { model: m, evaluated, analysis: analyze(m, evaluated) } as ComputeResult;
}

/** The explanation of each computed cell of a stage, by column. */
function explained(m: Model, id: string): Record<string, string | undefined> {
  const cells = KEYS.map(() => ({ display: '', raw: '' }));
  const out = explainComputed(cells, KEYS, id as StageId, resultOf(m));
  return Object.fromEntries(KEYS.map((k, i) => [k, out[i]?.explain]));
}

describe('computed cells explain themselves with their own numbers', () => {
  const chain = model([
    { id: 'lead', name: 'Lead', arrivals: '2000', conversion: '10%', next: 'demo' },
    { id: 'demo', name: 'Demo', arrivals: '1800', capacity: '200', conversion: '5%' },
  ]);

  it('a stage at 1,000 % load: 2,000 ÷ 200 = 1,000%', () => {
    expect(explained(chain, 'demo')).toEqual({
      inflow: 'Arrivals 1,800 + 200 from Lead = 2,000',
      processed: 'min(inflow 2,000, capacity 200) = 200',
      pileup: 'Inflow 2,000 − processed 200 = 1,800 a period',
      out: 'Processed 200 × conversion 5% = 10',
      load: 'Inflow 2,000 ÷ capacity 200 = 1,000%',
    });
  });

  it('unlimited capacity, no feeders', () => {
    expect(explained(chain, 'lead')).toMatchObject({
      inflow: 'Arrivals 2,000; no stage feeds it',
      processed: 'Capacity unlimited: all of the inflow, 2,000',
      pileup: 'Inflow 2,000 − processed 2,000 = 0 a period',
      load: 'Capacity unlimited: no load.',
    });
  });

  it('a merge names every feeder; a stage nothing reaches says so', () => {
    const merge = model([
      { id: 'a', name: 'Cold list', arrivals: '100', conversion: '10%', next: 'won' },
      { id: 'b', name: 'Inbound', arrivals: '300', conversion: '50%', next: 'won' },
      { id: 'won', name: 'Won' },
      { id: 'idle', name: 'Idle', capacity: '0' },
    ]);
    expect(explained(merge, 'won').inflow).toBe('10 from Cold list + 150 from Inbound = 160');
    expect(explained(merge, 'idle').inflow).toBe(
      'Nothing arrives: no arrivals, and no stage feeds it.',
    );
  });

  it('a feeder that sends nothing is named, not denied (zero flow)', () => {
    const dry = model([
      { id: 'lead', name: 'Lead', arrivals: '100', conversion: '0%', next: 'won' },
      { id: 'won', name: 'Won', arrivals: '5' },
      { id: 'lead2', name: 'Cold', arrivals: '0', next: 'idle' },
      { id: 'idle', name: 'Idle' },
    ]);
    expect(explained(dry, 'won').inflow).toBe('Arrivals 5; nothing comes from Lead');
    expect(explained(dry, 'idle').inflow).toBe(
      'Nothing arrives: no arrivals, and nothing comes from Cold.',
    );
  });

  it('reach the grid: funnelRows sets them on the computed cells', () => {
    const rows = funnelRows(chain, resultOf(chain));
    const load = rows[1]?.cells.at(-1);
    expect(load?.display).toBe('1,000%');
    expect(load?.explain).toBe('Inflow 2,000 ÷ capacity 200 = 1,000%');
  });
});
