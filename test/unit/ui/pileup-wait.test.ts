import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/analysis/analyze';
import { growthOf } from '../../../src/lib/analysis/growth';
import { evaluateModel } from '../../../src/lib/engine/engine';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { Model, StageId } from '../../../src/lib/model/types';
import { pileupGeometry } from '../../../src/lib/ui/growth/pileup';
import { queueSentence } from '../../../src/lib/ui/growth/pileup-text';
import { model } from '../helpers';

// The pileup chart says the wait ahead of each queue (Little's law: queue ÷
// processed per period), and never a number when nothing is processed.

const pileup = (m: Model, constraint: string[] = []) => {
  const evaluated = evaluateModel(m);
  const growth = growthOf(m, evaluated, analyze(m, evaluated));
  return pileupGeometry(growth.push, {
    stages: m.stages,
    constraint: constraint as StageId[],
    width: 500,
    height: 260,
    period: m.period,
    currency: 'USD',
  });
};

describe('pileup chart: the wait ahead of each queue', () => {
  it('reference chain: 7,200 accounts wait 4.8 months before Contact processes them (1,500 a month)', () => {
    const m = EXAMPLES.find((e) => e.id === 'reference')!.model();
    const [contact] = pileup(m, ['contact']).series;
    expect(contact).toMatchObject({ id: 'contact', last: 7200, wait: 4.8 });
    expect(queueSentence(contact!, 'month')).toBe(
      '7,200 wait 4.8 months before Contact processes them',
    );
  });

  it('says "never processed" for a queue at a stage of capacity 0, and a week count in weeks', () => {
    const m = model(
      [
        { id: 'leads', name: 'Leads', arrivals: '90', capacity: '10', next: 'demo' },
        { id: 'demo', name: 'Demo', capacity: '0' },
      ],
      { period: 'week', horizon: 9 },
    );
    const series = pileup(m).series;
    const leads = series.find((s) => s.id === 'leads')!;
    const demo = series.find((s) => s.id === 'demo')!;
    // 80 more wait at Leads each week: 720 ÷ 10 a week = 72 weeks.
    expect(leads).toMatchObject({ last: 720, wait: 72 });
    expect(queueSentence(leads, 'week')).toBe('720 wait 72 weeks before Leads processes them');
    expect(demo).toMatchObject({ last: 90, wait: null });
    expect(queueSentence(demo, 'week')).toBe(
      '90 wait at Demo and are never processed: its capacity is 0',
    );
  });

  it('says when a queue has drained by the end, and speaks of one item in the singular', () => {
    expect(queueSentence({ name: 'Reply', last: 0, wait: 0 }, 'month')).toBe(
      'Nothing is left queued at Reply',
    );
    expect(queueSentence({ name: 'Call', last: 1, wait: 1 }, 'day')).toBe(
      '1 waits 1 day before Call processes it',
    );
  });
});
