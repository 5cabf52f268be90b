import Papa from 'papaparse';

/*
 * How example (d) is derived from the Olist export. Kept beside the example
 * (not in io/, whose CRM importer is general) so that the script and the test
 * that guards the example share one derivation.
 */

interface Row {
  [column: string]: string | undefined;
}

const parse = (csv: string): Row[] =>
  Papa.parse<Row>(csv, { header: true, skipEmptyLines: true }).data;

/** `01-02-2018` or `26-02-2018 19:58` (day first) → `2018-02`. */
const monthOf = (date: string): string | null => {
  const m = /^(\d{2})-(\d{2})-(\d{4})/.exec(date.trim());
  return m ? `${m[3]}-${m[2]}` : null;
};

const title = (origin: string) =>
  origin === ''
    ? '(blank)'
    : (origin[0]?.toUpperCase() ?? '') + origin.slice(1).replaceAll('_', ' ');

/** Counts from the export: MQLs and wins per origin, months of MQLs, busiest month of wins. */
export function olistCounts(leadsCsv: string, dealsCsv: string) {
  const leads = parse(leadsCsv);
  const deals = parse(dealsCsv);
  const originOf = new Map(leads.map((r) => [r.mql_id ?? '', (r.origin ?? '').trim()]));
  const mqls = new Map<string, number>();
  for (const r of leads)
    mqls.set((r.origin ?? '').trim(), (mqls.get((r.origin ?? '').trim()) ?? 0) + 1);
  const won = new Map<string, number>();
  const wonByMonth = new Map<string, number>();
  for (const d of deals) {
    const origin = originOf.get(d.mql_id ?? '') ?? '';
    won.set(origin, (won.get(origin) ?? 0) + 1);
    const month = monthOf(d.won_date ?? '');
    if (month) wonByMonth.set(month, (wonByMonth.get(month) ?? 0) + 1);
  }
  const months = new Set(leads.map((r) => monthOf(r.first_contact_date ?? '')).filter(Boolean));
  const [busiestMonth, busiest] = [...wonByMonth].reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
  return {
    leads: leads.length,
    deals: deals.length,
    mqls,
    won,
    months: months.size,
    busiestMonth,
    busiest,
  };
}

/** The format-1 document of example (d). */
export function olistExample(leadsCsv: string, dealsCsv: string) {
  const c = olistCounts(leadsCsv, dealsCsv);
  const origins = [...c.mqls.keys()].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : (c.mqls.get(b) ?? 0) - (c.mqls.get(a) ?? 0),
  );
  const channels = origins.map((origin) => ({
    id: `ch_${origin || 'blank'}`,
    name: `${title(origin)} MQLs`,
    arrivals: `=${c.mqls.get(origin)}/months`,
    conversion: `=${c.won.get(origin) ?? 0}/${c.mqls.get(origin)}`,
    next: 'won',
  }));
  return {
    format: 'bottleneck-model',
    version: 1,
    name: 'Olist — channels to closed won (real data)',
    period: 'month',
    horizon: 24,
    currency: 'BRL',
    assumptions: [
      {
        name: 'months',
        value: String(c.months),
        note: 'months of MQLs in the export (June 2017 – May 2018)',
      },
      {
        name: 'busiest_month',
        value: String(c.busiest),
        note: `most deals closed in one month (${c.busiestMonth}): observed capacity`,
      },
    ],
    stages: [...channels, { id: 'won', name: 'Closed won', capacity: '=busiest_month' }],
    loop: {
      enabled: false,
      entry: 'won',
      referrals: '0.2',
      lag: '3',
      churn: '2%',
      market: '',
      customers: '0',
    },
  };
}
