import type { FlowInputs } from './inputs';

/**
 * Share of the market left once `customers` have been won:
 * max(0, 1 − customers ÷ market), 1 with a blank (`Infinity`) market and 0
 * with a market of 0 (PRODUCT.md "The loop").
 */
export function marketShare(customers: number, market: number): number {
  if (market === Infinity) return 1;
  return market > 0 ? Math.max(0, 1 - customers / market) : 0;
}

/** The share of the market left at period 0, with the existing customers (`loop.customers`) won. */
export const shareAtStart = (inputs: FlowInputs) =>
  marketShare(inputs.loop.customers, inputs.loop.market);

/**
 * The inputs as the steady state sees them: every stage's arrivals and the
 * loop's referrals × the share of the market left at period 0 (the market
 * caps every new customer, push and pull alike). The same inputs when the
 * share is 1 (no market, or nobody won yet).
 */
export function atMarket(inputs: FlowInputs): FlowInputs {
  const share = shareAtStart(inputs);
  if (share === 1) return inputs;
  return {
    ...inputs,
    stages: inputs.stages.map((s) => ({ ...s, arrivals: s.arrivals * share })),
    loop: { ...inputs.loop, referrals: inputs.loop.referrals * share },
  };
}
