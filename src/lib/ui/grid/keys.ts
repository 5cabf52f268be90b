/*
 * The grid's keyboard map, as a pure function from a key press to an intent,
 * so the spreadsheet behaviour is testable without a browser. Modelled on
 * Google Sheets and Excel: arrows move, Shift extends, Enter or F2 edits,
 * typing replaces, Delete clears, Ctrl/Cmd+D fills down, Ctrl+Home/End go to
 * the first/last cell, PageUp/PageDown a page of rows, Alt+↓ opens a list
 * cell, Shift+F10 (or the context-menu key) opens the row's menu. Tab moves
 * along a row and out of the grid at either end (no keyboard trap).
 */

/** The parts of a KeyboardEvent the map reads. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** What a key press asks the grid to do while no cell is being edited. */
export type NavIntent =
  | { kind: 'move'; dr: number; dc: number; extend: boolean }
  | {
      kind: 'jump';
      to: 'rowStart' | 'rowEnd' | 'first' | 'last' | 'firstCell' | 'lastCell';
      extend: boolean;
    }
  /** PageUp (-1) or PageDown (+1): a page of rows up or down. */
  | { kind: 'page'; by: -1 | 1; extend: boolean }
  /** Tab (+1) or Shift+Tab (-1): along the row, out of the grid at its ends. */
  | { kind: 'tab'; by: -1 | 1 }
  /** Alt+↓: open a list cell's options. */
  | { kind: 'openList' }
  /** Shift+F10 or the context-menu key: the active row's menu. */
  | { kind: 'rowMenu' }
  | { kind: 'edit'; initial: 'keep' | string }
  | { kind: 'clear' }
  | { kind: 'fillDown' }
  | { kind: 'selectAll' }
  | { kind: 'collapse' }
  | { kind: 'insertRow' }
  | { kind: 'deleteRows' }
  | { kind: 'moveRows'; by: -1 | 1 }
  | { kind: 'none' };

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** Maps a key press on a selected (not editing) cell to an intent. */
export function navIntent(e: KeyPress): NavIntent {
  const mod = e.ctrlKey || e.metaKey;
  const arrow = ARROWS[e.key];
  if (arrow && e.altKey && e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
    return { kind: 'moveRows', by: e.key === 'ArrowUp' ? -1 : 1 };
  }
  if (arrow && !e.altKey) {
    if (mod) {
      const to =
        e.key === 'ArrowUp'
          ? 'first'
          : e.key === 'ArrowDown'
            ? 'last'
            : e.key === 'ArrowLeft'
              ? 'rowStart'
              : 'rowEnd';
      return { kind: 'jump', to, extend: e.shiftKey };
    }
    return { kind: 'move', dr: arrow[0], dc: arrow[1], extend: e.shiftKey };
  }
  if (e.altKey && !mod && !e.shiftKey && e.key === 'ArrowDown') return { kind: 'openList' };
  if (mod && !e.altKey && (e.key === 'Home' || e.key === 'End')) {
    return { kind: 'jump', to: e.key === 'Home' ? 'firstCell' : 'lastCell', extend: e.shiftKey };
  }
  if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey && !mod && !e.altKey)) {
    return { kind: 'rowMenu' };
  }
  if (mod && e.altKey && (e.key === '=' || e.key === '+')) return { kind: 'insertRow' };
  if (mod && e.altKey && e.key === '-') return { kind: 'deleteRows' };
  if (mod && !e.altKey && e.key.toLowerCase() === 'd') return { kind: 'fillDown' };
  if (mod && !e.altKey && e.key.toLowerCase() === 'a') return { kind: 'selectAll' };
  if (mod || e.altKey) return { kind: 'none' };
  switch (e.key) {
    case 'Tab':
      return { kind: 'tab', by: e.shiftKey ? -1 : 1 };
    case 'PageUp':
    case 'PageDown':
      return { kind: 'page', by: e.key === 'PageUp' ? -1 : 1, extend: e.shiftKey };
    case 'Enter':
    case 'F2':
      return { kind: 'edit', initial: 'keep' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'clear' };
    case 'Home':
      return { kind: 'jump', to: 'rowStart', extend: e.shiftKey };
    case 'End':
      return { kind: 'jump', to: 'rowEnd', extend: e.shiftKey };
    case 'Escape':
      return { kind: 'collapse' };
  }
  if (e.key.length === 1) return { kind: 'edit', initial: e.key };
  return { kind: 'none' };
}

/** What a key press asks while a cell is being edited. */
export type EditIntent =
  { kind: 'commit'; dr: number; dc: number } | { kind: 'cancel' } | { kind: 'none' };

/**
 * Maps a key press inside the cell editor to an intent.
 *
 * @param typing true when editing began by typing over the cell ("enter
 *   mode": arrows commit and move, as in Excel); false after F2, Enter or a
 *   double click ("edit mode": arrows move the caret)
 */
export function editIntent(e: KeyPress, typing: boolean): EditIntent {
  switch (e.key) {
    case 'Enter':
      return e.altKey ? { kind: 'none' } : { kind: 'commit', dr: e.shiftKey ? -1 : 1, dc: 0 };
    case 'Tab':
      return { kind: 'commit', dr: 0, dc: e.shiftKey ? -1 : 1 };
    case 'Escape':
      return { kind: 'cancel' };
  }
  const arrow = ARROWS[e.key];
  if (arrow && typing && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey) {
    return { kind: 'commit', dr: arrow[0], dc: arrow[1] };
  }
  return { kind: 'none' };
}
