/**
 * A change to the rows of a grid, by 0-based row index.
 *
 * `move` takes `count` rows starting at `from` and puts them before the row
 * that was at index `to` (so moving row 0 down by one is `from 0, to 2`), the
 * convention HyperFormula's `moveRows` uses.
 */
export type RowChange<T> =
  | { kind: 'insert'; at: number; rows: T[] }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'move'; from: number; count: number; to: number };

/**
 * Applies a row change to a list, without mutating it.
 *
 * @throws RangeError when the change falls outside the list
 */
export function applyRowChange<T>(list: readonly T[], change: RowChange<T>): T[] {
  const out = [...list];
  switch (change.kind) {
    case 'insert':
      if (change.at < 0 || change.at > list.length)
        throw new RangeError('Insert position out of range.');
      out.splice(change.at, 0, ...change.rows);
      return out;
    case 'delete':
      if (change.at < 0 || change.count < 0 || change.at + change.count > list.length) {
        throw new RangeError('Rows to delete out of range.');
      }
      out.splice(change.at, change.count);
      return out;
    case 'move': {
      const { from, count, to } = change;
      if (from < 0 || count < 1 || from + count > list.length || to < 0 || to > list.length) {
        throw new RangeError('Rows to move out of range.');
      }
      if (to >= from && to <= from + count) return out;
      const moved = out.splice(from, count);
      out.splice(to > from ? to - count : to, 0, ...moved);
      return out;
    }
  }
}

/** True when a move leaves the list as it is. */
export function isNoOpMove(from: number, count: number, to: number): boolean {
  return to >= from && to <= from + count;
}
