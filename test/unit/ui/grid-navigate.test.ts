import { describe, expect, it } from 'vitest';
import { navigate, pastedSelection } from '../../../src/lib/ui/grid/navigate';
import { at } from '../../../src/lib/ui/grid/selection';

const block = { anchor: { row: 1, col: 2 }, focus: { row: 2, col: 3 } };

describe('grid navigation commands', () => {
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
