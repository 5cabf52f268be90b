import { applyCapacitySuggestion } from '../../io/crm/capacity';
import { importCrm } from '../../io/crm/import';
import { describeCrm, MAX_CRM_BYTES } from '../../io/crm/plan';
import type { CrmFile, CrmOptions, CrmPlan, CrmResult } from '../../io/crm/types';
import { describeCsv, type CsvDescription, type CsvOptions } from '../../io/csv/read';
import { ImportError, toImportError } from '../../io/errors';
import type { PasteOptions } from '../../io/paste';
import type { Model } from '../../model/types';
import { chooseKind, HEAD_BYTES, type ImportKind } from './kinds';
import { readPreview, type ModelPreview } from './readers';

/** Where an import stands: nothing chosen, reading, a preview ready, failed, or cancelled. */
export type ImportStatus = 'idle' | 'reading' | 'ready' | 'failed' | 'cancelled';

/** The user's corrections of a CRM import: {@link CrmOptions} without progress and cancel. */
export type CrmChoices = Omit<CrmOptions, 'signal' | 'onProgress' | 'maxBytes'>;

/**
 * One run of the Import dialog: the files (or pasted text) chosen, what they
 * were read as, the user's corrections, and the preview of the model they
 * give. Nothing here touches the open model: {@link ImportSession.model} is
 * what "Open as new model" opens. Every correction re-runs the import; a new
 * run cancels the one before.
 */
export class ImportSession {
  /** The chosen files, in funnel order for a CRM export. */
  files: File[] = $state.raw([]);
  /** SankeyMATIC text typed or pasted into the dialog (used when no file is chosen). */
  text = $state('');
  kind: ImportKind | null = $state(null);
  /** Why the files were read as {@link kind}, or why they cannot be imported. */
  kindReason = $state('');
  /** The user's corrections of a CRM import. */
  choices: CrmChoices = $state.raw({});
  /** The user's corrections of a table of stages (header, columns). */
  table: Pick<PasteOptions, 'header' | 'columns'> = $state.raw({});
  /** The name to give the new model; blank keeps the imported one. */
  name = $state('');
  /** Per CSV file, what was detected (also when the CRM layout could not be told). */
  descriptions: (CsvDescription | null)[] = $state.raw([]);
  plan: CrmPlan | null = $state.raw(null);
  crm: CrmResult | null = $state.raw(null);
  preview: ModelPreview | null = $state.raw(null);
  /** Per capacity suggestion of {@link crm}: whether the user accepted it (never by default). */
  accepted: boolean[] = $state([]);
  status: ImportStatus = $state('idle');
  /** Bytes read and their total while a CRM export streams. */
  progress: { read: number; total: number | null } | null = $state(null);
  /** What went wrong, in the importer's words (what was found, what was expected). */
  error: string | null = $state(null);

  #controller: AbortController | null = null;
  #run = 0;
  /** `status` layout: the status values of the stages, in the order last read (names may be edited). */
  #statuses: string[] | null = null;

  /** The model "Open as new model" opens: the preview, accepted capacities applied, renamed. */
  get model(): Model | null {
    let model = this.crm?.model ?? this.preview?.model ?? null;
    if (!model || this.status !== 'ready') return null;
    this.crm?.capacity.forEach((suggestion, i) => {
      if (this.accepted[i] && model) model = applyCapacitySuggestion(model, suggestion);
    });
    const name = this.name.trim();
    return name === '' ? model : { ...model, name };
  }

  /**
   * Takes newly chosen or dropped files: tells what they are and reads them.
   *
   * @param add keep the files already chosen and add these after them (more CSV files of an export)
   */
  async choose(files: readonly File[], add = false): Promise<void> {
    this.files = add ? [...this.files, ...files] : [...files];
    this.text = '';
    await this.#filesChanged();
  }

  /** Moves a file up (-1) or down (+1) in funnel order. */
  async move(index: number, by: -1 | 1): Promise<void> {
    const to = index + by;
    if (to < 0 || to >= this.files.length) return;
    const files = [...this.files];
    [files[index], files[to]] = [files[to] as File, files[index] as File];
    this.files = files;
    await this.#filesChanged();
  }

  /** Removes a file. */
  async remove(index: number): Promise<void> {
    this.files = this.files.filter((_, i) => i !== index);
    await this.#filesChanged();
  }

  /** Reads SankeyMATIC text typed or pasted into the dialog (instead of files). */
  async useText(text: string): Promise<void> {
    this.#reset();
    this.files = [];
    this.text = text;
    this.kind = text.trim() === '' ? null : 'sankeymatic';
    this.kindReason = this.kind ? 'Pasted SankeyMATIC text.' : '';
    if (this.kind) await this.run();
  }

  /** Reads a single CSV file as a CRM export or as a table of stages, as the user says. */
  async readAs(kind: 'crm' | 'grid'): Promise<void> {
    if (this.kind === kind) return;
    this.kind = kind;
    this.kindReason =
      kind === 'crm'
        ? 'Read as a CRM export, as you chose.'
        : 'Read as a table of stages, as you chose.';
    this.choices = {};
    this.table = {};
    await this.run();
  }

  /** Corrects CRM choices (layout, period, columns…) and re-runs the import. */
  async correct(patch: Partial<CrmChoices>): Promise<void> {
    this.choices = { ...this.choices, ...patch };
    await this.run();
  }

