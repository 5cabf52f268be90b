import { describe, expect, it, vi } from 'vitest';
import { setFunnelCell } from '../../../src/lib/model/cell-edits';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { Workspace } from '../../../src/lib/state/workspace.svelte';
import { localCompute } from './local-compute';

const reference = () => EXAMPLES.find((e) => e.id === 'reference')!.model();
const settled = async (w: Workspace) => vi.waitFor(() => expect(w.pending).toBe(false));

describe('Workspace', () => {
  it('analyses the opened model', async () => {
    const w = new Workspace(localCompute(), reference());
    await settled(w);
    expect(w.result?.analysis.constraint.stages).toEqual(['contact']);
  });

  it('makes every edit one undo step, and redo replays it', async () => {
    const w = new Workspace(localCompute(), reference());
    expect(w.edit((m) => setFunnelCell(m, 1, 'capacity', '3000'))).toBe('changed');
    await settled(w);
    expect(w.result?.analysis.constraint.stages).toEqual(['meeting']);
    expect(w.canUndo).toBe(true);
    w.undo();
    await settled(w);
    expect(w.model.stages[1]?.capacity).toBe('1500');
    expect(w.result?.analysis.constraint.stages).toEqual(['contact']);
    w.redo();
    expect(w.model.stages[1]?.capacity).toBe('3000');
    expect(w.canRedo).toBe(false);
  });

  it('turns a refused edit into a notice and keeps the model', () => {
    const w = new Workspace(localCompute(), reference());
    const before = w.model;
    expect(w.edit((m) => setFunnelCell(m, 0, 'name', ''))).toBe('refused');
    expect(w.model).toBe(before);
    expect(w.notice).toEqual({ kind: 'error', text: 'A stage needs a name.' });
    expect(w.canUndo).toBe(false);
  });

  it('reports an edit that changes nothing as unchanged, without an undo step', () => {
    const w = new Workspace(localCompute(), reference());
    expect(w.edit((m) => setFunnelCell(m, 1, 'capacity', '1500'))).toBe('unchanged');
    expect(w.canUndo).toBe(false);
  });

  it('moves rows with their formulas as one undoable step', async () => {
    const model = setFunnelCell(reference(), 1, 'arrivals', '=C2/10');
    const w = new Workspace(localCompute(), model);
    expect(
      await w.restructure({ sheet: 'funnel', change: { kind: 'move', from: 0, count: 1, to: 5 } }),
    ).toBe(true);
    expect(w.model.stages.map((s) => s.id)).toEqual([
      'contact',
      'reply',
      'meeting',
      'opportunity',
      'enrich',
    ]);
    expect(w.model.stages[0]?.arrivals).toBe('=C6/10');
    w.undo();
    expect(w.model.stages[0]?.id).toBe('enrich');
    expect(w.model.stages[1]?.arrivals).toBe('=C2/10');
  });

  it('brings the focusing steps of the same model after its numbers', async () => {
    const w = new Workspace(localCompute(), reference());
    expect([w.pending, w.focusPending]).toEqual([true, true]);
    await vi.waitFor(() => expect(w.focusPending).toBe(false));
    expect(w.focus?.analysis).toBe(w.result?.analysis);
    w.edit((m) => setFunnelCell(m, 1, 'capacity', '3000'));
    expect([w.pending, w.focusPending]).toEqual([true, true]);
    await vi.waitFor(() => expect(w.focusPending).toBe(false));
    expect(w.focus?.model).toBe(w.model);
    expect(
      w.focus?.focusing.kind === 'steps' && w.focus.focusing.identify.constraint.stages,
    ).toEqual(['meeting']);
  });

  it('only analyses the latest of several quick edits', async () => {
    const compute = localCompute();
    const w = new Workspace(compute, reference());
    for (const cap of ['1600', '1700', '1800', '1900'])
      w.edit((m) => setFunnelCell(m, 1, 'capacity', cap));
    await settled(w);
    expect(w.result?.model.stages[1]?.capacity).toBe('1900');
    expect(compute.requests).toBeLessThan(5);
  });

  it('tells subscribers about every change and why', () => {
    const w = new Workspace(localCompute(), reference());
    const seen: string[] = [];
    const stop = w.subscribe((m, cause) => seen.push(`${cause}:${m.stages[1]?.capacity}`));
    w.edit((m) => setFunnelCell(m, 1, 'capacity', '2000'));
    w.undo();
    w.redo();
    w.open(reference(), 'external');
    stop();
    w.edit((m) => setFunnelCell(m, 1, 'capacity', '10'));
    expect(seen).toEqual(['edit:2000', 'undo:1500', 'redo:2000', 'external:1500']);
    expect(w.canUndo).toBe(true);
  });
});
