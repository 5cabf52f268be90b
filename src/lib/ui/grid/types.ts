/** How a grid column's cells are edited. */
export type ColumnKind = 'text' | 'cell' | 'choice' | 'computed';

/** One column of a {@link SheetGrid}. */
export interface GridColumn {
  /** Field name, written to `data-field` on every cell. */
  key: string;
  /** The header users (and assistive technology) read. */
  header: string;
  kind: ColumnKind;
  /** Spreadsheet letter shown above the header, for A1 references; absent for computed columns. */
  letter?: string;
  /** Right-align numbers. */
  numeric?: boolean;
  /** Width in px. */
  width: number;
  /** Explains the column on hover. */
  help?: string;
}

/** One cell as the grid shows it. */
export interface GridCell {
  /** What the cell shows when not editing. */
  display: string;
  /** What the editor starts with (the raw text, e.g. a formula). */
  raw: string;
  /** What copy puts on the clipboard for other apps (a plain value); defaults to `display`. */
  copy?: string;
  /** The cell holds a formula (shown with a marker). */
  formula?: boolean;
  /** Shown dim: a blank cell's default meaning, e.g. "100%" or "∞". */
  placeholder?: boolean;
  /** A formula error or text where a number belongs: shown red, explained on focus. */
  error?: string;
  /** An out-of-range value: shown amber, explained on focus. */
  warning?: string;
  /** This cell's own computation in words, shown in the formula bar instead of the column's help ("2,000 ÷ 200 = 1,000%"). */
  explain?: string;
  /** Emphasis for computed values (pileup > 0, overload). */
  tone?: 'alert' | 'strong';
}

/** One row of a {@link SheetGrid}. */
export interface GridRow {
  /** Stable key (stage id, or assumption index). */
  key: string;
  /** Written to every cell as `data-<rowAttr>` (e.g. `data-stage="worked"`). */
  attr: string;
  cells: GridCell[];
  /** Marks the row (the constraint). */
  highlight?: string;
}

/** An option of a `choice` cell: the value committed and the label shown. */
export interface Choice {
  value: string;
  label: string;
}

/** The data attribute that names a grid's rows: `data-stage` (Funnel) or `data-assumption`. */
export type RowAttr = 'stage' | 'assumption';

/**
 * The cell being edited: where, the editor's starting text, whether editing
 * began by typing over the cell, the options of a `choice` cell, and whether
 * the text starts selected (so typing replaces it: a new row's name).
 */
export interface CellEdit {
  row: number;
  col: number;
  text: string;
  typing: boolean;
  choices: Choice[];
  selectAll: boolean;
}
