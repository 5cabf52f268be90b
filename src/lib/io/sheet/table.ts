import { findCycle } from '../../model/graph';
import { LIMITS } from '../../model/limits';
import { isBlank, isFormula, parseNumberLiteral } from '../../model/number';
import { STAGE_NUMBER_FIELDS, type Assumption, type Stage, type StageId } from '../../model/types';
import { STAGE_FIELD_LABELS } from '../../model/fields';
import { fail, formatCount } from '../errors';
import { uniqueStageId } from '../../model/defaults';
import type { TableColumn, TableColumnChoice } from './headers';

/** Stages read from a table, and what was not right on the way. */
export interface TableStages {
  stages: Stage[];
  warnings: string[];
}

/** A stage id from a file: kept when it is a usable, unused id. */
const usableId = (id: string, taken: Set<string>) =>
  id !== '' && id.length <= LIMITS.id && /^\P{Cc}+$/u.test(id) && !taken.has(id);

/** A number cell from a file: a number literal or a formula, else blank with a warning. */
function numberCell(text: string, where: string, warnings: string[]): string {
  const t = text.trim();
  if (t === '') return '';
  if (t.length > LIMITS.cellText) {
    warnings.push(`${where}: longer than ${LIMITS.cellText} characters; left blank.`);
    return '';
  }
  if (isFormula(t) || parseNumberLiteral(t) !== null) return t;
  warnings.push(`${where}: "${t.slice(0, 40)}" is not a number or a formula; left blank.`);
  return '';
}

/** Volumes (items reaching each stage in turn) → arrivals of the first, conversions as ratios. */
function applyVolumes(
  stages: Stage[],
  volumes: (number | null)[],
  texts: string[],
  warnings: string[],
): void {
  stages.forEach((s, k) => {
    if (k === 0 && isBlank(s.arrivals)) s.arrivals = texts[0] ?? '';
    const here = volumes[k];
    const next = volumes[k + 1];
    if (k === stages.length - 1 || !isBlank(s.conversion) || here == null || next == null) return;
    if (here > 0) s.conversion = `=${next}/${here}`;
    else warnings.push(`"${s.name}": no items reached it, so its conversion is left blank.`);
  });
}

/** Resolves "Feeds into" names to ids; unknown names and cycles are dropped with a warning. */
function linkByName(stages: Stage[], nextNames: (string | null)[], warnings: string[]): void {
  const byName = new Map<string, StageId>();
  for (const s of [...stages].reverse()) byName.set(s.name.trim().toLowerCase(), s.id);
  stages.forEach((s, k) => {
    const target = nextNames[k]?.trim() ?? '';
    if (target === '') return;
    const id = byName.get(target.toLowerCase());
    if (id === undefined || id === s.id) {
      warnings.push(
        `"${s.name}" feeds into "${target}", which is ${id ? 'itself' : 'not a stage of the table'}; it ends the funnel instead.`,
      );
    } else s.next = id;
  });
  for (let cycle = findCycle(stages); cycle; cycle = findCycle(stages)) {
    const last = stages.find((s) => s.id === cycle?.[cycle.length - 1]) as Stage;
    warnings.push(
      `"Feeds into" goes round in a circle (${cycle.join(' → ')}); "${last.name}" ends the funnel instead.`,
    );
    last.next = null;
  }
}

/**
 * Builds stages from table rows: names are kept as text (never evaluated),
 * number cells must be number literals or formulas, "Feeds into" names the
 * next stage (without that column, rows feed each other in order), and a
 * volume column becomes arrivals of the first stage and conversions as
 * ratios (`=500/2000`).
 *
 * @param rows data rows (no header), cells as text
 * @param columns what each column is
 * @param file named in messages
 * @throws ImportError when there are no stages or more than a model holds
 */
export function tableToStages(
  rows: readonly string[][],
  columns: readonly TableColumnChoice[],
  file?: string,
): TableStages {
  const at = (c: TableColumn) => columns.find((x) => x.column === c)?.index;
  const nameAt = at('name');
  if (nameAt === undefined)
    fail(file, 'no column holds the stage names; expected a "Stage" column or a column of text.');
  const filled = rows.filter((r) => r.some((c) => c.trim() !== ''));
  if (filled.length === 0)
    fail(file, 'the table has no rows of stages; expected one row per stage.');
  if (filled.length > LIMITS.stages) {
    fail(
      file,
      `the table has ${formatCount(filled.length)} rows; a model holds at most ${LIMITS.stages} stages.`,
    );
  }
  const warnings: string[] = [];
  const taken = new Set<string>();
  const volumes: (number | null)[] = [];
  const volumeTexts: string[] = [];
  const nextNames: (string | null)[] = [];
  const stages = filled.map((row, k): Stage => {
    const cellAt = (i: number | undefined) => (i === undefined ? '' : (row[i] ?? ''));
    let name = cellAt(nameAt).trim().slice(0, LIMITS.name);
    if (name === '') {
      name = `Stage ${k + 1}`;
      warnings.push(`Row ${k + 1} has no stage name; it is called "${name}".`);
    }
    const wanted = cellAt(at('id')).trim();
    const id = (usableId(wanted, taken) ? wanted : uniqueStageId(name, taken)) as StageId;
    if (wanted !== '' && id !== wanted) {
      warnings.push(
        `"${name}": the id "${wanted.slice(0, 64)}" is ${taken.has(wanted) ? 'already taken' : 'not usable'}; it gets "${id}".`,
      );
    }
    taken.add(id);
    const stage = { id, name, next: null } as Stage;
    for (const f of STAGE_NUMBER_FIELDS) {
      stage[f] = numberCell(cellAt(at(f)), `"${name}", ${STAGE_FIELD_LABELS[f]}`, warnings);
    }
    const volume = numberCell(cellAt(at('volume')), `"${name}", count`, warnings);
    volumes.push(parseNumberLiteral(volume));
    volumeTexts.push(volume);
    nextNames.push(at('next') === undefined ? null : cellAt(at('next')));
    return stage;
  });
  if (at('next') === undefined) stages.forEach((s, k) => (s.next = stages[k + 1]?.id ?? null));
  else linkByName(stages, nextNames, warnings);
  if (at('volume') !== undefined) applyVolumes(stages, volumes, volumeTexts, warnings);
  return { stages, warnings };
}

/**
 * Rows of an assumptions table (Name, Value, Note; no header) as
 * assumptions, as a grid CSV or a workbook's Assumptions sheet holds them:
 * rows without a name are skipped, the rest kept up to the model's limit,
 * each text cut to its field's length.
 */
export function tableToAssumptions(rows: readonly string[][]): Assumption[] {
  return rows
    .filter((r) => (r[0] ?? '').trim() !== '')
    .slice(0, LIMITS.assumptions)
    .map((r) => ({
      name: (r[0] ?? '').trim().slice(0, LIMITS.name),
      value: (r[1] ?? '').trim().slice(0, LIMITS.cellText),
      note: (r[2] ?? '').slice(0, LIMITS.note),
    }));
}
