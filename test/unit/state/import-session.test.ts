import { describe, expect, it, vi } from 'vitest';
import { analyze } from '../../../src/lib/analysis/analyze';
import { evaluateModel } from '../../../src/lib/engine/engine';
import { modelFileText } from '../../../src/lib/io/model-file';
import { gridToXlsx } from '../../../src/lib/io/xlsx';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { ImportSession } from '../../../src/lib/state/transfer/import-session.svelte';
import { fixture, olistBytes } from '../io/io-helpers';

const file = (name: string, bytes: Uint8Array<ArrayBuffer> | string) => new File([bytes], name);
/** A file whose slices take a timer tick to read, as in a browser (Node's resolve at once). */
function slow(f: File): File {
  return new (class extends File {
    override slice(start?: number, end?: number): Blob {
      const part = f.slice(start, end);
      return Object.assign(part, {
        arrayBuffer: () =>
          new Promise<ArrayBuffer>((resolve) =>
            setTimeout(() => resolve(Blob.prototype.arrayBuffer.call(part)), 20),
          ),
      });
    }
  })([f], f.name);
}
const olist = () => [
  file('marketing_qualified_leads.csv', olistBytes('marketing_qualified_leads.csv')),
  file('closed_deals.csv', olistBytes('closed_deals.csv')),
];

describe('ImportSession: a CRM export', () => {
  it('reads the Olist pair as a joined export with 11 channels and offers, never sets, capacity', async () => {
    const s = new ImportSession();
    await s.choose(olist());
    expect(s.status).toBe('ready');
    expect(s.kind).toBe('crm');
    expect(s.plan?.layout).toBe('joined');
    expect(s.descriptions.map((d) => d?.delimiter.delimiter)).toEqual([',', ',']);
    expect(s.crm?.stages.map((x) => x.count)).toEqual([8000, 842]);
    expect(s.crm?.channels).toHaveLength(11);
    expect(s.crm?.capacity.map((c) => c.capacity)).toEqual([207]);
    expect(s.accepted).toEqual([false]);
    expect(s.model?.stages.find((x) => x.id === 'closed_deals')?.capacity).toBe('');
    s.accepted[0] = true;
    const accepted = s.model;
    expect(accepted?.stages.find((x) => x.id === 'closed_deals')?.capacity).toBe('=busiest_month');
    expect(accepted?.assumptions.find((a) => a.name === 'busiest_month')?.value).toBe('207');
  });

  it('re-runs with corrections: no channel split, stage names, the model name', async () => {
    const s = new ImportSession();
    await s.choose(olist());
    await s.correct({ channel: null, stages: [{ name: 'MQLs' }, { name: 'Closed won' }] });
    expect(s.status).toBe('ready');
    expect(s.crm?.channels).toBeNull();
    expect(s.model?.stages.map((x) => [x.id, x.name, x.next])).toEqual([
      ['mqls', 'MQLs', 'closed_won'],
      ['closed_won', 'Closed won', null],
    ]);
    s.name = 'Olist funnel';
    expect(s.model?.name).toBe('Olist funnel');
  });

  it('corrects how a file is read: a wrong delimiter gives a clear message and keeps the detection', async () => {
    const s = new ImportSession();
    await s.choose(olist());
    await s.correctFile(1, { delimiter: ';' });
    expect(s.status).toBe('failed');
    expect(s.model).toBeNull();
    expect(s.error).toMatch(
      /^closed_deals\.csv: shares no id column with marketing_qualified_leads\.csv; expected a column such as "mql_id" in both files[^]*read as one column/,
    );
    expect(s.descriptions.map((d) => d?.columns.length)).toEqual([4, 1]);
    await s.correctFile(1, { delimiter: ',' });
    expect(s.status).toBe('ready');
  });

  it("moves a status table's stages, and a name the user gave moves with its stage", async () => {
    const s = new ImportSession();
    await s.choose([file('deals.csv', fixture('crm/status-deals.csv'))]);
    expect(s.crm?.stages.map((x) => x.name)).toEqual([
      'New',
      'Contacted',
      'Meeting booked',
      'Closed Won',
    ]);
    await s.correct({ stages: [undefined, { name: 'Reached' }] });
    await s.moveStage(1, 1);
    expect(s.status).toBe('ready');
    expect(s.crm?.stages.map((x) => x.name)).toEqual([
      'New',
      'Meeting booked',
      'Reached',
      'Closed Won',
    ]);
    expect(s.crm?.warnings.join(' ')).not.toMatch(/Stage order guessed/);
  });

  it("moves a dated table's stage columns", async () => {
    const s = new ImportSession();
    await s.choose([file('pipeline.csv', fixture('crm/dated-pipeline.csv'))]);
    const before = s.plan?.stageColumns ?? [];
    await s.moveStage(0, 1);
    expect(s.plan?.stageColumns).toEqual([before[1], before[0], ...before.slice(2)]);
  });

  it('reorders and removes files', async () => {
    const s = new ImportSession();
    const [leads, deals] = olist() as [File, File];
    await s.choose([deals]);
    await s.choose([leads], true);
    expect(s.files.map((f) => f.name)).toEqual([
      'closed_deals.csv',
      'marketing_qualified_leads.csv',
    ]);
    await s.move(1, -1);
    expect(s.files.map((f) => f.name)).toEqual([
      'marketing_qualified_leads.csv',
      'closed_deals.csv',
    ]);
    expect(s.crm?.stages.map((x) => x.count)).toEqual([8000, 842]);
    await s.remove(0);
    expect(s.files.map((f) => f.name)).toEqual(['closed_deals.csv']);
  });

  it('reports progress while it streams, and cancels: nothing to open, no error', async () => {
    const s = new ImportSession();
    const running = s.choose(olist().map(slow));
    await vi.waitFor(() => expect(s.progress?.read).toBeGreaterThan(0), { interval: 1 });
    expect(s.progress?.total).toBe(711_837 + 167_921);
    expect(s.status).toBe('reading');
    s.cancel();
    await running;
    expect(s.status).toBe('cancelled');
    expect(s.error).toBeNull();
    expect(s.model).toBeNull();
    expect(s.progress).toBeNull();
  });

  it('cancels while it tells what the files are', async () => {
    const s = new ImportSession();
    const running = s.choose(olist());
    s.cancel();
    await running;
    expect(s.status).toBe('cancelled');
    expect(s.crm).toBeNull();
  });

  it('says what was found and expected for an empty or binary file', async () => {
    const s = new ImportSession();
    await s.choose([file('leads.csv', '')]);
    expect(s.status).toBe('failed');
    expect(s.error).toBe(
      'leads.csv: the file is empty (0 bytes); expected CSV text with a header row.',
    );
    await s.choose([file('deals.csv', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 1, 2, 0]))]);
    expect(s.error).toMatch(/^deals\.csv: this is a PDF[^]*expected a CSV export/);
    expect(s.model).toBeNull();
  });
});

