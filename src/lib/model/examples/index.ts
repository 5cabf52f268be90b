import { restoreModel } from '../restore';
import type { Model } from '../types';
import { coldEmailExample } from './cold-email';
import olist from './olist.json';
import { referenceExample } from './reference';
import { seedExample } from './seed';

/** An example model offered in the Examples menu. */
export interface Example {
  id: string;
  title: string;
  /** One line on what it shows. */
  description: string;
  /** A fresh copy of the model each call (examples are never edited in place). */
  model(): Model;
}

/** Every example, the first-run one first. */
export const EXAMPLES: readonly Example[] = [
  {
    id: 'seed',
    title: 'Outbound — AE constrained',
    description: '2,000 accounts a week, AEs can work 200: 1,800 pile up.',
    model: () => restoreModel(structuredClone(seedExample)),
  },
  {
    id: 'cold-email',
    title: 'Cold email — founder-led',
    description: '1,000 emails → 30 replies → 8 meetings → 1 deal: the market is the constraint.',
    model: () => restoreModel(structuredClone(coldEmailExample)),
  },
  {
    id: 'reference',
    title: 'Enriched outbound — contact constrained',
    description: 'Five stages; contact is the constraint, then meeting once contact is elevated.',
    model: () => restoreModel(structuredClone(referenceExample)),
  },
  {
    id: 'olist',
    title: 'Olist — 11 channels (real CRM data)',
    description: '8,000 MQLs, 842 won: each origin channel merging into Closed won.',
    model: () => restoreModel(structuredClone(olist)),
  },
];

/** The example opened on first run. */
export const FIRST_RUN_EXAMPLE = EXAMPLES[0] as Example;
