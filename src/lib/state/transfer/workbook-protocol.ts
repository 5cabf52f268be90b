import type { ModelProblem } from '../../model/errors';
import type { Model } from '../../model/types';
import type { GridImport } from '../../io/sheet-import';
import type { TableColumn } from '../../io/sheet/headers';

/** What the page asks the workbook worker: read these bytes as a table of stages. */
export interface WorkbookRequest {
  /** The .xlsx file's bytes (transferred, not copied). */
  bytes: Uint8Array;
  /** The file's name, for messages. */
  file: string;
  /** The user's corrections of the header row and the columns. */
  header?: boolean;
  columns?: TableColumn[];
  /** The model the stages go into (its settings where the workbook has none). */
  base: Model;
}

/** An {@link ImportError}'s fields, as they cross from the worker to the page. */
export interface WorkbookFailure {
  message: string;
  file?: string;
  cancelled: boolean;
  internal: boolean;
  problems: readonly ModelProblem[];
}

/** The worker's answer: the import (as {@link importXlsx} returns it), or why it failed. */
export type WorkbookResponse =
  { ok: true; read: GridImport } | { ok: false; error: WorkbookFailure };
