import { describe, expect, it } from 'vitest';
import { emptyModel } from '../../../src/lib/model/defaults';
import { restoreModel } from '../../../src/lib/model/restore';
import { seedExample } from '../../../src/lib/model/examples/seed';
import { pasteIntoFunnel, pasteStages } from '../../../src/lib/state/transfer/paste';
import { Workspace } from '../../../src/lib/state/workspace.svelte';
import { localCompute } from './local-compute';

const SHEET = 'Stage\tReached\tCapacity\nLeads\t2,000\t\nMeetings\t500\t35%\nWon\t50\t40\n';

describe('pasting a table into a model with no stages', () => {
  it('gives stages with names, numbers and percentages in one undoable edit', () => {
    const w = new Workspace(localCompute(), emptyModel('Q3 plan'));
    expect(pasteStages(w, SHEET)).toBe('changed');
    expect(w.model.name).toBe('Q3 plan');
    expect(w.model.stages.map((s) => [s.name, s.arrivals, s.conversion, s.next])).toEqual([
      ['Leads', '2,000', '=500/2000', 'meetings'],
      ['Meetings', '', '=50/500', 'won'],
      ['Won', '', '', null],
    ]);
    expect(w.model.stages.map((s) => s.capacity)).toEqual(['', '35%', '40']);
    expect(w.notice).toEqual({ kind: 'info', text: 'Read 3 stages from the pasted table.' });
    w.undo();
    expect(w.model.stages).toEqual([]);
  });

  it('refuses text that is not a table with a notice and changes nothing', () => {
    const w = new Workspace(localCompute(), emptyModel());
    const before = w.model;
    expect(pasteStages(w, '  \n ')).toBe('refused');
    expect(w.model).toBe(before);
    expect(w.notice).toEqual({
      kind: 'error',
      text: 'The pasted table: is empty; expected rows of stages, one per line.',
    });
    expect(w.canUndo).toBe(false);
  });
});

describe('pasting cells into the Funnel grid', () => {
  const seeded = () => new Workspace(localCompute(), restoreModel(structuredClone(seedExample)));

  it('pastes the rest when a "Feeds into" names no stage, and says which, with the text', () => {
    const w = seeded();
    const flagged = pasteIntoFunnel(w, 1, 1, [
      ['Nowhere', '300'],
      ['', '40'],
    ]);
    expect(w.model.stages.map((s) => [s.next, s.arrivals])).toEqual([
      ['worked', '2000'],
      ['meetings', '300'],
      ['won', '40'],
      [null, ''],
    ]);
    expect(flagged).toEqual([
      {
        row: 1,
        stage: 'worked',
        kept: 'meetings',
        text: 'Nowhere',
        reason: '"Feeds into": no stage is called "Nowhere".',
      },
    ]);
    expect(w.notice).toEqual({
      kind: 'error',
      text: 'Pasted, but one cell was left as it was (marked in red). Row 3: "Feeds into": no stage is called "Nowhere".',
    });
    w.undo();
    expect(w.model.stages[1]?.arrivals).toBe('');
  });

  it('counts the cells past the third it lists', () => {
    const w = seeded();
    const flagged = pasteIntoFunnel(w, 0, 1, [['a'], ['b'], ['c'], ['Qualified accounts']]);
    expect(flagged.map((f) => f.text)).toEqual(['a', 'b', 'c', 'Qualified accounts']);
    expect(w.notice?.text).toMatch(
      /^Pasted, but 4 cells were left as they were \(marked in red\)\. Row 2: .* Row 4: .*"c"\. And 1 more\.$/,
    );
  });

  it('says nothing when everything was pasted', () => {
    const w = seeded();
    expect(pasteIntoFunnel(w, 0, 1, [['Meetings']])).toEqual([]);
    expect(w.model.stages[0]?.next).toBe('meetings');
    expect(w.notice).toBeNull();
  });
});
