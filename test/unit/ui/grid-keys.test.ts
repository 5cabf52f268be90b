import { describe, expect, it } from 'vitest';
import { editIntent, navIntent, type KeyPress } from '../../../src/lib/ui/grid/keys';
import { move, rectOf, at } from '../../../src/lib/ui/grid/selection';
import { parseTsv, toTsv } from '../../../src/lib/ui/grid/tsv';
import { copyBlock, pasteBlock } from '../../../src/lib/ui/grid/clipboard';

const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('grid keyboard map', () => {
  it.each([
    [key('ArrowDown'), { kind: 'move', dr: 1, dc: 0, extend: false }],
    [key('ArrowLeft', { shiftKey: true }), { kind: 'move', dr: 0, dc: -1, extend: true }],
    [key('Tab'), { kind: 'tab', by: 1 }],
    [key('Tab', { shiftKey: true }), { kind: 'tab', by: -1 }],
    [key('Home', { ctrlKey: true }), { kind: 'jump', to: 'firstCell', extend: false }],
    [key('End', { ctrlKey: true }), { kind: 'jump', to: 'lastCell', extend: false }],
    [key('End', { metaKey: true, shiftKey: true }), { kind: 'jump', to: 'lastCell', extend: true }],
    [key('PageDown'), { kind: 'page', by: 1, extend: false }],
    [key('PageUp', { shiftKey: true }), { kind: 'page', by: -1, extend: true }],
    [key('ArrowDown', { altKey: true }), { kind: 'openList' }],
    [key('F10', { shiftKey: true }), { kind: 'rowMenu' }],
    [key('ContextMenu'), { kind: 'rowMenu' }],
    [key('F10'), { kind: 'none' }],
    [key('Enter'), { kind: 'edit', initial: 'keep' }],
    [key('F2'), { kind: 'edit', initial: 'keep' }],
    [key('7'), { kind: 'edit', initial: '7' }],
    [key('='), { kind: 'edit', initial: '=' }],
    [key('Delete'), { kind: 'clear' }],
    [key('Backspace'), { kind: 'clear' }],
    [key('d', { ctrlKey: true }), { kind: 'fillDown' }],
    [key('d', { metaKey: true }), { kind: 'fillDown' }],
    [key('a', { ctrlKey: true }), { kind: 'selectAll' }],
    [key('ArrowUp', { altKey: true, shiftKey: true }), { kind: 'moveRows', by: -1 }],
    [key('=', { ctrlKey: true, altKey: true }), { kind: 'insertRow' }],
    [key('-', { ctrlKey: true, altKey: true }), { kind: 'deleteRows' }],
    [key('ArrowDown', { ctrlKey: true }), { kind: 'jump', to: 'last', extend: false }],
    [key('Home'), { kind: 'jump', to: 'rowStart', extend: false }],
    [key('Escape'), { kind: 'collapse' }],
    [key('c', { ctrlKey: true }), { kind: 'none' }],
    [key('z', { ctrlKey: true }), { kind: 'none' }],
    [key('Shift', { shiftKey: true }), { kind: 'none' }],
  ])('%j → %j', (press, intent) => {
    expect(navIntent(press)).toEqual(intent);
  });

  it('commits with Enter (down), Shift+Enter (up) and Tab (right) while editing', () => {
    expect(editIntent(key('Enter'), false)).toEqual({ kind: 'commit', dr: 1, dc: 0 });
    expect(editIntent(key('Enter', { shiftKey: true }), false)).toEqual({
      kind: 'commit',
      dr: -1,
      dc: 0,
    });
    expect(editIntent(key('Tab'), false)).toEqual({ kind: 'commit', dr: 0, dc: 1 });
    expect(editIntent(key('Escape'), true)).toEqual({ kind: 'cancel' });
  });

  it('lets arrows commit only when editing began by typing', () => {
    expect(editIntent(key('ArrowRight'), true)).toEqual({ kind: 'commit', dr: 0, dc: 1 });
    expect(editIntent(key('ArrowRight'), false)).toEqual({ kind: 'none' });
  });
});

describe('selection', () => {
  it('moves and extends within the grid', () => {
    const s = move(at({ row: 0, col: 0 }), 5, 5, 3, 4);
    expect(s.focus).toEqual({ row: 2, col: 3 });
    const extended = move(s, -1, -1, 3, 4, true);
    expect(rectOf(extended)).toEqual({ rows: [1, 2], cols: [2, 3] });
  });
});

describe('tab-separated clipboard text', () => {
  it('splits rows and cells, with quoted cells as Sheets writes them', () => {
    expect(parseTsv('a\tb\r\nc\t"x\ty ""q"""\n')).toEqual([
      ['a', 'b'],
      ['c', 'x\ty "q"'],
    ]);
    expect(parseTsv('1\t\t3')).toEqual([['1', '', '3']]);
  });

  it('round-trips', () => {
    const rows = [
      ['Leads', '2,000', '=A1*2'],
      ['multi\nline', 'tab\there', 'quote "x"'],
    ];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });

  it('pastes back the raw cells (formulas) of this app’s own last copy', () => {
    const text = copyBlock([['200']], [['=AEs*50']], { row: 1, col: 4 });
    expect(pasteBlock(text, { row: 1, col: 4 })).toEqual([['=AEs*50']]);
    expect(pasteBlock(`${text}\r\n`, { row: 3, col: 4 })).toEqual([['=AEs*50']]);
    expect(pasteBlock('300', { row: 1, col: 4 })).toEqual([['300']]);
  });

  it('moves a copied formula’s relative references as far as the block moved', () => {
    const text = copyBlock([['800', '2,000']], [['=C2*0.4', '=$C$2']], { row: 1, col: 4 });
    expect(pasteBlock(text, { row: 3, col: 4 })).toEqual([['=C4*0.4', '=$C$2']]);
    expect(pasteBlock(text, { row: 1, col: 5 })).toEqual([['=D2*0.4', '=$C$2']]);
  });

  it('pastes a cut block’s formulas as written', () => {
    const text = copyBlock([['800']], [['=C2*0.4']], null);
    expect(pasteBlock(text, { row: 3, col: 4 })).toEqual([['=C2*0.4']]);
  });
});
