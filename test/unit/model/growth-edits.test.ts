import { describe, expect, it } from 'vitest';
import { EditError } from '../../../src/lib/model/edits';
import {
  setHorizon,
  setLoopEnabled,
  setLoopEntry,
  setStageCells,
} from '../../../src/lib/model/growth-edits';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { StageId } from '../../../src/lib/model/types';

const reference = () => EXAMPLES.find((e) => e.id === 'reference')!.model();
const id = (s: string) => s as StageId;

describe('growth edits', () => {
  it('flips the growth mode and keeps the loop’s cells', () => {
    const m = reference();
    const pull = setLoopEnabled(m, true);
    expect(pull.loop).toEqual({ ...m.loop, enabled: true });
    expect(setLoopEnabled(pull, true)).toBe(pull);
    expect(setLoopEnabled(pull, false).loop).toEqual(m.loop);
    expect(m.loop.enabled).toBe(false);
  });

  it('chooses the entry stage among the stages, or none', () => {
    const m = reference();
    expect(setLoopEntry(m, id('meeting')).loop.entry).toBe('meeting');
    expect(setLoopEntry(m, null).loop.entry).toBeNull();
    expect(setLoopEntry(m, id('reply'))).toBe(m);
    expect(() => setLoopEntry(m, id('gone'))).toThrow(EditError);
  });

  it('sets the horizon to a whole number of periods from 1 to 520, refusing anything else', () => {
    const m = reference();
    expect(setHorizon(m, ' 36 ').horizon).toBe(36);
    expect(setHorizon(m, '24')).toBe(m);
    for (const bad of ['0', '521', '2.5', '-3', 'ten', '', '1e2'])
      expect(() => setHorizon(m, bad)).toThrow(/whole number of periods from 1 to 520/);
  });

  it('applies several stage cells as one edit, by stage id', () => {
    const m = reference();
    const next = setStageCells(m, [
      { stageId: id('contact'), field: 'capacity', text: '1601' },
      { stageId: id('enrich'), field: 'arrivals', text: '1778' },
    ]);
    expect(next.stages.map((s) => [s.id, s.capacity, s.arrivals])).toEqual([
      ['enrich', '2500', '1778'],
      ['contact', '1601', ''],
      ['reply', '200', ''],
      ['meeting', '32', ''],
      ['opportunity', '30', ''],
    ]);
    expect(setStageCells(m, [{ stageId: id('contact'), field: 'capacity', text: '1500' }])).toBe(m);
  });

  it('refuses a change to a stage that no longer exists, changing nothing', () => {
    const m = reference();
    expect(() =>
      setStageCells(m, [
        { stageId: id('contact'), field: 'capacity', text: '1601' },
        { stageId: id('gone'), field: 'capacity', text: '5' },
      ]),
    ).toThrow(/Stage "gone" no longer exists/);
    expect(m.stages[1]?.capacity).toBe('1500');
  });
});
