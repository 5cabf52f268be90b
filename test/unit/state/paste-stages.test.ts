import { describe, expect, it } from 'vitest';
import { emptyModel } from '../../../src/lib/model/defaults';
import { pasteStages } from '../../../src/lib/state/transfer/paste';
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
