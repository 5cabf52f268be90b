import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/lib/model/errors';
import { MIGRATIONS, migrate } from '../../../src/lib/model/migrations';
import { restoreModel, tryRestoreModel } from '../../../src/lib/model/restore';
import { serializeModel } from '../../../src/lib/model/serialize';
import { FORMAT_VERSION } from '../../../src/lib/model/version';
import { seedExample } from '../../../src/lib/model/examples/seed';

const fixtures = join(import.meta.dirname, '../../fixtures/models');
const errorOf = (input: unknown): ModelError => {
  const r = tryRestoreModel(input);
  if (r.ok) throw new Error('expected the document to be refused');
  return r.error;
};
const doc = (patch: Record<string, unknown> = {}) => ({
  ...structuredClone(seedExample),
  ...patch,
});

describe('restoreModel', () => {
  it('opens PRODUCT.md example and fills defaults', () => {
    const m = restoreModel(doc());
    expect(m.stages.map((s) => s.id)).toEqual(['accounts', 'worked', 'meetings', 'won']);
    expect(m.stages[0]?.conversion).toBe('');
    expect(m.stages[3]?.next).toBeNull();
    expect(m.notes.category).toBe('throughput');
  });

  it('fills every optional top-level field', () => {
    const m = restoreModel({
      format: 'bottleneck-model',
      version: 1,
      stages: [{ id: 'a', name: 'A' }],
    });
    expect(m).toMatchObject({
      name: 'Untitled model',
      period: 'month',
      horizon: 24,
      currency: 'USD',
    });
    expect(m.loop).toMatchObject({ enabled: false, entry: null, churn: '' });
    expect(m.assumptions).toEqual([]);
  });

  it('keeps JSON numbers as cell text', () => {
    const m = restoreModel({
      format: 'bottleneck-model',
      version: 1,
      stages: [{ id: 'a', name: 'A', arrivals: 2000 }],
    });
    expect(m.stages[0]?.arrivals).toBe('2000');
  });

  it('round-trips through serializeModel', () => {
    const m = restoreModel(doc());
    expect(restoreModel(JSON.parse(JSON.stringify(serializeModel(m))))).toEqual(m);
    expect(serializeModel(m).stages).toEqual(seedExample.stages);
  });

  it('names the stage and field of a bad cell', () => {
    const bad = doc();
    (bad.stages[1] as Record<string, unknown>).conversion = { pct: 10 };
    const e = errorOf(bad);
    expect(e.message).toBe(
      'Stage "Worked by AEs" (worked), field "conversion": must be a number or a formula written as text',
    );
    expect(e.problems[0]).toMatchObject({ stageId: 'worked', field: 'conversion', stageRow: 2 });
  });

  it('names a stage without a name by its row', () => {
    const e = errorOf({ format: 'bottleneck-model', version: 1, stages: [{ id: 'x' }] });
    expect(e.message).toMatch(/^Stage #1 \(x\), field "name": is required/);
  });

  it('refuses a next that points nowhere', () => {
    const bad = doc();
    bad.stages[0]!.next = 'workd';
    expect(errorOf(bad).message).toBe(
      'Stage "Qualified accounts" (accounts), field "next": no stage has the id "workd".',
    );
  });

  it('refuses duplicate ids', () => {
    const bad = doc();
    bad.stages[2]!.id = 'worked';
    expect(errorOf(bad).message).toMatch(/field "id": "worked" is already the id of stage #2/);
  });

  it('refuses a cycle and names it', () => {
    const bad = doc();
    (bad.stages[3] as Record<string, unknown>).next = 'worked';
    expect(errorOf(bad).message).toMatch(/worked → meetings → won → worked/);
  });

  it('refuses a loop entry that points nowhere', () => {
    const bad = doc({ loop: { enabled: true, entry: 'nope' } });
    expect(errorOf(bad).message).toBe('field "loop.entry": no stage has the id "nope".');
  });

  it.each([
    [null, /expected a JSON object/],
    [[1, 2], /expected a JSON object/],
    ['model', /expected a JSON object/],
    [{ stages: [] }, /"format" must be "bottleneck-model"/],
    [{ format: 'bottleneck-model', version: 2, stages: [] }, /newer Bottleneck \(format 2\)/],
    [
      { format: 'bottleneck-model', version: '1', stages: [] },
      /field "version": must be a whole number/,
    ],
    [{ format: 'bottleneck-model', version: 1 }, /field "stages"/],
    [
      { format: 'bottleneck-model', version: 1, stages: [], period: 'fortnight' },
      /field "period": must be one of day, week/,
    ],
    [
      { format: 'bottleneck-model', version: 1, stages: [], horizon: 0.5 },
      /^field "horizon": must be 1–520 periods \(a whole number\)$/,
    ],
    [
      { format: 'bottleneck-model', version: 1, stages: [], horizon: 1e9 },
      /^field "horizon": must be 1–520 periods \(a whole number\)$/,
    ],
    [
      { format: 'bottleneck-model', version: 1, stages: [], currency: 'dollars' },
      /field "currency"/,
    ],
    [
      {
        format: 'bottleneck-model',
        version: 1,
        stages: new Array(501).fill({ id: 'a', name: 'a' }),
      },
      /at most 500/,
    ],
  ])('refuses %j with a clear message', (input, message) => {
    expect(errorOf(input).message).toMatch(message);
  });

  it('ignores __proto__ keys instead of polluting prototypes', () => {
    const m = restoreModel(
      JSON.parse(
        '{"format":"bottleneck-model","version":1,"__proto__":{"polluted":1},"stages":[{"id":"a","name":"A","__proto__":{"x":1}}]}',
      ),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(m.stages[0]!)).not.toContain('__proto__');
  });
});

describe('migrations', () => {
  it('form one contiguous path to the current version', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.to).toBe(m.from + 1);
      if (i > 0) expect(m.from).toBe(MIGRATIONS[i - 1]!.to);
    });
    expect(MIGRATIONS.at(-1)?.to).toBe(FORMAT_VERSION);
  });

  it('runs every step from version 0', () => {
    expect(migrate({ version: 0, stages: [] }, 0).applied).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('does not touch its input', () => {
    const v0 = { version: 0, stages: [{ id: 'a', name: 'A', costPerItem: '1' }] };
    const copy = structuredClone(v0);
    migrate(v0, 0);
    expect(v0).toEqual(copy);
  });

  // Fixtures are kept forever: every old document must still open.
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.json'));
  it.each(files)('opens fixture %s as its expected model', (file) => {
    const { input, expected } = JSON.parse(readFileSync(join(fixtures, file), 'utf8'));
    expect(serializeModel(restoreModel(input))).toEqual(expected);
  });
});
