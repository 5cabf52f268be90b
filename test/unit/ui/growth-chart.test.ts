import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/analysis/analyze';
import { growthOf, type Growth } from '../../../src/lib/analysis/growth';
import { evaluateModel } from '../../../src/lib/engine/engine';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { Model, StageId } from '../../../src/lib/model/types';
import { tickLabel, valueScale } from '../../../src/lib/ui/growth/axes';
import { growthGeometry, nearestPoint } from '../../../src/lib/ui/growth/chart';
import { chartSummary, crossoverNote, pointText } from '../../../src/lib/ui/growth/growth-text';
import { CONSTRAINT_COLOUR, pileupGeometry } from '../../../src/lib/ui/growth/pileup';
import { model } from '../helpers';

const grow = (m: Model): Growth => {
  const evaluated = evaluateModel(m);
  return growthOf(m, evaluated, analyze(m, evaluated));
};
const reference = () => EXAMPLES.find((e) => e.id === 'reference')!.model();

/** A viral loop: 10 won a period outbound, K = 2 from period 3 on. */
const viral = (enabled: boolean) =>
  model([{ id: 'leads', arrivals: '50', conversion: '20%', value: '100' }], {
    period: 'week',
    horizon: 20,
    loop: { enabled, entry: 'leads', referrals: '10', lag: '2', market: '100000' },
  });

const size = { width: 600, height: 300, period: 'week' as const, currency: 'USD' };

/** Every number in an SVG path's `d`. */
const numbers = (d: string) => (d.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);

describe('growth chart geometry', () => {
  it('draws both modes on one scale from 0, the chosen mode strong and last', () => {
    const g = grow(viral(true));
    const geo = growthGeometry(g.push, g.pull, { ...size, mode: 'pull', measure: 'customers' });
    expect(geo.lines.map((l) => [l.mode, l.strong])).toEqual([
      ['push', false],
      ['pull', true],
    ]);
    const flipped = growthGeometry(g.push, g.pull, { ...size, mode: 'push', measure: 'customers' });
    expect(flipped.lines.map((l) => [l.mode, l.strong])).toEqual([
      ['pull', false],
      ['push', true],
    ]);
    // Every point stays inside the plot.
    for (const line of geo.lines) {
      const xy = numbers(line.d);
      for (let i = 0; i < xy.length; i += 2) {
        expect(xy[i]).toBeGreaterThanOrEqual(geo.plot.left - 1e-6);
        expect(xy[i]).toBeLessThanOrEqual(geo.plot.right + 1e-6);
        expect(xy[i + 1]).toBeGreaterThanOrEqual(geo.plot.top - 1e-6);
        expect(xy[i + 1]).toBeLessThanOrEqual(geo.plot.bottom + 1e-6);
      }
    }
    // Pull ends higher on the page (smaller y) than push.
    expect(geo.lines[1]!.end.y).toBeLessThan(geo.lines[0]!.end.y);
    expect(geo.points).toHaveLength(20);
    expect(geo.points[19]!.pull).toBe(g.pull.periods[19]!.customers);
    expect(geo.points[19]!.push).toBe(g.push.periods[19]!.customers);
  });

  it('labels the axes with their units and marks the crossover', () => {
    const g = grow(viral(true));
    const geo = growthGeometry(g.push, g.pull, { ...size, mode: 'pull', measure: 'customers' });
    expect(geo.xLabel).toBe('Weeks');
    expect(geo.yLabel).toBe('Customers (cumulative)');
    expect(geo.crossover?.t).toBe(g.pull.crossover);
    expect(g.pull.crossover).not.toBeNull();
    expect(geo.crossover?.x).toBeCloseTo(geo.points[g.pull.crossover! - 1]!.x, 9);
    expect(geo.xTicks[0]?.label).toBe('2');
    expect(geo.yTicks[0]).toMatchObject({ label: '0', at: geo.plot.bottom });
    const money = growthGeometry(g.push, g.pull, {
      ...size,
      mode: 'pull',
      measure: 'throughput_money',
    });
    expect(money.yLabel).toBe('Throughput (USD per week)');
    expect(money.yTicks[0]?.label).toBe('$0');
    expect(money.yTicks.at(-1)?.label).toMatch(/^\$[\d.]+K$/);
  });

  it('keeps the Push and Pull labels apart when the curves end close together', () => {
    const g = grow(reference());
    const geo = growthGeometry(g.push, g.pull, { ...size, mode: 'push', measure: 'customers' });
    const [a, b] = geo.lines;
    expect(Math.abs(a!.end.y - b!.end.y)).toBeLessThan(13);
    expect(Math.abs(a!.labelY - b!.labelY)).toBeGreaterThanOrEqual(13);
    // Pull ends above push, and so does its label.
    const pull = geo.lines.find((l) => l.mode === 'pull')!;
    const push = geo.lines.find((l) => l.mode === 'push')!;
    expect(pull.labelY).toBeLessThan(push.labelY);
  });

  it('finds the period nearest the pointer', () => {
    const g = grow(viral(false));
    const geo = growthGeometry(g.push, g.pull, { ...size, mode: 'push', measure: 'active' });
    expect(nearestPoint(geo.points, geo.points[4]!.x + 1)).toBe(4);
    expect(nearestPoint(geo.points, -100)).toBe(0);
    expect(nearestPoint(geo.points, 1e6)).toBe(19);
    expect(nearestPoint([], 10)).toBe(-1);
  });

  it('keeps a flat zero curve on the axis (no division by a zero range)', () => {
    const g = grow(model([{ id: 'a' }], { horizon: 3 }));
    const geo = growthGeometry(g.push, g.pull, { ...size, mode: 'push', measure: 'customers' });
    expect(geo.points.every((p) => p.yPush === geo.plot.bottom)).toBe(true);
    expect(geo.yTicks.length).toBeGreaterThan(1);
  });
});

