import { describe, expect, it } from 'vitest';
import { focusingSteps, type FocusingSteps } from '../../../src/lib/analysis/focusing';
import type { FlowInputs } from '../../../src/lib/analysis/inputs';
import { steadyStateIn } from '../../../src/lib/analysis/loop';
import { applyChanges, type CellChange } from '../../../src/lib/analysis/trial';
import { referenceExample } from '../../../src/lib/model/examples/reference';
import { parseNumberLiteral } from '../../../src/lib/model/number';
import { restoreModel } from '../../../src/lib/model/restore';
import { analyzeModel, model, type TestStage } from '../helpers';

const inputsOf = (stages: TestStage[], extra: Record<string, unknown> = {}): FlowInputs =>
  analyzeModel(model(stages, extra)).inputs;

/** The reference chain document, with some cells replaced. */
const referenceDoc = (cells: Record<string, Record<string, string>> = {}) => {
  const doc = structuredClone(referenceExample);
  for (const s of doc.stages) Object.assign(s, cells[s.id]);
  return doc;
};
const reference = (cells: Record<string, Record<string, string>> = {}) =>
  analyzeModel(restoreModel(referenceDoc(cells))).inputs;
const withCells = (capacity: string) => referenceDoc({ contact: { capacity } });

type Steps = Extract<FocusingSteps, { kind: 'steps' }>;
const steps = (inputs: FlowInputs, mode: 'push' | 'pull' = 'push'): Steps => {
  const s = focusingSteps(inputs, mode);
  if (s.kind !== 'steps') throw new Error(s.message);
  return s;
};

/** A step's numbers, failing the test when it does not apply. */
function applied<T extends { applies: boolean }>(step: T): Extract<T, { applies: true }> {
  if (!step.applies) throw new Error(`step does not apply: ${JSON.stringify(step)}`);
  return step as Extract<T, { applies: true }>;
}

const lesson = (s: Steps, id: string) => {
  const l = s.others.find((o) => o.stageId === id);
  if (!l) throw new Error(`no lesson for ${id}`);
  return l;
};

describe('five focusing steps: PRODUCT.md reference chain (push)', () => {
  it('identifies contact: 3.75 won a month', () => {
    const s = steps(reference());
    expect(s.identify.constraint).toMatchObject({ kind: 'stage', stages: ['contact'] });
    expect(s.identify.throughput.units).toBe(3.75);
    expect(s.identify.referred).toBe(0);
  });

  it('exploits contact: +1 point of conversion or +10 % capacity each gain 0.25 won (meeting then binds)', () => {
    const exploit = applied(steps(reference()).exploit);
    expect(exploit.conversion?.changes).toEqual([
      { stageId: 'contact', field: 'conversion', value: 0.06, text: '6%' },
    ]);
    expect(exploit.conversion?.gain?.units).toBeCloseTo(0.25, 12);
    expect(exploit.capacity?.changes).toEqual([
      { stageId: 'contact', field: 'capacity', value: 1650, text: '1650' },
    ]);
    expect(exploit.capacity?.after?.units).toBeCloseTo(4, 12);
  });

  it('subordinates to contact: release 1,666.67 accounts a month and the 300 piling up go', () => {
    const sub = applied(steps(reference()).subordinate);
    expect(sub.release.enrich).toBeCloseTo(1666.67, 2);
    // Rounded down, so that nothing piles up: 1,666 × 90 % = 1,499.4 ≤ 1,500.
    expect(sub.changes).toEqual([
      { stageId: 'enrich', field: 'arrivals', value: 1666, text: '1666' },
    ]);
    expect(sub.pileupRemoved).toBeCloseTo(300, 9);
    expect(sub.pileupLeft).toBeCloseTo(0, 9);
  });

  it('elevates contact: at 1,600 the constraint moves to meeting, 4.0 won a month', () => {
    const s = steps(reference());
    const elevate = applied(s.elevate);
    expect(elevate.changes).toEqual([
      { stageId: 'contact', field: 'capacity', value: 1600, text: '1600' },
    ]);
    expect(elevate.next).toMatchObject({ kind: 'stage', stages: ['meeting'] });
    expect(elevate.after?.units).toBeCloseTo(4, 12);
    // Exactly there, contact and meeting bind together; any more and meeting alone does.
    const at = (capacity: string) => analyzeModel(restoreModel(withCells(capacity))).constraint;
    expect(at('1600')).toMatchObject({ kind: 'tie', stages: ['contact', 'meeting'] });
    expect(at('1601')).toMatchObject({ kind: 'stage', stages: ['meeting'] });
  });

  it('repeats: after meeting, the market (enrich binds first)', () => {
    const s = steps(reference());
    expect(s.repeat.map((l) => [l.kind, l.stages])).toEqual([
      ['stage', ['meeting']],
      ['market', []],
    ]);
    expect(s.repeat[1]).toMatchObject({ bindsFirst: { stage: 'enrich' } });
  });

  it('after elevating contact to 3,000, the rope releases 1,777.78 accounts a month and nothing piles up', () => {
    const s = steps(reference({ contact: { capacity: '3000' } }));
    expect(s.identify.constraint.stages).toEqual(['meeting']);
    const sub = applied(s.subordinate);
    expect(sub.release.enrich).toBeCloseTo(1777.78, 2);
    expect(sub.changes[0]).toMatchObject({ value: 1777, text: '1777' }); // rounded down
    expect(sub.pileupRemoved).toBeCloseTo(4, 9);
    expect(sub.pileupLeft).toBeCloseTo(0, 9);
  });

  it('shows improving a stage upstream of the constraint gains nothing; downstream conversion does', () => {
    const s = steps(reference());
    const enrich = lesson(s, 'enrich');
    expect(enrich.position).toBe('upstream');
    expect(enrich.conversion?.gain?.units).toBe(0);
    expect(enrich.capacity?.gain?.units).toBe(0);
    const reply = lesson(s, 'reply');
    expect(reply.position).toBe('downstream');
    // 75 × 41 % = 30.75 meetings, × 50 % × 25 % = 3.84375 won.
    expect(reply.conversion?.gain?.units).toBeCloseTo(0.09375, 12);
    expect(reply.capacity?.gain?.units).toBe(0);
    expect(lesson(s, 'opportunity').conversion?.gain?.units).toBeCloseTo(0.15, 12);
  });

  it('gives every change as cell text that reads back as its value', () => {
    const s = steps(reference());
    const all: CellChange[] = [
      ...applied(s.exploit).conversion!.changes,
      ...applied(s.exploit).capacity!.changes,
      ...applied(s.subordinate).changes,
      ...applied(s.elevate).changes,
      ...s.others.flatMap((o) => [
        ...(o.conversion?.changes ?? []),
        ...(o.capacity?.changes ?? []),
      ]),
    ];
    expect(all.length).toBeGreaterThan(8);
    for (const c of all) expect(parseNumberLiteral(c.text)).toBe(c.value);
  });

  it('is plain data (it crosses the Web Worker boundary)', () => {
    const s = steps(reference());
    expect(structuredClone(s)).toEqual(s);
  });
});

