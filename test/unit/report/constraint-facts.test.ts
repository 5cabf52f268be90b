import { describe, expect, it } from 'vitest';
import { constraintFacts } from '../../../src/lib/report/constraint-facts';
import { plain } from '../../../src/lib/report/parts';
import { wording } from '../../../src/lib/report/wording';
import { setFunnelCell } from '../../../src/lib/model/cell-edits';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { Model } from '../../../src/lib/model/types';
import { analyzeModel, model } from '../helpers';
import * as M from './facts-models';

// Each sentence on a model where the old wording was false (issue 9 items 1, 4, 5).
const factsOf = (m: Model) => {
  const f = constraintFacts(wording(m, analyzeModel(m)));
  return { ...f, head: plain(f.headline), all: f.details.map(plain).join('\n') };
};
const reference = () => EXAMPLES.find((e) => e.id === 'reference')!.model();

describe('which stages bind, and where capacity adds nothing', () => {
  it('two funnels: names both binding stages, Inbound the constraint, ranked by what +10 % adds', () => {
    const f = factsOf(M.twoFunnels());
    expect(f.kind).toBe('stage');
    expect(f.head).toBe('The constraint is Inbound.');
    expect(f.all).toContain(
      'Unlimited capacity here would add +50 Won/mo (+$50,000/mo); +10 % would add +10 Won/mo (+$10,000/mo).',
    );
    expect(f.all).toContain(
      'Also binding, ranked by what +10 % of capacity adds: Cold list (+0.1 Won/mo (+$100/mo); unlimited: +999 Won/mo (+$999,000/mo)).',
    );
    expect(f.all).not.toMatch(/anywhere else adds nothing/);
    // Cold list piles up 9,990 a month, but it binds: not overproduction.
    expect(f.all).not.toMatch(/overproduction/);
  });

  it('says "capacity anywhere else adds nothing" where one stage binds, not in pull where two do', () => {
    expect(factsOf(reference()).all).toContain('Capacity anywhere else adds nothing.');
    const pull = factsOf(M.pullSideChannel());
    expect(pull.head).toBe('The constraint is Outbound.');
    expect(pull.all).not.toMatch(/anywhere else adds nothing/);
    expect(pull.all).toMatch(
      /Also binding, .*: Referrals \(\+0\.2 Paid\/mo; unlimited: \+8 Paid\/mo\)/,
    );
  });

  it('a parallel tie says what lifting all of them adds, and one alone', () => {
    const f = factsOf(M.parallelTie());
    expect(f.head).toBe('A tie: Ads and Events hold back throughput equally.');
    expect(f.all).toContain(
      'Each holds back as much: unlimited capacity at all of them would add +14 Won/mo; one alone, +7 Won/mo; +10 % at all of them, +0.6 Won/mo.',
    );
  });

  it('calls a pileup overproduction only where more capacity there adds nothing', () => {
    const f = factsOf(M.overproduction());
    expect(f.head).toBe('The constraint is Calls.');
    expect(f.all).toContain(
      'Also piling up: Leads (500/mo: Calls downstream runs full) — overproduction: more capacity there adds nothing; subordinate it.',
    );
  });
});

describe('how the constraint was found', () => {
  it('states the single-chain rule only for one chain fed at its head, in push', () => {
    expect(factsOf(reference()).all).toContain(
      'In a single chain the constraint is the stage with the smallest capacity in output units: 3.75 Opportunity/mo at Contact.',
    );
    const cases: [() => Model, string][] = [
      [M.midChain, 'Items arrive part-way along the chain'],
      [M.twoFunnels, 'Channels merge here'],
      [M.pullSideChannel, 'Referred leads enter Referrals'],
    ];
    for (const [m, why] of cases) {
      const f = factsOf(m());
      expect(f.all).not.toMatch(/smallest capacity in output units/);
      expect(f.all).toContain(`${why}, so stages are ranked by what +10 % of their capacity adds.`);
    }
  });
});

