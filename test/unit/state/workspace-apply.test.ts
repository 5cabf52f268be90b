import { describe, expect, it, vi } from 'vitest';
import type { CellChange } from '../../../src/lib/analysis/trial';
import { setFunnelCell } from '../../../src/lib/model/cell-edits';
import type { StageId } from '../../../src/lib/model/types';
import { Workspace } from '../../../src/lib/state/workspace.svelte';
import { model } from '../helpers';
import { localCompute } from './local-compute';

const funnel = (capacity: string) =>
  model(
    [
      { id: 'lead', arrivals: '5000', capacity: '3000', conversion: '20%', next: 'demo' },
      { id: 'demo', name: 'Demo', capacity, conversion: '30%' },
    ],
    { assumptions: [{ name: 'AEs', value: '4', note: '' }] },
  );
const elevate: CellChange[] = [
  { stageId: 'demo' as StageId, field: 'capacity', value: 2000, text: '2000' },
];

describe('Workspace.apply', () => {
  it('changes the assumption under =AEs*50, says so with Undo, and Undo restores it in one step', async () => {
    const w = new Workspace(localCompute(), funnel('=AEs*50'));
    expect(await w.apply(elevate)).toBe('applied');
    expect(w.model.stages[1]?.capacity).toBe('=AEs*50');
    expect(w.model.assumptions[0]?.value).toBe('40');
    expect(w.notice?.text).toBe('Applied: AEs 4 → 40 (Demo capacity =AEs*50 now gives 2000).');
    expect(w.notice?.action?.label).toBe('Undo');
    w.notice?.action?.run();
    expect(w.model.assumptions[0]?.value).toBe('4');
    expect(w.canUndo).toBe(false);
    expect(w.notice).toBeNull();
  });

  it('asks before overwriting a formula that rests on more than one thing, and Cancel keeps it', async () => {
    const w = new Workspace(localCompute(), funnel('=AEs*C2/100'));
    expect(await w.apply(elevate)).toBe('confirm');
    expect(w.model.stages[1]?.capacity).toBe('=AEs*C2/100');
    expect(w.pendingApply?.plan.steps[0]).toMatchObject({ kind: 'overwrite', address: 'E3' });
    w.cancelApply();
    expect(w.pendingApply).toBeNull();
    expect(w.canUndo).toBe(false);
  });

  it('overwrites once confirmed, as one undo step with the notice', async () => {
    const w = new Workspace(localCompute(), funnel('=AEs*C2/100'));
    await w.apply(elevate);
    expect(w.confirmApply()).toBe('applied');
    expect(w.model.stages[1]?.capacity).toBe('2000');
    expect(w.notice?.text).toBe('Applied: Demo capacity =AEs*C2/100 → 2000.');
    w.undo();
    expect(w.model.stages[1]?.capacity).toBe('=AEs*C2/100');
  });

  it('refuses a confirmation once the model has moved on', async () => {
    const w = new Workspace(localCompute(), funnel('=AEs*C2/100'));
    await w.apply(elevate);
    w.edit((m) => setFunnelCell(m, 0, 'arrivals', '6000'));
    expect(w.confirmApply()).toBe('refused');
    expect(w.model.stages[1]?.capacity).toBe('=AEs*C2/100');
    expect(w.notice?.kind).toBe('error');
  });

  it("keeps a later edit when the notice's Undo comes after it", async () => {
    const w = new Workspace(localCompute(), funnel('200'));
    await w.apply(elevate);
    const undo = w.notice?.action;
    w.edit((m) => setFunnelCell(m, 0, 'arrivals', '6000'));
    undo?.run();
    expect(w.model.stages[0]?.arrivals).toBe('6000');
    expect(w.model.stages[1]?.capacity).toBe('2000');
    await vi.waitFor(() => expect(w.pending).toBe(false));
  });
});
