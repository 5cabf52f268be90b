import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { applyCapacitySuggestion } from '../lib/io/crm/capacity';
import { importCrm } from '../lib/io/crm/import';
import type { CrmFile, CrmOptions, CrmResult } from '../lib/io/crm/types';
import { ImportError } from '../lib/io/errors';
import { stringifyModel } from '../lib/io/model-json';
import { PERIODS, type Period } from '../lib/model/types';
import { CliError, EXIT, InputError, UsageError, type Command } from './command';
import { printable } from './io';

/*
 * `bottleneck import-crm FILE [FILE…]`: the app's own CRM importer
 * (src/lib/io/crm) on files streamed from disk, so a 100 MB export never
 * sits in memory whole. The model it prints opens in the app as it is.
 */

/**
 * A file on disk as a CRM file the importer can read twice (detection, then
 * the counts), named by its base name: stage names come from it
 * (`closed_deals.csv` → "Closed deals"), and so do the importer's messages.
 */
async function crmFile(path: string): Promise<CrmFile> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError(`${path}: not a file.`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `${path}: no such file.` : `${path}: cannot read it (${code ?? error}).`,
    );
  }
  return { name: basename(path), source: () => createReadStream(path) };
}

/** A rate as a percentage with one decimal: 0.1053 → `10.5 %`. */
const percent = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)} %` : '—');
const count = (n: number) => n.toLocaleString('en-US');

/** The import for people: stages, channels, the observed capacity on offer. */
export function describeImport(result: CrmResult, applied: boolean): string {
  const { stages, channels, periods, plan, capacity, model } = result;
  const width = Math.max(...stages.map((s) => s.name.length), 5);
  const lines = [
    `${model.name}: ${plan.layout} export, ${periods.label} (${count(periods.count)} ${plan.period}${periods.count === 1 ? '' : 's'})`,
    '',
    ...stages.map((s, k) => {
      const before = stages[k - 1];
      const conversion = before ? `  ${percent(s.count, before.count)} of ${before.name}` : '';
      return `  ${s.name.padEnd(width)}  ${count(s.count).padStart(9)}${conversion}`;
    }),
  ];
  if (channels) {
    const label = Math.max(...channels.map((c) => c.label.length));
    lines.push('', `Channels from "${plan.channel}":`);
    for (const c of channels) {
      const [first = 0] = c.counts;
      const last = c.counts[c.counts.length - 1] ?? 0;
      lines.push(
        `  ${c.label.padEnd(label)}  ${c.counts.map((n) => count(n).padStart(7)).join(' →')}  ${percent(last, first)}`,
      );
    }
  }
  for (const c of capacity) {
    lines.push(
      '',
      c.message,
      applied
        ? 'Set as the stage’s capacity (--observed-capacity).'
        : 'Pass --observed-capacity to set it.',
    );
  }
  lines.push('', 'Print the model with --json.');
  // Stage and channel names come straight from the CSV files.
  return printable(lines.join('\n'));
}

/** The `import-crm` command. */
export const importCrmCommand: Command = {
  name: 'import-crm',
  positionals: ['FILE'],
  repeats: true,
  synopsis:
    '[--channel COLUMN | --no-channel] [--period P] [--name NAME] [--observed-capacity] [--json]',
  summary: 'a funnel from a CRM export: CSV files in funnel order, or one table',
  help: `Builds a funnel from a CRM export, as the app's Import dialog does: either
several CSV files in funnel order (leads, then deals), each joined to the one
before on a shared id column, or one table with a stage/status column, or one
table with a date column per stage. The delimiter, encoding, header, id, date
and channel columns are detected from the data; each channel becomes a source
stage with its own counts and conversion, merging downstream.

Options:
  --channel COLUMN     the channel column of the first file (default: detected,
                       e.g. "origin")
  --no-channel         no channel split
  --period P           count arrivals per ${PERIODS.join(', ')} (default month)
  --name NAME          the model's name
  --observed-capacity  set each stage's capacity to the most it processed in one
                       period (offered only where a rep/owner column says people
                       did the work; never set without this option)
  --json               print the model (format 1 JSON) instead of a summary
  -h, --help           show this help

Warnings go to stderr. A file that is missing, empty, binary, mis-delimited,
or that does not join is reported on stderr, naming the file (exit 1).`,
  options: {
    channel: { type: 'string' },
    'no-channel': { type: 'boolean' },
    period: { type: 'string' },
    name: { type: 'string' },
    'observed-capacity': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, { warn }) {
    if (values.channel !== undefined && values['no-channel']) {
      throw new UsageError('give --channel COLUMN or --no-channel, not both.');
    }
    const period = values.period;
    if (period !== undefined && !PERIODS.includes(period as Period)) {
      throw new UsageError(`--period "${String(period)}": expected one of ${PERIODS.join(', ')}.`);
    }
    const files = await Promise.all(positionals.map(crmFile));
    const options: CrmOptions = {
      ...(typeof values.channel === 'string' && { channel: values.channel }),
      ...(values['no-channel'] === true && { channel: null }),
      ...(typeof period === 'string' && { period: period as Period }),
      ...(typeof values.name === 'string' && { modelName: values.name }),
    };
    let result: CrmResult;
    try {
      result = await importCrm(files, options);
    } catch (error) {
      if (error instanceof ImportError && !error.internal) throw new InputError(error.message);
      if (error instanceof ImportError) throw new CliError(error.message, EXIT.internal);
      throw error;
    }
    for (const warning of result.warnings) warn(warning);
    const applied = values['observed-capacity'] === true;
    const model = applied
      ? result.capacity.reduce((m, c) => applyCapacitySuggestion(m, c), result.model)
      : result.model;
    return values.json === true
      ? stringifyModel(model, true)
      : describeImport({ ...result, model }, applied);
  },
};
