/**
 * Example (b): a founder's cold email funnel. 1,000 emails → 30 replies → 8
 * meetings → 1 deal a week. No stage is full, so the market (demand) is the
 * constraint; the founder's calendar (10 meetings a week) binds first.
 */
export const coldEmailExample = {
  format: 'bottleneck-model',
  version: 1,
  name: 'Cold email — founder-led',
  period: 'week',
  horizon: 52,
  currency: 'USD',
  assumptions: [
    { name: 'founder_meetings', value: '10', note: 'meetings the founder can take a week' },
  ],
  stages: [
    {
      id: 'emails',
      name: 'Emails sent',
      arrivals: '1,000',
      conversion: '3%',
      cost_per_item: '$0.10',
      next: 'replies',
    },
    { id: 'replies', name: 'Replies', conversion: '=8/30', next: 'meetings' },
    {
      id: 'meetings',
      name: 'Meetings',
      capacity: '=founder_meetings',
      conversion: '12.5%',
      next: 'deals',
    },
    { id: 'deals', name: 'Deals', value: '$6,000' },
  ],
  loop: {
    enabled: false,
    entry: 'replies',
    referrals: '0.3',
    lag: '4',
    churn: '1%',
    market: '',
    customers: '0',
  },
};
