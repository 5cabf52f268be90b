/**
 * Example (c): PRODUCT.md's reference chain. Enrich passes 1,800 accounts a
 * month; contact processes 1,500 of them (300 pile up) and is the constraint
 * at 3.75 won a month. Elevate contact to 3,000 and the constraint moves to
 * meeting (4.0 won a month); the rope then releases 1,777.78 accounts a month.
 * Named as a user would name it (the menu says what it shows).
 */
export const referenceExample = {
  format: 'bottleneck-model',
  version: 1,
  name: 'Enriched outbound',
  period: 'month',
  horizon: 24,
  currency: 'USD',
  assumptions: [],
  stages: [
    {
      id: 'enrich',
      name: 'Enrich',
      arrivals: '2000',
      capacity: '2500',
      conversion: '90%',
      next: 'contact',
    },
    { id: 'contact', name: 'Contact', capacity: '1500', conversion: '5%', next: 'reply' },
    { id: 'reply', name: 'Reply → meeting', capacity: '200', conversion: '40%', next: 'meeting' },
    { id: 'meeting', name: 'Meeting', capacity: '32', conversion: '50%', next: 'opportunity' },
    { id: 'opportunity', name: 'Opportunity', capacity: '30', conversion: '25%' },
  ],
  loop: {
    enabled: false,
    entry: 'reply',
    referrals: '1',
    lag: '2',
    churn: '2%',
    market: '',
    customers: '0',
  },
};