describe('ImportSession: other files', () => {
  const reference = () => EXAMPLES.find((e) => e.id === 'reference')!.model();

  it('previews a model file as it is', async () => {
    const s = new ImportSession();
    await s.choose([file('ref.json', modelFileText(reference()))]);
    expect(s.kind).toBe('model');
    expect(s.model).toEqual(reference());
  });

  it('reads a single CRM-looking CSV as a table of stages when the user says so', async () => {
    const s = new ImportSession();
    await s.choose([file('stages.csv', 'Stage,Count\nLeads,1000\nDeals,50\n')]);
    expect(s.kind).toBe('crm');
    await s.readAs('grid');
    expect(s.status).toBe('ready');
    expect(s.model?.stages.map((x) => [x.name, x.arrivals, x.conversion])).toEqual([
      ['Leads', '1000', '=50/1000'],
      ['Deals', '', ''],
    ]);
    expect(s.model?.name).toBe('stages');
  });

  it('reads a workbook the Export menu wrote as the same model', async () => {
    const model = reference();
    const flow = analyze(model, evaluateModel(model)).flow;
    const s = new ImportSession();
    await s.choose([file('ref.xlsx', new Uint8Array(await gridToXlsx(model, flow)))]);
    expect(s.kind).toBe('xlsx');
    expect(s.status).toBe('ready');
    expect(s.model).toEqual(model);
  });

  it('refuses a workbook too large to read before reading it', async () => {
    const s = new ImportSession();
    const huge = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'huge.xlsx');
    Object.defineProperty(huge, 'size', { value: 50 * 1024 * 1024 });
    await s.choose([huge]);
    expect(s.error).toBe('huge.xlsx: is 50.0 MB; a workbook is read up to 20.0 MB.');
  });

  it('reads pasted SankeyMATIC text', async () => {
    const s = new ImportSession();
    await s.useText('Leads [100] Meetings\nLeads [900] Lost at Leads\nMeetings [100] Won\n');
    expect(s.status).toBe('ready');
    expect(s.model?.stages.map((x) => x.name)).toEqual(['Leads', 'Meetings', 'Won']);
  });

  it('refuses a broken model file with its problem, and nothing to open', async () => {
    const s = new ImportSession();
    await s.choose([
      file('broken.json', '{"format": "bottleneck-model", "version": 1, "stages": ['),
    ]);
    expect(s.status).toBe('failed');
    expect(s.error).toMatch(
      /^broken\.json: This is not a Bottleneck model: the text is not valid JSON/,
    );
    expect(s.model).toBeNull();
  });
});
