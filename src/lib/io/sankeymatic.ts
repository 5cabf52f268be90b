import type { SteadyState } from '../analysis/steady';
import { flowOrder } from '../model/graph';
import type { Model, StageId } from '../model/types';

/*
 * SankeyMATIC text (https://sankeymatic.com/build/): one flow per line,
 * `Source [Amount] Target`; `//` starts a comment; `:Node #color` colours a
 * node. The steady-state flow is drawn as it is in the app: each stage's out
 * into its next stage, its drop-off into "Lost at <stage>", what piles up
 * ahead of it into "Pileup at <stage>", and arrivals from "Arrivals at
 * <stage>" where they cannot be read from the stage's own flows (a stage
 * others also feed, or a last stage with an output, which is not drawn). The importer
 * reads these names back.
 */

/** Drop-off sinks: "Lost", "Lost at Contact", "Dropped", "Churned"… (only when nothing flows out of them). */
export const LOST_NODE =
  /^(lost|dropped|drop[\s-]?offs?|churned|disqualified)(\s+(at|from|in|after)\s+.+)?$/i;

/** Pileup sinks: "Pileup at Contact". */
export const PILEUP_NODE = /^pile[\s-]?up\s+(at|before|in)\s+.+$/i;

/** Arrival sources: "Arrivals at Contact". */
export const ARRIVALS_NODE = /^arrivals\s+(at|to|into)\s+.+$/i;

const GREY = '#bbbbbb';
const AMBER = '#f28e2b';

/** A stage name usable as a node name: no brackets or line breaks, not a comment or colour line. */
function nodeName(name: string): string {
  return name
    .replace(/[[\]]/g, (b) => (b === '[' ? '(' : ')'))
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/^[\s:]+/, '')
    .replace(/^\/\//, '/ /')
    .trim();
}

/** Node names of the stages: unique, and never mistaken for a Lost, Pileup or Arrivals node. */
function nodeNames(model: Model): Map<StageId, string> {
  const used = new Set<string>();
  const out = new Map<StageId, string>();
  for (const s of model.stages) {
    let name = nodeName(s.name) || s.id;
    if (
      LOST_NODE.test(name) ||
      PILEUP_NODE.test(name) ||
      ARRIVALS_NODE.test(name) ||
      used.has(name.toLowerCase())
    ) {
      name = `${name} (${s.id})`;
    }
    used.add(name.toLowerCase());
    out.set(s.id, name);
  }
  return out;
}

/** Options of the export. */
export interface SankeymaticOptions {
  /** Decimal places of amounts (default 2: fractional items per period are fine). */
  decimals?: number;
  /** Stages to colour (the constraint). */
  highlight?: readonly StageId[];
}

/**
 * The steady-state flow as SankeyMATIC text. Amounts are rounded to
 * `decimals` places in a way that keeps every node balanced (what flows in
 * equals what flows out, pileup and drop-off included), so the diagram is
 * consistent and {@link fromSankeymatic} rebuilds the same flows.
 *
 * @param model the model (names, links)
 * @param flow its steady state (analysis/steady.ts), stages in grid order
 * @returns the text, one flow per line
 */
export function toSankeymatic(
  model: Model,
  flow: SteadyState,
  options: SankeymaticOptions = {},
): string {
  const decimals = options.decimals ?? 2;
  const unit = 10 ** decimals;
  const round = (x: number) => (Number.isFinite(x) ? Math.max(0, Math.round(x * unit)) : 0);
  const show = (units: number) => String(+(units / unit).toFixed(decimals));
  const names = nodeNames(model);
  const outOf = new Map<StageId, number>();
  const lines = [
    `// ${nodeName(model.name)}: the steady-state flow, items per ${model.period} (Bottleneck)`,
    '// Paste into https://sankeymatic.com/build/',
  ];
  const sinks: string[] = [];
  for (const i of flowOrder(model.stages)) {
    const s = model.stages[i];
    const f = flow.stages[i];
    if (!s || !f) continue;
    const name = names.get(s.id) as string;
    const fed = model.stages.reduce(
      (sum, x) => sum + (x.next === s.id ? (outOf.get(x.id) ?? 0) : 0),
      0,
    );
    const arrivals = round(
      f.inflow -
        model.stages.reduce(
          (sum, x, j) => sum + (x.next === s.id ? (flow.stages[j]?.out ?? 0) : 0),
          0,
        ),
    );
    const inflow = arrivals + fed;
    const pileup = Math.min(round(f.pileup), inflow);
    const processed = inflow - pileup;
    const out = Math.min(round(f.out), processed);
    const lost = processed - out;
    outOf.set(s.id, s.next === null ? 0 : out);
    if (arrivals > 0 && (fed > 0 || (s.next === null && out > 0)))
      lines.push(`Arrivals at ${name} [${show(arrivals)}] ${name}`);
    if (s.next !== null && out > 0) lines.push(`${name} [${show(out)}] ${names.get(s.next)}`);
    if (lost > 0) {
      lines.push(`${name} [${show(lost)}] Lost at ${name}`);
      sinks.push(`:Lost at ${name} ${GREY}`);
    }
    if (pileup > 0) {
      lines.push(`${name} [${show(pileup)}] Pileup at ${name}`);
      sinks.push(`:Pileup at ${name} ${AMBER}`);
    }
  }
  for (const id of options.highlight ?? [])
    if (names.has(id)) sinks.push(`:${names.get(id)} #e15759`);
  return [...lines, ...sinks].join('\n') + '\n';
}
