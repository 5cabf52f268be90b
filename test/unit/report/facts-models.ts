import { readFileSync } from 'node:fs';
import { ROOT } from '../cli/run';
import { restoreModel } from '../../../src/lib/model/restore';
import type { Model } from '../../../src/lib/model/types';
import { model } from '../helpers';

/*
 * The models on which the report's old sentences were false (issue 9 items
 * 1, 4, 5, 21), shared by the report's, the summary's and the focusing
 * steps' tests.
 */

/** A fixture of test/fixtures/models (its `input`). */
export function fixtureModel(name: string): Model {
  const file = JSON.parse(readFileSync(`${ROOT}test/fixtures/models/${name}.json`, 'utf8')) as {
    input: unknown;
  };
  return restoreModel(file.input);
}

/** PRODUCT.md's two funnels into Won (value 1,000): both bind, Inbound is the constraint. */
export const twoFunnels = () => fixtureModel('analysis-two-funnels');

/** Two channels side by side, each 100 arriving at a capacity of 30: a parallel tie. */
export const parallelTie = () =>
  model([
    { id: 'ads', name: 'Ads', arrivals: '100', capacity: '30', conversion: '10%', next: 'won' },
    {
      id: 'events',
      name: 'Events',
      arrivals: '100',
      capacity: '30',
      conversion: '10%',
      next: 'won',
    },
    { id: 'won', name: 'Won' },
  ]);

/** A chain with limits and no arrivals at all. */
export const noArrivals = () =>
  model([
    { id: 'leads', name: 'Leads', capacity: '100', conversion: '10%', next: 'won' },
    { id: 'won', name: 'Won', capacity: '5' },
  ]);

/** 200 arrive at a capacity of 100 that converts 0 %: 200 % load, yet nothing binds. */
export const zeroConversion = () =>
  model([
    { id: 'leads', name: 'Leads', arrivals: '200', capacity: '100', conversion: '0%', next: 'won' },
    { id: 'won', name: 'Won', capacity: '5' },
  ]);

/** Leads gets exactly its capacity (100 % load): the constraint tied with demand. */
export const exactLoad = () =>
  model([
    {
      id: 'leads',
      name: 'Leads',
      arrivals: '100',
      capacity: '100',
      conversion: '10%',
      next: 'won',
    },
    { id: 'won', name: 'Won', capacity: '50' },
  ]);

/** Calls has arrivals of its own part-way along the chain. */
export const midChain = () =>
  model([
    {
      id: 'leads',
      name: 'Leads',
      arrivals: '100',
      capacity: '1000',
      conversion: '10%',
      next: 'calls',
    },
    {
      id: 'calls',
      name: 'Calls',
      arrivals: '500',
      capacity: '100',
      conversion: '50%',
      next: 'won',
    },
    { id: 'won', name: 'Won', capacity: '60' },
  ]);

/** Leads piles up ahead of Calls, which piles up too: Leads' pileup is overproduction. */
export const overproduction = () =>
  model([
    {
      id: 'leads',
      name: 'Leads',
      arrivals: '1000',
      capacity: '500',
      conversion: '50%',
      next: 'calls',
    },
    { id: 'calls', name: 'Calls', capacity: '100', conversion: '50%', next: 'won' },
    { id: 'won', name: 'Won' },
  ]);

/**
 * Pull with referred leads entering a channel of their own: Outbound and
 * Referrals both bind (K = 0.5).
 */
export const pullSideChannel = () =>
  model(
    [
      {
        id: 'out',
        name: 'Outbound',
        arrivals: '100',
        capacity: '50',
        conversion: '20%',
        next: 'paid',
      },
      { id: 'ref', name: 'Referrals', capacity: '2', next: 'paid' },
      { id: 'paid', name: 'Paid' },
    ],
    { loop: { enabled: true, entry: 'ref', referrals: '0.5' } },
  );

/** Leads piles up ahead of Calls, which gets exactly its capacity: tied with demand, with overproduction. */
export const exactBehindPileup = () =>
  model([
    {
      id: 'leads',
      name: 'Leads',
      arrivals: '200',
      capacity: '100',
      conversion: '50%',
      next: 'calls',
    },
    { id: 'calls', name: 'Calls', capacity: '50', conversion: '50%', next: 'paid' },
    { id: 'paid', name: 'Paid' },
  ]);
