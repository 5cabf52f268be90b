import { describe, expect, it } from 'vitest';
import { reuseRows } from '../../../src/lib/ui/grid/reuse';
import type { GridRow } from '../../../src/lib/ui/grid/types';
import { sameConstraint, sameFlow, sameLinks } from '../../../src/lib/ui/sankey/kept-inputs';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { setFunnelCell } from '../../../src/lib/model/cell-edits';
import { analyzeModel } from '../helpers';

const row = (key: string, display: string): GridRow => ({
  key,
  attr: key,
  cells: [{ display, raw: display }],
});

describe('reuseRows', () => {
  it('keeps the previous object of a row that shows the same, and takes changed rows', () => {
    const before = [row('a', '1'), row('b', '2')];
    const next = [row('a', '1'), row('b', '3'), row('c', '4')];
    const kept = reuseRows(before, next);
    expect(kept[0]).toBe(before[0]);
    expect(kept[1]).toBe(next[1]);
    expect(kept[2]).toBe(next[2]);
  });

  it('treats a change of highlight or warning as a change', () => {
    const before = [row('a', '1')];
    expect(reuseRows(before, [{ ...row('a', '1'), highlight: 'Constraint' }])[0]).not.toBe(
      before[0],
    );
    const warned = { ...row('a', '1'), cells: [{ display: '1', raw: '1', warning: 'too high' }] };
    expect(reuseRows(before, [warned])[0]).toBe(warned);
  });
});

describe('sameLinks', () => {
  it('keeps the array while only numbers change, and follows renames and links', () => {
    const model = EXAMPLES[0]!.model();
    const first = sameLinks([], model.stages);
    const edited = setFunnelCell(model, 0, 'arrivals', '5000');
    expect(sameLinks(first, edited.stages)).toBe(first);
    const renamed = setFunnelCell(model, 0, 'name', 'Accounts');
    expect(sameLinks(first, renamed.stages)).not.toBe(first);
    expect(sameLinks(first, renamed.stages)[0]).toEqual({
      id: 'accounts',
      name: 'Accounts',
      next: 'worked',
    });
  });
});

describe('sameFlow and sameConstraint', () => {
  const reference = () => EXAMPLES.find((e) => e.id === 'reference')!.model();
  const final = (m: ReturnType<typeof reference>) => m.stages.length - 1;

  it('keep what the Sankey draws while only money changes', () => {
    const model = reference();
    const before = analyzeModel(model);
    const flow = sameFlow(null, before.flow);
    const constraint = sameConstraint(null, before.constraint);
    expect(flow).toEqual({ stages: before.flow.stages });
    expect(constraint).toEqual({ kind: 'stage', stages: ['contact'], overproduction: [] });
    const priced = analyzeModel(setFunnelCell(model, final(model), 'value', '99999'));
    expect(priced.flow.money).not.toBe(before.flow.money);
    expect(sameFlow(flow, priced.flow)).toBe(flow);
    expect(sameConstraint(constraint, priced.constraint)).toBe(constraint);
  });

  it('take the new flow and constraint when a stage’s numbers or the binding stages change', () => {
    const model = reference();
    const before = analyzeModel(model);
    const flow = sameFlow(null, before.flow);
    const constraint = sameConstraint(null, before.constraint);
    const widened = analyzeModel(setFunnelCell(model, 1, 'capacity', '3000'));
    expect(sameFlow(flow, widened.flow)).toEqual({ stages: widened.flow.stages });
    expect(sameFlow(flow, widened.flow)).not.toBe(flow);
    expect(sameConstraint(constraint, widened.constraint)).toEqual({
      kind: 'stage',
      stages: ['meeting'],
      overproduction: [],
    });
    expect(sameFlow(flow, null)).toBeNull();
    expect(sameConstraint(constraint, null)).toBeNull();
  });
});