  /**
   * Moves stage k up (-1) or down (+1) in funnel order: its file (`joined`,
   * which starts the corrections afresh), its date column (`dated`) or its
   * status (`status`); a name the user gave moves with its stage.
   */
  async moveStage(k: number, by: -1 | 1): Promise<void> {
    const crm = this.crm;
    const to = k + by;
    if (!crm || to < 0 || to >= crm.stages.length) return;
    if (crm.plan.layout === 'joined') return this.move(k, by);
    const swap = <T>(list: readonly T[]): T[] => {
      const out = [...list];
      [out[k], out[to]] = [out[to] as T, out[k] as T];
      return out;
    };
    const names = this.choices.stages;
    const stages = names
      ? swap(Array.from({ length: crm.stages.length }, (_, i) => names[i]))
      : undefined;
    await this.correct(
      crm.plan.layout === 'dated'
        ? { stageColumns: swap(crm.plan.stageColumns), stages }
        : { statusOrder: swap(this.#statuses ?? crm.stages.map((x) => x.name)), stages },
    );
  }

  /** Corrects how one CSV file is read (encoding, delimiter, header, a column's role or date format). */
  async correctFile(index: number, patch: CsvOptions): Promise<void> {
    const csv = [...(this.choices.csv ?? [])];
    while (csv.length < this.files.length) csv.push(undefined);
    const before = csv[index] ?? {};
    csv[index] = {
      ...before,
      ...patch,
      columns: { ...before.columns, ...patch.columns },
    };
    await this.correct({ csv });
  }

  /** Corrects how a table of stages is read (its header row, what each column is). */
  async correctTable(patch: Pick<PasteOptions, 'header' | 'columns'>): Promise<void> {
    this.table = { ...this.table, ...patch };
    await this.run();
  }

  /** Stops a running import; what is open stays as it was. */
  cancel(): void {
    this.#controller?.abort();
    if (this.status !== 'reading') return;
    this.#run++;
    this.status = 'cancelled';
    this.progress = null;
  }

  /** Forgets everything (the dialog closed or the model was opened). */
  clear(): void {
    this.#reset();
    this.files = [];
    this.text = '';
    this.kind = null;
    this.kindReason = '';
  }

  #reset(): void {
    this.#controller?.abort();
    this.#run++;
    this.#statuses = null;
    this.choices = {};
    this.table = {};
    this.name = '';
    this.descriptions = [];
    this.plan = null;
    this.crm = null;
    this.preview = null;
    this.accepted = [];
    this.status = 'idle';
    this.progress = null;
    this.error = null;
  }

  async #filesChanged(): Promise<void> {
    const files = this.files;
    this.#reset();
    this.kind = null;
    this.kindReason = '';
    if (files.length === 0) return;
    const run = this.#run;
    this.status = 'reading';
    const heads = await Promise.all(
      files.map(async (f) => ({
        name: f.name,
        size: f.size,
        head: new Uint8Array(await f.slice(0, HEAD_BYTES).arrayBuffer()),
      })),
    );
    if (run !== this.#run) return;
    const choice = chooseKind(heads);
    this.kind = choice.kind;
    this.kindReason = choice.reason;
    if (choice.kind === null) {
      this.status = 'failed';
      this.error = choice.reason;
      return;
    }
    await this.run();
  }

  /** Reads what was chosen with the current corrections; the preview replaces the last one. */
  async run(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const run = ++this.#run;
    const current = () => run === this.#run;
    this.status = 'reading';
    this.error = null;
    this.progress = null;
    this.crm = null;
    this.preview = null;
    try {
      if (this.kind === 'crm') {
        await this.#runCrm(controller.signal, current);
      } else if (this.kind !== null) {
        const source = this.files[0] ?? this.text;
        const preview = await readPreview(this.kind, source, this.table, controller.signal);
        if (!current()) return;
        this.preview = preview;
      }
      if (current()) this.status = 'ready';
    } catch (error) {
      if (!current()) return;
      const failure = error instanceof ImportError ? error : toImportError(error);
      this.status = failure.cancelled ? 'cancelled' : 'failed';
      this.error = failure.cancelled ? null : failure.message;
    } finally {
      if (current()) this.progress = null;
    }
  }

  async #runCrm(signal: AbortSignal, current: () => boolean): Promise<void> {
    const files: CrmFile[] = this.files.map((f) => ({ name: f.name, source: f }));
    const options: CrmOptions = { ...this.choices, signal };
    try {
      const plan = await describeCrm(files, options);
      if (!current()) return;
      this.plan = plan;
      this.descriptions = plan.files;
    } catch (error) {
      if (current()) await this.#describeEach(files, signal);
      throw error;
    }
    const result = await importCrm(files, {
      ...options,
      onProgress: (read, total) => {
        if (current()) this.progress = { read, total };
      },
    });
    if (!current()) return;
    this.crm = result;
    this.plan = result.plan;
    if (result.plan.layout !== 'status') this.#statuses = null;
    else if (!this.choices.stages) this.#statuses = result.stages.map((x) => x.name);
    this.accepted = result.capacity.map(() => false);
  }

  /** Describes each file on its own, so a plan that failed still shows what each file holds. */
  async #describeEach(files: CrmFile[], signal: AbortSignal): Promise<void> {
    const found = await Promise.all(
      files.map((f, i) =>
        describeCsv(f.source, {
          file: f.name,
          maxBytes: MAX_CRM_BYTES,
          signal,
          ...(this.choices.csv?.[i] && { csv: this.choices.csv[i] }),
        }).catch(() => null),
      ),
    );
    this.plan = null;
    this.descriptions = found;
  }
}