describe('five focusing steps: market, ties and overproduction', () => {
  it('with the market as the constraint, explains exploit and elevate do not apply and names the stage that binds first', () => {
    const s = steps(
      inputsOf([
        { id: 'emails', arrivals: '1000', conversion: '3%', next: 'replies' },
        { id: 'replies', conversion: '=8/30', capacity: '100', next: 'meetings' },
        { id: 'meetings', name: 'Meetings', capacity: '10', conversion: '12.5%' },
      ]),
    );
    expect(s.identify.constraint.kind).toBe('market');
    for (const step of [s.exploit, s.subordinate, s.elevate]) {
      expect(step.applies).toBe(false);
      if (!step.applies)
        expect(step.reason).toMatch(
          /demand \(the market\) does.*Meetings binds first, when arrivals reach 1,250 per period \(1\.25× today\)/,
        );
    }
    expect(s.repeat).toEqual([]);
    // Every stage is a lesson, and with demand limiting, better conversion everywhere pays.
    expect(s.others.map((o) => [o.stageId, o.position])).toEqual([
      ['emails', null],
      ['replies', null],
      ['meetings', null],
    ]);
    expect(lesson(s, 'emails').conversion?.gain?.units).toBeGreaterThan(0);
  });

  it('works a chain tie as one: both capacities rise together', () => {
    const s = steps(
      inputsOf([
        { id: 'a', arrivals: '1000', capacity: '200', conversion: '50%', next: 'b' },
        { id: 'b', capacity: '100', next: 'c' },
        { id: 'c', capacity: '5000' },
      ]),
    );
    expect(s.identify.constraint).toMatchObject({ kind: 'tie', stages: ['a', 'b'] });
    const elevate = applied(s.elevate);
    expect(elevate.changes.map((c) => [c.stageId, c.value])).toEqual([
      ['a', 1000],
      ['b', 500],
    ]);
    expect(elevate.next.kind).toBe('market');
    expect(elevate.after?.units).toBe(500);
    const exploit = applied(s.exploit);
    // b converts 100 % already: only a's conversion can rise, which b cannot take.
    expect(exploit.conversion?.changes.map((c) => c.stageId)).toEqual(['a']);
    expect(exploit.conversion?.gain?.units).toBe(0);
    expect(exploit.capacity?.gain?.units).toBeCloseTo(10, 9);
  });

  it('elevates two tied channels each to what arrives', () => {
    const s = steps(
      inputsOf([
        { id: 'x', arrivals: '200', capacity: '100', next: 'won' },
        { id: 'y', arrivals: '300', capacity: '150', conversion: '=2/3', next: 'won' },
        { id: 'won' },
      ]),
    );
    expect(s.identify.constraint).toMatchObject({ kind: 'tie', stages: ['x', 'y'] });
    expect(applied(s.elevate).changes.map((c) => [c.stageId, c.value])).toEqual([
      ['x', 200],
      ['y', 300],
    ]);
    expect(applied(s.subordinate).changes.map((c) => [c.stageId, c.value])).toEqual([
      ['x', 100],
      ['y', 150],
    ]);
  });

  it('subordination removes overproduction upstream too (a saturated feeder is roped below its capacity)', () => {
    const s = steps(
      inputsOf([
        { id: 'src', arrivals: '1000', capacity: '500', next: 'mid' },
        { id: 'mid', capacity: '100' },
      ]),
    );
    const sub = applied(s.subordinate);
    expect(sub.changes).toEqual([{ stageId: 'src', field: 'arrivals', value: 100, text: '100' }]);
    expect(sub.pileupRemoved).toBe(900);
    expect(sub.pileupLeft).toBe(0);
  });

  it('counts the inventory money that disappears and the operating expense upstream', () => {
    const s = steps(
      inputsOf([
        { id: 'buy', arrivals: '100', cost_per_item: '3', cost_per_period: '400', next: 'call' },
        { id: 'call', capacity: '40', cost_per_item: '2', cost_per_period: '900', value: '50' },
      ]),
    );
    const sub = applied(s.subordinate);
    // 60 calls a period stop piling up, each holding 3 (bought) + 2 (call) invested.
    expect(sub.inventoryRemoved).toBe(300);
    expect(sub.upstreamOperatingExpense).toBe(400);
  });
});