describe('nothing binds: zero flows, 0 % conversion, exactly 100 % load', () => {
  it('with no arrivals, never says no stage has a capacity limit', () => {
    const f = factsOf(M.noArrivals());
    expect(f.kind).toBe('market');
    expect(f.all).not.toMatch(/No stage has a capacity limit/);
    expect(f.all).toBe('Nothing arrives: no stage uses any of its capacity yet.');
  });

  it('at 200 % load with a 0 % conversion, never says every stage has room', () => {
    const f = factsOf(M.zeroConversion());
    expect(f.head).toBe(
      'The constraint is the market (demand): no stage’s capacity holds throughput back.',
    );
    expect(f.all).toBe(
      'Leads piles up 100/mo (load 200%), yet more capacity there adds nothing: none of it is won: Leads converts 0 %.',
    );
    expect(f.all).not.toMatch(/binds first/);
  });

  it('at exactly 100 % load: the constraint tied with demand, not "every stage has room" nor "binds first … 1× today"', () => {
    const f = factsOf(M.exactLoad());
    expect(f.kind).toBe('demand');
    expect(f.head).toBe(
      'Leads is the constraint, tied with demand: it runs at exactly its capacity.',
    );
    expect(f.all).toBe(
      [
        'Load 100%: 100 arrive/mo, exactly its capacity; nothing piles up.',
        'More capacity there adds throughput only if arrivals rise too.',
        'Capacity anywhere else adds nothing either.',
      ].join('\n'),
    );
  });

  it('never says a stage that converts 0 % binds first', () => {
    const m = model([
      {
        id: 'leads',
        name: 'Leads',
        arrivals: '50',
        capacity: '100',
        conversion: '0%',
        next: 'won',
      },
      { id: 'won', name: 'Won' },
    ]);
    expect(factsOf(m).all).toBe(
      'Leads would reach its capacity first, but never binds: none of its items is won (Leads converts 0 %).',
    );
  });

  it('says "every stage has room" and when a stage binds first only where both are true', () => {
    const f = factsOf(EXAMPLES.find((e) => e.id === 'cold-email')!.model());
    expect(f.head).toBe('The constraint is the market (demand): every stage has room.');
    expect(f.lead.map(plain)).toEqual([
      'Meetings will bind first, when demand reaches 1,250 arrivals/wk (1.25× today).',
    ]);
  });
});

describe('after the rope (a load just under 100 %)', () => {
  it('never reads "100%" or "1× today" for a stage with room', () => {
    // The rope releases 1,666 accounts: contact gets 1,499.4 of its 1,500.
    const m = setFunnelCell(reference(), 0, 'arrivals', '1666');
    const f = factsOf(m);
    expect(f.head).toBe('The constraint is the market (demand): every stage has room.');
    expect(f.all).toContain(
      'Contact will bind first, when demand reaches 1,667 arrivals/mo (0.04% more than today).',
    );
    expect(f.all).toContain('Near capacity: Contact (load 99.96%), Meeting (load 94%)');
  });
});

describe('tiny rates (issue 9 item 3)', () => {
  it('never reads 0 arrive, 0 pile up and +0 where 1e-9 items flow', () => {
    const f = factsOf(M.fixtureModel('analysis-tiny-rate'));
    expect(f.all).toContain('Load 167%: 1e-9 arrive/mo, it can process 6e-10; 4e-10/mo pile up.');
    expect(f.all).toContain(
      'Unlimited capacity here would add +2e-11 Paid/mo; +10 % would add +3e-12 Paid/mo.',
    );
  });
});

describe('near capacity, pull and the loop', () => {
  it('flags stages above 85 % load', () => {
    // Meeting: 30 arrive at a capacity of 32.
    expect(factsOf(reference()).all).toContain(
      'Near capacity: Meeting (load 94%) — above 85 % load, queues build with ordinary variability.',
    );
  });

  it('with K ≥ 1 says pull has no steady state, and gives the simulation’s constraint at the horizon', () => {
    const viral = M.fixtureModel('analysis-two-funnels');
    const m: Model = {
      ...viral,
      stages: [{ ...viral.stages[2]!, conversion: '20%' }],
      loop: {
        ...viral.loop,
        enabled: true,
        entry: viral.stages[2]!.id,
        referrals: '10',
        customers: '10',
      },
    };
    const f = factsOf(m);
    expect(f.kind).toBe('compounds');
    expect(f.head).toBe('Pull has no steady state: growth compounds.');
    expect(f.all).toMatch(
      /^K = 2 and no stage from Won to the end has a capacity that stops the loop/,
    );
    expect(f.all).toContain('As simulated, at period 12 the constraint is the market (demand).');
  });
});
