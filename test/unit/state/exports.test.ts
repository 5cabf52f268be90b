import { describe, expect, it } from 'vitest';
import { readModelFile } from '../../../src/lib/io/model-file';
import { fromSankeymatic } from '../../../src/lib/io/sankeymatic-import';
import { importGridCsv } from '../../../src/lib/io/sheet-import';
import { importXlsx } from '../../../src/lib/io/xlsx-import';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { evaluateModel } from '../../../src/lib/engine/engine';
import { analyze } from '../../../src/lib/analysis/analyze';
import {
  exportFile,
  modelFile,
  pictureName,
  settledResult,
} from '../../../src/lib/state/transfer/exports';
import { Workspace } from '../../../src/lib/state/workspace.svelte';
import { setFunnelCell } from '../../../src/lib/model/cell-edits';
import { localCompute } from './local-compute';

const reference = () => EXAMPLES.find((e) => e.id === 'reference')!.model();
const computed = () => {
  const model = reference();
  const evaluated = evaluateModel(model);
  return { model, evaluated, analysis: analyze(model, evaluated) };
};

describe('exportFile: the Export menu files', () => {
  it('names every file from the model and gives back the same model', async () => {
    const result = computed();
    const { model } = result;
    const json = modelFile(model);
    expect(json.name).toMatch(/^[a-z0-9-]+\.json$/);
    expect(await readModelFile(json.data, json.name)).toEqual(model);

    const csv = await exportFile('csv', result);
    expect(csv).toMatchObject({
      name: json.name.replace(/json$/, 'csv'),
      type: 'text/csv;charset=utf-8',
    });
    expect(importGridCsv(csv.data, { base: model }).model).toEqual(model);

    const xlsx = await exportFile('xlsx', result);
    expect(xlsx.name.endsWith('.xlsx')).toBe(true);
    expect((await importXlsx(xlsx.data as Uint8Array)).model).toEqual(model);
  });

  it('writes SankeyMATIC text with the constraint coloured', async () => {
    const text = (await exportFile('sankeymatic', computed())).data as string;
    expect(text).toMatch(/^:Contact #e15759$/m);
    const back = fromSankeymatic(text).model;
    expect(back.stages.map((s) => s.name)).toEqual(reference().stages.map((s) => s.name));
  });

  it('names pictures after the model', () => {
    const model = { ...reference(), name: 'Outbound — AE constrained' };
    expect(pictureName(model, 'sankey', 'png')).toBe('outbound-ae-constrained-sankey.png');
  });
});

describe('settledResult', () => {
  it('waits for the analysis of the latest edit', async () => {
    const w = new Workspace(localCompute(), reference());
    w.edit((m) => setFunnelCell(m, 1, 'capacity', '3000'));
    const result = await settledResult(w);
    expect(result.model).toBe(w.model);
    expect(result.analysis.constraint.stages).toEqual(['meeting']);
  });
});
