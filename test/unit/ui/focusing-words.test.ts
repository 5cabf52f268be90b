import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/analysis/analyze';
import { focusOf } from '../../../src/lib/analysis/growth';
import { evaluateModel } from '../../../src/lib/engine/engine';
import type { Model } from '../../../src/lib/model/types';
import { focusView, type FocusView } from '../../../src/lib/ui/focusing/steps';
import { summarize } from '../../../src/lib/ui/summary/summary';
import { model } from '../helpers';
import * as M from '../report/facts-models';

// The focusing steps' words where the old ones were false or disagreed with
// the summary (issue 9 items 4, 5 and 21).
const text = (parts: { text: string }[]) => parts.map((p) => p.text).join('');
function stepsOf(m: Model) {
  const analysis = analyze(m, evaluateModel(m));
  const v: FocusView = focusView(m, analysis, focusOf(analysis));
  if (v.kind !== 'steps') throw new Error(v.text);
  const says = (key: string) =>
    v.steps
      .find((s) => s.key === key)!
      .items.map((i) => text(i.text))
      .join('\n');
  return { v, says, summary: summarize(m, analysis) };
}

describe('focusing steps: words that must be true', () => {
  it('never says referred leads overload a stage in a model with no loop', () => {
    for (const m of [M.twoFunnels(), M.parallelTie(), M.overproduction()])
      expect(stepsOf(m).says('subordinate')).not.toMatch(/Referred leads/);
  });

  it('says referred leads alone overload a stage only where they do, and names it', () => {
    expect(stepsOf(M.pullSideChannel()).says('subordinate')).toMatch(
      /Roped to Outbound and Referrals\. Referred leads alone still overload a roped stage: 4\/mo pile up\.$/m,
    );
  });

  it('never says nothing piles up while items pile up (a tie, pull, a stage tied with demand)', () => {
    const tiedWithDemand = model([
      { id: 'cold', name: 'Cold', arrivals: '200', capacity: '100', conversion: '0%', next: 'won' },
      { id: 'inbound', name: 'Inbound', arrivals: '100', capacity: '100', next: 'won' },
      { id: 'won', name: 'Won' },
    ]);
    for (const m of [M.parallelTie(), M.pullSideChannel(), tiedWithDemand])
      expect(stepsOf(m).says('subordinate')).not.toMatch(/Nothing piles up/);
    expect(stepsOf(tiedWithDemand).says('subordinate')).toBe(
      'No binding stage piles up, so there is no rope to tie; Cold (100/mo): it piles up, yet more capacity there adds nothing.',
    );
  });

  it('never names a stage that converts 0 % as the one that binds first', () => {
    const m = model([
      { id: 'ads', name: 'Ads', arrivals: '100', capacity: '30', conversion: '10%', next: 'won' },
      { id: 'junk', name: 'Junk', arrivals: '50', capacity: '100', conversion: '0%', next: 'won' },
      { id: 'won', name: 'Won' },
    ]);
    const repeat = stepsOf(m).says('repeat');
    expect(repeat).toMatch(/^Next constraint: the market \(demand\)/);
    expect(repeat).not.toMatch(/Junk binds first/);
  });

  it('goes on from a stage at exactly 100 % load: exploit, elevate, and arrivals rising too', () => {
    const { says, summary } = stepsOf(M.exactLoad());
    expect(summary.kind).toBe('demand');
    expect(says('identify')).toMatch(/^Leads is the constraint, tied with demand/);
    expect(says('exploit')).toContain('Leads’ conversion 10% → 11% (+1 point): +1 Won/mo');
    expect(says('elevate')).toContain(
      'It gains only if arrivals rise too: with Leads’ arrivals 100 → 500/mo as well (5× today), 50 Won/mo.',
    );
  });
});

describe('focusing steps: the summary’s noun and number format', () => {
  it('counts output in the summary’s noun ("Paid/mo"), never "won/mo"', () => {
    const { v, summary } = stepsOf(M.overproduction());
    const all = v.steps.flatMap((s) => s.items.map((i) => text(i.text))).join('\n');
    const measures = summary.measures.map((m) => m.value).join(' ');
    expect(measures).toContain('Won/mo');
    const paid = stepsOf(M.pullSideChannel());
    expect(paid.summary.measures[0]?.value).toBe('12 Paid/mo');
    expect(paid.says('exploit')).toContain('+1 Paid/mo');
    expect(all).not.toMatch(/ won\//);
  });

  it('formats every count alike: 524 beside 1,339, not 523.86', () => {
    const m = model([
      {
        id: 'leads',
        name: 'Leads',
        arrivals: '2000',
        capacity: '523.86',
        conversion: '10%',
        next: 'won',
      },
      { id: 'won', name: 'Won', capacity: '133.9' },
    ]);
    expect(stepsOf(m).says('elevate')).toMatch(/^Raise Leads’ capacity 524 → 1,339\/mo/);
  });

  it('says "+10 %" and "+1 point" only when the cell written is that', () => {
    const m = model([
      {
        id: 'leads',
        name: 'Leads',
        arrivals: '2000',
        capacity: '523.86',
        conversion: '99.5%',
        next: 'won',
      },
      { id: 'won', name: 'Won' },
    ]);
    const exploit = stepsOf(m).says('exploit');
    // 99.5 % + 1 point caps at 100 %; 523.86 × 1.1 = 576.25 is written 577 (+10.14 %).
    expect(exploit).toContain('Leads’ conversion 99.5% → 100% (+0.5 points, capped at 100 %)');
    expect(exploit).toContain('Leads’ capacity 524 → 577 (+10.14 %)');
    const small = model([
      {
        id: 'leads',
        name: 'Leads',
        arrivals: '1',
        capacity: '0.04',
        conversion: '50%',
        next: 'won',
      },
      { id: 'won', name: 'Won' },
    ]);
    expect(stepsOf(small).says('exploit')).toContain(
      'Leads’ capacity 0.04 → 0.044 (+10 %, used better)',
    );
  });
});
