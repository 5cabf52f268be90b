import { describe, expect, it } from 'vitest';
import {
  clearFunnel,
  fillDownFunnel,
  pasteAssumptions,
  pasteFunnel,
  resolveNext,
  setAssumptionCell,
  setFunnelCell,
} from '../../../src/lib/model/cell-edits';
import {
  EditError,
  linkInserted,
  nextChoices,
  reconnectAround,
} from '../../../src/lib/model/edits';
import { blankStage } from '../../../src/lib/model/defaults';
import { renameInFormula } from '../../../src/lib/model/rename';
import { restoreModel } from '../../../src/lib/model/restore';
import { seedExample } from '../../../src/lib/model/examples/seed';
import type { StageId } from '../../../src/lib/model/types';

const seed = () => restoreModel(structuredClone(seedExample));

describe('funnel cell edits', () => {
  it('sets number cells as typed, and never mutates the input model', () => {
    const m = seed();
    const copy = structuredClone(m);
    const next = setFunnelCell(m, 0, 'arrivals', ' 2.5k ');
    expect(next.stages[0]?.arrivals).toBe('2.5k');
    expect(m).toEqual(copy);
  });

  it('refuses a blank stage name', () => {
    expect(() => setFunnelCell(seed(), 0, 'name', '  ')).toThrow(EditError);
  });

  it('resolves "Feeds into" by id or name, and blank as the end', () => {
    const m = seed();
    expect(resolveNext(m, 'Meetings')).toBe('meetings');
    expect(resolveNext(m, 'WON')).toBe('won');
    expect(resolveNext(m, '')).toBeNull();
    expect(() => resolveNext(m, 'Nowhere')).toThrow(/no stage is called "Nowhere"/);
  });

  it('refuses a "Feeds into" that would make a circle', () => {
    expect(() => setFunnelCell(seed(), 3, 'next', 'Qualified accounts')).toThrow(
      /would make a circle/,
    );
    expect(nextChoices(seed(), 3).map((s) => s.id)).toEqual([]);
    expect(nextChoices(seed(), 0).map((s) => s.id)).toEqual(['worked', 'meetings', 'won']);
  });

  it('pastes a block, appending stages past the end and linking them', () => {
    const { model: m } = pasteFunnel(seed(), 3, 0, [
      ['Closed won', '', '', '', ''],
      ['Onboarded', '', '', '90%', '40'],
      ['Expanded', '', '', '30%', ''],
    ]);
    expect(m.stages.map((s) => s.name)).toEqual([
      'Qualified accounts',
      'Worked by AEs',
      'Meetings',
      'Closed won',
      'Onboarded',
      'Expanded',
    ]);
    expect(m.stages[3]?.next).toBe(m.stages[4]?.id);
    expect(m.stages[4]?.next).toBe(m.stages[5]?.id);
    expect(m.stages[4]).toMatchObject({ conversion: '90%', capacity: '40' });
  });

  it('pastes "Feeds into" names that the same paste creates', () => {
    const { model: m, unapplied } = pasteFunnel(seed(), 4, 0, [
      ['Trial', 'Paid'],
      ['Paid', ''],
    ]);
    expect(m.stages[4]?.next).toBe(m.stages[5]?.id);
    expect(unapplied).toEqual([]);
  });

  it('pastes the rest of a block when one "Feeds into" names no stage, and reports that cell', () => {
    const before = seed();
    const { model: m, unapplied } = pasteFunnel(before, 1, 0, [
      ['Worked', 'Nowhere', '300'],
      ['Booked', 'Won', '40'],
      ['Won', 'Qualified accounts', '7'],
    ]);
    expect(m.stages.map((s) => [s.name, s.next, s.arrivals])).toEqual([
      ['Qualified accounts', 'worked', '2000'],
      // Its link kept, its other cells pasted.
      ['Worked', 'meetings', '300'],
      ['Booked', 'won', '40'],
      ['Won', null, '7'],
    ]);
    expect(unapplied).toEqual([
      { row: 1, text: 'Nowhere', reason: '"Feeds into": no stage is called "Nowhere".' },
      {
        row: 3,
        text: 'Qualified accounts',
        reason:
          '"Won" can\'t feed into "Qualified accounts": that would make a circle. Only the loop may feed back.',
      },
    ]);
    expect(before.stages[1]?.name).toBe('Worked by AEs');
  });

  it('still refuses a whole paste for a bad cell other than "Feeds into"', () => {
    expect(() => pasteFunnel(seed(), 0, 0, [['  ', 'Nowhere']])).toThrow(EditError);
  });

  it('clears a rectangle but keeps names', () => {
    const m = clearFunnel(seed(), [0, 1], [0, 4]);
    expect(m.stages[0]?.name).toBe('Qualified accounts');
    expect(m.stages[0]?.arrivals).toBe('');
    expect(m.stages[1]?.capacity).toBe('');
    expect(m.stages[0]?.next).toBeNull();
  });

  it('fills the top row down', () => {
    const m = fillDownFunnel(seed(), [0, 2], [3, 3]);
    expect(m.stages.slice(0, 3).map((s) => s.conversion)).toEqual(['', '', '']);
    const n = fillDownFunnel(seed(), [1, 3], [3, 4]);
    expect(n.stages.slice(1).map((s) => [s.conversion, s.capacity])).toEqual([
      ['10%', '=AEs*50'],
      ['10%', '=AEs*50'],
      ['10%', '=AEs*50'],
    ]);
  });

  it('fill-down moves a formula’s relative references with the row', () => {
    const m = setFunnelCell(seed(), 1, 'arrivals', '=C2*0.5+$C$2');
    const filled = fillDownFunnel(m, [1, 3], [2, 2]);
    expect(filled.stages.slice(1).map((s) => s.arrivals)).toEqual([
      '=C2*0.5+$C$2',
      '=C3*0.5+$C$2',
      '=C4*0.5+$C$2',
    ]);
  });
});

