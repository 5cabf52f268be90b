import { describe, expect, it } from 'vitest';
import { modelFileText } from '../../../src/lib/io/model-file';
import { evaluateModel } from '../../../src/lib/engine/engine';
import { gridToCsv } from '../../../src/lib/io/sheet-export';
import { chooseKind, looksLikeGrid, type FileHead } from '../../../src/lib/state/transfer/kinds';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { analyzeModel } from '../helpers';
import { fixture } from '../io/io-helpers';

const head = (name: string, content: string | Uint8Array): FileHead => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, head: bytes, size: bytes.length };
};
const reference = () => EXAMPLES.find((e) => e.id === 'reference')!.model();

describe('chooseKind: what dropped or chosen files are', () => {
  it('reads one model, workbook or SankeyMATIC file as that', () => {
    expect(chooseKind([head('m.json', modelFileText(reference()))]).kind).toBe('model');
    expect(chooseKind([head('book.xlsx', new Uint8Array([0x50, 0x4b, 3, 4]))]).kind).toBe('xlsx');
    expect(chooseKind([head('flow.txt', fixture('sankeymatic/budget.txt'))]).kind).toBe(
      'sankeymatic',
    );
  });

  it("tells the grid's own CSV from a CRM export", () => {
    const model = reference();
    const csv = gridToCsv(model, analyzeModel(model).flow, evaluateModel(model));
    expect(chooseKind([head('grid.csv', csv)])).toEqual({
      kind: 'grid',
      reason: expect.stringMatching(/^grid\.csv has a header naming stage columns/),
    });
    expect(chooseKind([head('deals.csv', fixture('crm/status-deals.csv'))]).kind).toBe('crm');
    const two = chooseKind([
      head('joined-leads.csv', fixture('crm/joined-leads.csv')),
      head('joined-deals.csv', fixture('crm/joined-deals.csv')),
    ]);
    expect(two).toEqual({ kind: 'crm', reason: expect.stringMatching(/^2 CSV files/) });
  });

  it('does not take a CRM table with stage and value columns for a grid (its stages repeat)', () => {
    const crm = 'Stage,Value,Owner\nNew,100,ann\nWon,200,bob\nNew,50,ann\n';
    expect(looksLikeGrid(head('crm.csv', crm))).toBe(false);
    const grid = 'Stage,Value\nNew,100\nWon,200\n';
    expect(looksLikeGrid(head('grid.csv', grid))).toBe(true);
  });

  it('ignores a row the head cut in two', () => {
    const text = 'Stage,Arrivals\nLeads,100\nMeet';
    expect(looksLikeGrid({ ...head('g.csv', text), size: text.length + 100 })).toBe(true);
  });

  it('refuses mixed and unknown files with a reason naming them', () => {
    const mixed = chooseKind([
      head('m.json', '{}'),
      head('deals.csv', fixture('crm/status-deals.csv')),
    ]);
    expect(mixed.kind).toBeNull();
    expect(mixed.reason).toBe(
      'Found m.json (a model file), deals.csv (a CSV table); expected one model, workbook or SankeyMATIC file at a time, or only CSV files of a CRM export.',
    );
    const image = chooseKind([head('logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]))]);
    expect(image).toEqual({
      kind: null,
      reason: expect.stringMatching(/^logo\.png is not a file Bottleneck reads; expected/),
    });
    expect(chooseKind([]).kind).toBeNull();
  });
});
