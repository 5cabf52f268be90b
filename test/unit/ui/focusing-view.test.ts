import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/analysis/analyze';
import { focusOf } from '../../../src/lib/analysis/growth';
import { evaluateModel } from '../../../src/lib/engine/engine';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { setStageCells } from '../../../src/lib/model/growth-edits';
import type { Model } from '../../../src/lib/model/types';
import { focusView, type FocusView } from '../../../src/lib/ui/focusing/steps';
import { analyzeModel, model } from '../helpers';

const example = (id: string) => EXAMPLES.find((e) => e.id === id)!.model();
const viewOf = (m: Model) => {
  const evaluated = evaluateModel(m);
  const analysis = analyze(m, evaluated);
  return focusView(m, analysis, focusOf(analysis));
};
const text = (parts: { text: string }[]) => parts.map((p) => p.text).join('');
type Steps = Extract<FocusView, { kind: 'steps' }>;
const steps = (v: FocusView): Steps => {
  if (v.kind !== 'steps') throw new Error(v.text);
  return v;
};
const step = (v: Steps, key: string) => v.steps.find((s) => s.key === key)!;

describe('focusing steps panel: the reference chain (PRODUCT.md)', () => {
  const v = steps(viewOf(example('reference')));

  it('lists the five steps in order', () => {
    expect(v.steps.map((s) => s.title)).toEqual([
      'Identify',
      'Exploit',
      'Subordinate',
      'Elevate',
      'Repeat',
    ]);
    expect(text(step(v, 'identify').items[0]!.text)).toBe(
      'The constraint is Contact. Load 120%: 1,800 arrive/mo, it can process 1,500; 300/mo pile up.',
    );
  });

  it('exploits with +1 point of conversion and +10 % capacity, each with its numbers and cells', () => {
    const [conversion, capacity] = step(v, 'exploit').items;
    expect(text(conversion!.text)).toBe(
      'Contact’s conversion 5% → 6% (+1 point): +0.25 Opportunity/mo',
    );
    expect(conversion!.action).toEqual({
      label: 'Apply: Contact conversion → 6%',
      changes: [{ stageId: 'contact', field: 'conversion', value: 0.06, text: '6%' }],
    });
    expect(text(capacity!.text)).toBe(
      'Contact’s capacity 1,500 → 1,650 (+10 %, used better): +0.25 Opportunity/mo',
    );
  });

  it('subordinates with the rope and says what disappears', () => {
    const [rope, oe] = step(v, 'subordinate').items;
    expect(text(rope!.text)).toBe(
      'The rope: release Enrich’s arrivals 2,000 → 1,666/mo: 300/mo stop piling up.',
    );
    expect(rope!.action?.changes).toEqual([
      { stageId: 'enrich', field: 'arrivals', value: 1666, text: '1666' },
    ]);
    expect(text(oe!.text)).toBe(
      'The stages upstream have no operating expense to spend elsewhere.',
    );
  });

  it('elevates to where the constraint moves, and applies one step past the tie', () => {
    const [raise, tie] = step(v, 'elevate').items;
    expect(text(raise!.text)).toBe(
      'Raise Contact’s capacity 1,500 → 1,600/mo and the constraint moves to Meeting: 4 Opportunity/mo at that capacity.',
    );
    expect(raise!.action).toEqual({
      label: 'Apply: Contact capacity → 1,601',
      changes: [{ stageId: 'contact', field: 'capacity', value: 1601, text: '1601' }],
    });
    expect(text(tie!.text)).toMatch(/Exactly there the old and the new constraint tie/);
    // Applied, the constraint really moves.
    const applied = setStageCells(example('reference'), raise!.action!.changes);
    expect(analyzeModel(applied).constraint).toMatchObject({ kind: 'stage', stages: ['meeting'] });
  });

  it('repeats: the next constraint, and the one after', () => {
    expect(text(step(v, 'repeat').items[0]!.text)).toBe(
      'Next constraint: Meeting; after elevating that too: the market (demand; Enrich binds first).',
    );
  });

  it('teaches that improving a stage upstream of the constraint changes nothing', () => {
    const enrich = v.lessons.find((l) => l.stageId === 'enrich')!;
    expect(text(enrich.text)).toBe(
      'Raising Enrich’s conversion +1 point: +0 Opportunity/mo; its capacity +10 %: +0 Opportunity/mo — upstream: the constraint cannot take more.',
    );
    expect(enrich.actions.map((a) => a.label)).toEqual([
      '+1 point (Enrich)',
      '+10 % capacity (Enrich)',
    ]);
    const reply = v.lessons.find((l) => l.stageId === 'reply')!;
    expect(text(reply.text)).toMatch(
      /^Raising Reply → meeting’s conversion \+1 point: \+0\.09 Opportunity\/mo/,
    );
    expect(v.lessons.map((l) => l.stageId)).not.toContain('contact');
  });
});

describe('focusing steps panel: market, ties, money, blocked and compounding', () => {
  it('explains the market case once, in Identify, naming the stage that binds first', () => {
    const v = steps(viewOf(example('cold-email')));
    expect(text(step(v, 'identify').items[0]!.text)).toBe(
      'The constraint is the market (demand): every stage has room. Meetings will bind first, when demand reaches 1,250 arrivals/wk (1.25× today).',
    );
    for (const key of ['exploit', 'subordinate', 'elevate'])
      expect(text(step(v, key).items[0]!.text)).toBe(
        'Not while demand is the constraint (see Identify).',
      );
    expect(v.steps.flatMap((s) => s.items).every((i) => i.action === null)).toBe(true);
  });

  it('names a tie and works both stages together', () => {
    const v = steps(
      viewOf(
        model([
          {
            id: 'a',
            name: 'Calls',
            arrivals: '1000',
            capacity: '200',
            conversion: '50%',
            next: 'b',
          },
          { id: 'b', name: 'Demos', capacity: '100', next: 'c' },
          { id: 'c', name: 'Won', capacity: '5000' },
        ]),
      ),
    );
    expect(text(step(v, 'identify').items[0]!.text)).toBe(
      'A tie: Calls and Demos bind only together. Calls: load 500%: 1,000 arrive/mo, it can process 200; 800/mo pile up.',
    );
    expect(step(v, 'elevate').items[0]!.action?.changes.map((c) => c.stageId)).toEqual(['a', 'b']);
  });

  it('adds money gains and upstream operating expense when the model has them', () => {
    const v = steps(viewOf(example('seed')));
    expect(text(step(v, 'exploit').items[0]!.text)).toMatch(
      /\+0\.5 Closed won\/wk \(\+\$5,400\/wk\)$/,
    );
    expect(text(step(v, 'subordinate').items[1]!.text)).toBe(
      'Operating expense upstream that could be spent elsewhere: $500/wk.',
    );
    expect(text(step(v, 'subordinate').items[0]!.text)).toMatch(/and \$3,600\/wk of inventory\./);
  });

  it('asks to fix blocking cells first', () => {
    const m = setStageCells(example('reference'), [
      { stageId: 'contact' as never, field: 'capacity', text: '=1/0' },
    ]);
    expect(viewOf(m)).toEqual({
      kind: 'message',
      text: 'Fix the cells the summary lists first: the steps need numbers to trust.',
    });
  });

  it('says when pull has no steady state to focus on', () => {
    const v = viewOf(
      model([{ id: 'a', arrivals: '10', conversion: '20%' }], {
        loop: { enabled: true, entry: 'a', referrals: '10' },
      }),
    );
    expect(v.kind).toBe('message');
    if (v.kind === 'message') expect(v.text).toMatch(/pull has no steady state/);
  });
});