describe('stage insertion and deletion links', () => {
  it('links an inserted stage into the chain', () => {
    const m = seed();
    const inserted = {
      ...m,
      stages: [...m.stages.slice(0, 2), blankStage('new' as StageId, 'New'), ...m.stages.slice(2)],
    };
    const linked = linkInserted(inserted, 2);
    expect(linked.stages.map((s) => s.next)).toEqual(['worked', 'new', 'meetings', 'won', null]);
  });

  it('reconnects around deleted stages and clears a loop entry pointing at them', () => {
    const m = seed();
    const deleted = m.stages.slice(1, 3);
    const after = reconnectAround({ ...m, stages: [m.stages[0]!, m.stages[3]!] }, deleted);
    expect(after.stages[0]?.next).toBe('won');
    expect(after.loop.entry).toBe('won');
  });
});

describe('assumptions', () => {
  it('renaming rewrites every formula that uses the name', () => {
    const m = setAssumptionCell(seed(), 0, 'name', 'reps');
    expect(m.assumptions[0]?.name).toBe('reps');
    expect(m.stages[1]?.capacity).toBe('=reps*50');
    expect(m.stages[1]?.cost_per_period).toBe('=reps*AE_cost');
  });

  it('renames whole names only, never in strings, functions or sheet names', () => {
    expect(renameInFormula('=AEs*2+aes+AEs2+"AEs"+AEs(1)', 'AEs', 'reps')).toBe(
      '=reps*2+reps+AEs2+"AEs"+AEs(1)',
    );
    expect(renameInFormula("=Funnel!C2+'Funnel'!C3+Funnel", 'Funnel', 'x')).toBe(
      "=Funnel!C2+'Funnel'!C3+x",
    );
    expect(renameInFormula('2000', 'AEs', 'x')).toBe('2000');
  });

  it('pastes assumptions, appending rows', () => {
    const m = pasteAssumptions(seed(), 2, 0, [['SDRs', '3', 'sales development reps']]);
    expect(m.assumptions[2]).toEqual({ name: 'SDRs', value: '3', note: 'sales development reps' });
  });
});
