import type { Period } from '../model/types';
import type { SimPeriod, Simulation } from './simulate';

/*
 * The crossover of the growth chart (PRODUCT.md "The loop"): when customers
 * won through referrals overtake those won through outbound for good.
 */

/** The periods of a simulation, as far as the crossover needs them. */
type Split = Pick<SimPeriod, 't' | 'won' | 'won_outbound' | 'won_referred'>;

/**
 * The crossover: the first period from which the loop wins more customers
 * than outbound every period (`won_referred > won_outbound`, strictly) and
 * keeps doing so through the last period given. A period in which no one is
 * won at all (0 and 0) neither starts nor breaks that run: a loop whose lag
 * wins customers every other period, or a market already full, puts no one
 * ahead. `null` when that never happens: when referrals never win more, or
 * win more for a while and then fall back (the market saturating), or when
 * there are no periods.
 *
 * Strict, since with K = 0.5 the two only meet in the limit, which rounding
 * would otherwise turn into a date.
 *
 * @param periods periods 1…horizon, in order
 */
export function lastingCrossover(periods: readonly Split[]): number | null {
  let from: number | null = null;
  for (let k = periods.length - 1; k >= 0; k--) {
    const p = periods[k] as Split;
    if (p.won_referred === 0 && p.won_outbound === 0) continue;
    if (!(p.won_referred > p.won_outbound)) break;
    from = p.t;
  }
  return from;
}

/**
 * When referrals won more than outbound, whether or not it lasted: the first
 * and the last period in which `won_referred > won_outbound` (there may be
 * periods in between where they did not); `null` when it never happened.
 *
 * @param periods periods 1…horizon, in order
 */
export function referralLead(periods: readonly Split[]): { first: number; last: number } | null {
  const ahead = periods.filter((p) => p.won_referred > p.won_outbound);
  const first = ahead[0];
  const last = ahead[ahead.length - 1];
  return first && last ? { first: first.t, last: last.t } : null;
}

/**
 * The crossover of a pull simulation in one sentence, computed from its
 * periods: when it happens (and that it lasts through the horizon), or why
 * there is none: referrals never won more, won more for a while and fell
 * back, or no one is won at all.
 *
 * @param sim a pull simulation (`crossover` from {@link lastingCrossover})
 */
export function crossoverText(
  sim: Pick<Simulation, 'crossover' | 'horizon'> & { periods: readonly Split[] },
  period: Period,
): string {
  const { crossover, horizon, periods } = sim;
  const within = `within ${horizon} ${period}s`;
  if (crossover !== null) {
    const idle = periods.some(
      (p) => p.t >= crossover && p.won_referred === 0 && p.won_outbound === 0,
    );
    const when = idle ? `every ${period} anyone is won` : `every ${period}`;
    return `From ${period} ${crossover} through ${period} ${horizon} the loop brings in more customers than outbound does, ${when}.`;
  }
  const lead = referralLead(periods);
  if (lead !== null)
    return `No crossover ${within}: the loop first brought in more customers than outbound in ${period} ${lead.first}, but from ${period} ${lead.last + 1} on it brings in no more than outbound.`;
  if (periods.every((p) => p.won === 0))
    return `No one is won ${within}, so there is no crossover.`;
  return `No crossover ${within}: outbound brings in at least as many customers as the loop every ${period}.`;
}