describe('axes', () => {
  it('writes short tick labels, money with its currency', () => {
    expect(tickLabel(1200, { kind: 'count' })).toBe('1.2K');
    expect(tickLabel(950, { kind: 'count' })).toBe('950');
    expect(tickLabel(25_000, { kind: 'money', currency: 'EUR' })).toBe('€25K');
    expect(tickLabel(3, { kind: 'money', currency: 'XYZ' })).toMatch(/3/);
  });

  it('rounds the value axis up to a round number', () => {
    const { y } = valueScale(94.3, { left: 0, right: 100, top: 0, bottom: 100 }, { kind: 'count' });
    expect(y.domain()).toEqual([0, 100]);
  });
});

describe('growth chart text', () => {
  it('says when the loop overtakes outbound, and when it does not', () => {
    const g = grow(viral(true));
    expect(crossoverNote(g, 'week')).toBe(
      `From week ${g.pull.crossover} through week 20 the loop brings in more customers than outbound does, every week.`,
    );
    const r = grow(reference());
    expect(crossoverNote(r, 'month')).toBe(
      'No crossover within 24 months: outbound brings in at least as many customers as the loop every month.',
    );
    const none = grow(model([{ id: 'a', arrivals: '5' }], { loop: { entry: null } }));
    expect(crossoverNote(none, 'month')).toMatch(/choose the stage referred leads enter/);
  });

  it('describes a point and the whole chart', () => {
    const g = grow(viral(false));
    const geo = growthGeometry(g.push, g.pull, { ...size, mode: 'push', measure: 'customers' });
    expect(pointText(geo.points[0]!, 'customers', 'week', 'USD')).toBe(
      'Week 1 · pull 10 customers · push 10 customers',
    );
    expect(chartSummary(g, 'customers', 'week', 'USD')).toMatch(
      /^After 20 weeks: pull [\d,]+ customers \([\d.]+× push\), push 200 customers\. From week \d+/,
    );
  });
});

describe('pileup chart geometry', () => {
  it('draws the constraint’s growing queue first, in amber, and leaves stages that never queue out', () => {
    const m = reference();
    const g = grow(m);
    const geo = pileupGeometry(g.push, {
      stages: m.stages,
      constraint: ['contact' as StageId],
      width: 500,
      height: 260,
      period: 'month',
      currency: 'USD',
    });
    expect(geo.series[0]).toMatchObject({
      id: 'contact',
      colour: CONSTRAINT_COLOUR,
      constraint: true,
    });
    // 300 more each month: 7,200 after 24 months (PRODUCT.md: 1,800 after 6).
    expect(geo.series[0]!.last).toBe(7200);
    expect(geo.series.map((s) => s.id)).toEqual(['contact']);
    expect(geo.more).toEqual([]);
    expect(geo.queueLabel).toBe('Queue (items)');
    expect(geo.moneyLabel).toBe('Inventory (USD)');
    expect(geo.moneyPlot.top).toBeGreaterThan(geo.queuePlot.bottom);
    // The reference chain has no cost per item: nothing to draw below.
    expect(geo.inventory).toBe(false);
  });

  it('draws at most five queues and names the rest', () => {
    const stages = Array.from({ length: 7 }, (_, i) => ({
      id: `s${i}`,
      arrivals: String(100 * (i + 1)),
      capacity: '10',
    }));
    const m = model(stages, { horizon: 6 });
    const geo = pileupGeometry(grow(m).push, {
      stages: m.stages,
      constraint: [],
      width: 500,
      height: 260,
      period: 'month',
      currency: 'USD',
    });
    expect(geo.series.map((s) => s.id)).toEqual(['s6', 's5', 's4', 's3', 's2']);
    expect(geo.more).toEqual(['s1', 's0']);
    expect(new Set(geo.series.map((s) => s.colour)).size).toBe(5);
  });
});