describe('five focusing steps in pull', () => {
  const demo = (capacity: string) =>
    inputsOf(
      [
        { id: 'leads', arrivals: '100', conversion: '10%', next: 'demo' },
        { id: 'demo', capacity },
      ],
      { loop: { enabled: true, entry: 'demo', referrals: '0.5', lag: '1' } },
    );

  it('finds the constraint pull creates, and ropes outbound arrivals around the referred leads', () => {
    expect(steps(demo('15'), 'push').identify.constraint.kind).toBe('market');
    const s = steps(demo('15'), 'pull');
    expect(s.identify.constraint.stages).toEqual(['demo']);
    expect(s.identify.referred).toBe(7.5);
    // 7.5 referred + 10 × f outbound = 15: f = 0.75, not 15 ÷ 17.5.
    const sub = applied(s.subordinate);
    expect(sub.changes).toEqual([{ stageId: 'leads', field: 'arrivals', value: 75, text: '75' }]);
    expect(sub.pileupRemoved).toBeCloseTo(2.5, 12);
  });

  it('elevates with the loop re-solved: demo to 20 (K = 0.5 doubles 10), then the market', () => {
    const s = steps(demo('15'), 'pull');
    const elevate = applied(s.elevate);
    expect(elevate.changes).toEqual([
      { stageId: 'demo', field: 'capacity', value: 20, text: '20' },
    ]);
    expect(elevate.after?.units).toBeCloseTo(20, 9);
    expect(elevate.next.kind).toBe('market');
    // +10 % capacity brings more referrals too: 16.5 won.
    expect(applied(s.exploit).capacity?.after?.units).toBeCloseTo(16.5, 12);
  });

  it('in the reference chain, referred leads fill meeting sooner: contact moves at 1,520, not 1,600', () => {
    const inputs = reference();
    const pull = { ...inputs, loop: { ...inputs.loop, enabled: true } };
    const elevate = applied(steps(pull, 'pull').elevate);
    expect(elevate.changes).toEqual([
      { stageId: 'contact', field: 'capacity', value: 1520, text: '1520' },
    ]);
    const constraintAt = (c: CellChange[]) => {
      const state = steadyStateIn(applyChanges(pull, c), 'pull');
      return state.kind === 'steady' ? state.constraint.stages : null;
    };
    // At 1,520 contact and meeting both just bind; past it meeting alone does.
    expect(elevate.after?.units).toBeCloseTo(4, 12); // meeting full: 32 × 50 % × 25 %
    expect(constraintAt([{ ...elevate.changes[0]!, value: 1521 }])).toEqual(['meeting']);
    expect(constraintAt([{ ...elevate.changes[0]!, value: 1519 }])).toEqual(['contact']);
  });

  it('says when elevating lets the loop compound, and when there is no steady state at all', () => {
    const loopAlone = (capacity: string) =>
      inputsOf([{ id: 'leads', capacity, conversion: '20%' }], {
        loop: { enabled: true, entry: 'leads', referrals: '10', lag: '2', customers: '10' },
      });
    const s = steps(loopAlone('1000'), 'pull');
    expect(s.identify.constraint.stages).toEqual(['leads']);
    expect(applied(s.elevate)).toMatchObject({
      changes: [],
      next: { kind: 'compounds' },
      after: null,
    });
    expect(s.repeat).toEqual([{ kind: 'compounds', stages: [] }]);
    expect(applied(s.exploit).conversion?.gain?.units).toBeCloseTo(10, 9);
    const none = focusingSteps(loopAlone(''), 'pull');
    expect(none).toMatchObject({ kind: 'compounds', mode: 'pull' });
    if (none.kind === 'compounds') expect(none.message).toMatch(/no steady state/);
  });
});
