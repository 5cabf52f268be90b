/**
 * Example (a), opened on first run: the seed case of PRODUCT.md. 2,000
 * qualified accounts a week, but four AEs can work 200: the AEs are the
 * constraint and 1,800 accounts a week pile up in front of them, each holding
 * $2 of enrichment (inventory).
 */
export const seedExample = {
  format: 'bottleneck-model',
  version: 1,
  name: 'Outbound — AE constrained',
  period: 'week',
  horizon: 52,
  currency: 'USD',
  assumptions: [
    { name: 'AEs', value: '4', note: 'account executives' },
    { name: 'AE_cost', value: '$2,500', note: 'loaded cost per AE per week' },
  ],
  stages: [
    {
      id: 'accounts',
      name: 'Qualified accounts',
      arrivals: '2000',
      cost_per_period: '$500',
      next: 'worked',
    },
    {
      id: 'worked',
      name: 'Worked by AEs',
      capacity: '=AEs*50',
      conversion: '10%',
      cost_per_item: '$2',
      cost_per_period: '=AEs*AE_cost',
      next: 'meetings',
    },
    { id: 'meetings', name: 'Meetings', conversion: '25%', lag: '1', next: 'won' },
    { id: 'won', name: 'Closed won', value: '12000', variable_cost: '1200' },
  ],
  loop: {
    enabled: false,
    entry: 'meetings',
    referrals: '0.5',
    lag: '8',
    churn: '2%',
    market: '20000',
    customers: '0',
  },
  notes: {
    undesirable: 'Pipeline looks full but deals are flat.',
    conflict: '',
    assumption: '',
    category: 'throughput',
  },
};
