import { describe, expect, it } from 'vitest';
import { navigate, pastedSelection, rowActionCommand } from '../../../src/lib/ui/grid/navigate';
import { at } from '../../../src/lib/ui/grid/selection';

const block = { anchor: { row: 1, col: 2 }, focus: { row: 2, col: 3 } };

describe('grid navigation commands', () => {
  const ctx = (page: number, escaped = false) => ({ page, escaped });

  it('moves along a row with Tab and leaves the grid at its ends, never wrapping or sticking', () => {
    const tab = { kind: 'tab', by: 1 } as const;
    const back = { kind: 'tab', by: -1 } as const;
    expect(navigate(tab, at({ row: 1, col: 2 }), 4, 6)).toEqual({
      kind: 'select',
      selection: at({ row: 1, col: 3 }),
    });
    expect(navigate(tab, at({ row: 1, col: 5 }), 4, 6)).toEqual({ kind: 'leave', by: 1 });
    expect(navigate(back, at({ row: 1, col: 0 }), 4, 6)).toEqual({ kind: 'leave', by: -1 });
    expect(navigate(back, at({ row: 3, col: 1 }), 4, 6)).toEqual({
      kind: 'select',
      selection: at({ row: 3, col: 0 }),
    });
    // A block selection collapses to the cell Tab moves to.
    expect(navigate(tab, block, 4, 6)).toEqual({
      kind: 'select',
      selection: at({ row: 2, col: 4 }),
    });
  });

  it('leaves from any cell when Escape came just before Tab', () => {
    expect(navigate({ kind: 'tab', by: 1 }, at({ row: 1, col: 2 }), 4, 6, ctx(1, true))).toEqual({
      kind: 'leave',
      by: 1,
    });
    expect(navigate({ kind: 'tab', by: -1 }, at({ row: 1, col: 2 }), 4, 6, ctx(1, true))).toEqual({
      kind: 'leave',
      by: -1,
    });
  });

  it('pages by the rows in view, stopping at the first and last rows', () => {
    const page = (by: -1 | 1, extend = false) => ({ kind: 'page', by, extend }) as const;
    expect(navigate(page(1), at({ row: 2, col: 3 }), 40, 6, ctx(16))).toEqual({
      kind: 'select',
      selection: at({ row: 18, col: 3 }),
    });
    expect(navigate(page(1), at({ row: 30, col: 3 }), 40, 6, ctx(16))).toEqual({
      kind: 'select',
      selection: at({ row: 39, col: 3 }),
    });
    expect(navigate(page(-1, true), at({ row: 20, col: 3 }), 40, 6, ctx(16))).toEqual({
      kind: 'select',
      selection: { anchor: { row: 20, col: 3 }, focus: { row: 4, col: 3 } },
    });
    expect(navigate(page(-1), at({ row: 3, col: 0 }), 40, 6, ctx(0))).toEqual({
      kind: 'select',
      selection: at({ row: 2, col: 0 }),
    });
  });

  it('jumps to the first and last cells (Ctrl+Home, Ctrl+End)', () => {
    expect(navigate({ kind: 'jump', to: 'lastCell', extend: false }, block, 4, 6)).toEqual({
      kind: 'select',
      selection: at({ row: 3, col: 5 }),
    });
    expect(navigate({ kind: 'jump', to: 'firstCell', extend: true }, block, 4, 6)).toEqual({
      kind: 'select',
      selection: { anchor: block.anchor, focus: { row: 0, col: 0 } },
    });
  });

  it('opens the active row’s menu and a list cell', () => {
    expect(navigate({ kind: 'rowMenu' }, block, 4, 6)).toEqual({ kind: 'rowMenu', row: 2 });
    expect(navigate({ kind: 'openList' }, block, 4, 6)).toEqual({ kind: 'openList' });
  });

  it('turns row menu actions into commands, not moving past the edges', () => {
    expect(rowActionCommand('below', 1, 4)).toEqual({ kind: 'insertRows', at: 2, count: 1 });
    expect(rowActionCommand('above', 1, 4)).toEqual({ kind: 'insertRows', at: 1, count: 1 });
    expect(rowActionCommand('delete', 3, 4)).toEqual({ kind: 'deleteRows', at: 3, count: 1 });
    expect(rowActionCommand('down', 1, 4)).toMatchObject({ kind: 'moveRows', from: 1, to: 3 });
    expect(rowActionCommand('up', 1, 4)).toMatchObject({ kind: 'moveRows', from: 1, to: 0 });
    expect(rowActionCommand('up', 0, 4)).toBeNull();
    expect(rowActionCommand('down', 3, 4)).toBeNull();
  });

  it('jumps to row ends and grid edges, extending with Shift', () => {
    expect(
      navigate({ kind: 'jump', to: 'rowEnd', extend: false }, at({ row: 1, col: 1 }), 4, 6),
    ).toEqual({
      kind: 'select',
      selection: at({ row: 1, col: 5 }),
    });
    expect(
      navigate({ kind: 'jump', to: 'last', extend: true }, at({ row: 1, col: 1 }), 4, 6),
    ).toEqual({
      kind: 'select',
      selection: { anchor: { row: 1, col: 1 }, focus: { row: 3, col: 1 } },
    });
  });

  it('clears, fills down and deletes the selected rectangle', () => {
    expect(navigate({ kind: 'clear' }, block, 4, 6)).toEqual({
      kind: 'clear',
      rect: { rows: [1, 2], cols: [2, 3] },
    });
    expect(navigate({ kind: 'fillDown' }, block, 4, 6)).toMatchObject({ kind: 'fillDown' });
    expect(navigate({ kind: 'fillDown' }, at({ row: 1, col: 1 }), 4, 6)).toBeNull();
    expect(navigate({ kind: 'deleteRows' }, block, 4, 6)).toEqual({
      kind: 'deleteRows',
      at: 1,
      count: 2,
    });
    expect(navigate({ kind: 'insertRow' }, block, 4, 6)).toEqual({
      kind: 'insertRows',
      at: 3,
      count: 1,
    });
  });

  it('moves selected rows and the selection with them, not past the edges', () => {
    expect(navigate({ kind: 'moveRows', by: 1 }, block, 4, 6)).toEqual({
      kind: 'moveRows',
      from: 1,
      count: 2,
      to: 4,
      selection: { anchor: { row: 2, col: 2 }, focus: { row: 3, col: 3 } },
    });
    expect(navigate({ kind: 'moveRows', by: -1 }, block, 4, 6)).toMatchObject({
      from: 1,
      count: 2,
      to: 0,
    });
    expect(navigate({ kind: 'moveRows', by: -1 }, at({ row: 0, col: 0 }), 4, 6)).toBeNull();
    expect(navigate({ kind: 'moveRows', by: 1 }, at({ row: 3, col: 0 }), 4, 6)).toBeNull();
  });

  it('selects what a paste covered, cut to the grid’s columns', () => {
    expect(pastedSelection({ row: 2, col: 4 }, [['a', 'b', 'c'], ['d']], 6)).toEqual({
      anchor: { row: 2, col: 4 },
      focus: { row: 3, col: 5 },
    });
  });
});
