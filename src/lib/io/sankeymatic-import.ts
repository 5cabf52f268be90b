import { emptyModel } from '../model/defaults';
import { flowOrder } from '../model/graph';
import { LIMITS } from '../model/limits';
import { parseNumberLiteral } from '../model/number';
import { restoreModel } from '../model/restore';
import { serializeModel } from '../model/serialize';
import type { Model, Period, Stage, StageId } from '../model/types';
import { fail, formatCount, guardedSync } from './errors';
import { uniqueStageId } from '../model/defaults';
import { ARRIVALS_NODE, LOST_NODE, PILEUP_NODE } from './sankeymatic';

/** The most SankeyMATIC text read, in characters. */
export const MAX_SANKEYMATIC_CHARS = 1024 * 1024;

/** A diagram read as a model, with what had to be changed on the way. */
export interface SankeymaticImport {
  model: Model;
  warnings: string[];
}

interface Flow {
  from: string;
  to: string;
  amount: number;
}

const FLOW_LINE = /^(.+?)\s*\[\s*([^\]]*?)\s*\]\s*(.+?)\s*$/;
const TRAILING_COLOUR = /\s+#[0-9a-z]{3,6}(\.\d+)?$|\s+#[0-9a-z]{3,6}\.\.\.#[0-9a-z]{3,6}$/i;
const EPSILON = 1e-9;

/** The flows of the text, same source and target summed, in order of first appearance. */
function parseFlows(text: string, warnings: string[]): Flow[] {
  const flows = new Map<string, Flow>();
  text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('//') || line.startsWith(':') || line.startsWith("'"))
        return;
      const m = FLOW_LINE.exec(line);
      const where = `Line ${i + 1}`;
      if (!m) {
        warnings.push(
          `${where} ("${line.slice(0, 60)}") is not a "Source [Amount] Target" flow; skipped.`,
        );
        return;
      }
      const from = (m[1] as string).slice(0, LIMITS.name).trim();
      const to = (m[3] as string).replace(TRAILING_COLOUR, '').slice(0, LIMITS.name).trim();
      const amount = parseNumberLiteral(m[2] as string);
      if (amount === null || amount < 0) {
        warnings.push(
          `${where}: the amount "${m[2]}" is not a number 0 or more (SankeyMATIC's * and ? are not read); skipped.`,
        );
        return;
      }
      if (from === to || from === '' || to === '') {
        warnings.push(`${where}: a flow from "${from}" into itself or into nothing; skipped.`);
        return;
      }
      if (amount === 0) return;
      const key = `${from}\u0000${to}`;
      const f = flows.get(key);
      if (f) f.amount += amount;
      else flows.set(key, { from, to, amount });
    });
  return [...flows.values()];
}

const clean = (x: number) => +x.toPrecision(12);
const num = (x: number) => String(clean(x));
const ratio = (part: number, whole: number) =>
  whole <= EPSILON || Math.abs(part - whole) <= EPSILON * whole
    ? ''
    : `=${num(part)}/${num(whole)}`;

/**
 * Reads SankeyMATIC text into a model. The rule for `next`: a stage's next
 * stage is the target of its largest outgoing flow to another stage (the
 * first such line on a tie), unless that would make a circle, in which case
 * the next largest. A stage feeds one next stage, so its other flows to
 * stages count as leaving it (lost, for its conversion) and arrive at their
 * targets from outside (arrivals): every node keeps its total, with a warning
 * naming each such flow. Nodes named "Lost…"/"Dropped"/"Churned" (with nothing
 * flowing out) are drop-offs; "Pileup at X" is what piled up at X, which
 * makes X's capacity what it processed; "Arrivals at X" and any other node
 * with nothing flowing in supply arrivals. What flows into a stage and is not
 * drawn flowing out is lost, except at a stage with no next, where it is the
 * funnel's output. Conversions are written as ratios of the amounts
 * (`=75/1500`).
 *
 * @param text the diagram's text
 * @param base the model whose settings the stages go into (default: an empty model, named
 *   and with the period of the first comment line when the text came from {@link toSankeymatic})
 * @throws ImportError when the text is too long, has no flows, or has more nodes than a model holds
 */
export function fromSankeymatic(text: string, base?: Model): SankeymaticImport {
  const file = 'The SankeyMATIC text';
  return guardedSync(file, () => {
    if (text.length > MAX_SANKEYMATIC_CHARS) {
      fail(
        file,
        `is ${formatCount(text.length)} characters; it is read up to ${formatCount(MAX_SANKEYMATIC_CHARS)}.`,
      );
    }
    const warnings: string[] = [];
    const flows = parseFlows(text, warnings);
    if (flows.length === 0)
      fail(file, 'has no flows; expected lines like "Leads [2000] Contacted".');
    const names = [...new Set(flows.flatMap((f) => [f.from, f.to]))];
    const hasOut = new Set(flows.map((f) => f.from));
    const hasIn = new Set(flows.map((f) => f.to));
    const isLost = (n: string) => !hasOut.has(n) && LOST_NODE.test(n);
    const isPileup = (n: string) => !hasOut.has(n) && PILEUP_NODE.test(n);
    const isArrivals = (n: string) => !hasIn.has(n) && ARRIVALS_NODE.test(n);
    const stageNames = names.filter((n) => !isLost(n) && !isPileup(n) && !isArrivals(n));
    if (stageNames.length > LIMITS.stages) {
      fail(
        file,
        `has ${formatCount(stageNames.length)} nodes; a model holds at most ${LIMITS.stages} stages.`,
      );
    }
    const taken = new Set<string>();
    const idOf = new Map<string, StageId>();
    for (const n of stageNames) {
      const id = uniqueStageId(n, taken);
      taken.add(id);
      idOf.set(n, id);
    }
    const next = chooseNext(stageNames, flows, idOf, warnings);
    const built = stageNames.map((n) => stageOf(n, idOf.get(n) as StageId, flows, idOf, next));
    // Grid order: every stage after the stages feeding it, else in the order the text names them.
    const stages = flowOrder(built).map((i) => built[i] as Stage);
    const into = base ?? baseFromHeader(text);
    const model = restoreModel(
      serializeModel({ ...into, stages, loop: { ...into.loop, entry: null } }),
    );
    return { model, warnings };
  });
}

const HEADER =
  /^\/\/ (.{1,200}): the steady-state flow, items per (day|week|month|quarter|year) \(Bottleneck\)\s*$/m;

/** An empty model named, and with the period, of the comment {@link toSankeymatic} writes first. */
function baseFromHeader(text: string): Model {
  const m = HEADER.exec(text.slice(0, 1000));
  const model = emptyModel(m?.[1] ?? 'Imported from SankeyMATIC');
  return m ? { ...model, period: m[2] as Period } : model;
}

/** Each stage's next stage by the rule above; warns of flows that cannot be links. */
function chooseNext(
  stages: string[],
  flows: Flow[],
  idOf: Map<string, StageId>,
  warnings: string[],
): Map<string, string> {
  const next = new Map<string, string>();
  const reaches = (from: string, target: string) => {
    for (let at: string | undefined = from; at !== undefined; at = next.get(at))
      if (at === target) return true;
    return false;
  };
  for (const s of stages) {
    const candidates = flows
      .filter((f) => f.from === s && idOf.has(f.to))
      .map((f, order) => ({ f, order }))
      .sort((a, b) => b.f.amount - a.f.amount || a.order - b.order);
    const chosen = candidates.find(({ f }) => !reaches(f.to, s));
    if (chosen) next.set(s, chosen.f.to);
    for (const { f } of candidates) {
      if (f === chosen?.f) continue;
      warnings.push(
        `"${s}" also sends ${num(f.amount)} to "${f.to}"; a stage feeds one next stage, so these count as leaving "${s}" and arrive at "${f.to}" from outside.`,
      );
    }
  }
  return next;
}

/** One stage's cells from the flows around it. */
function stageOf(
  name: string,
  id: StageId,
  flows: Flow[],
  idOf: Map<string, StageId>,
  next: Map<string, string>,
): Stage {
  const sum = (list: Flow[]) => list.reduce((a, f) => a + f.amount, 0);
  const incoming = flows.filter((f) => f.to === name);
  const outgoing = flows.filter((f) => f.from === name);
  const target = next.get(name);
  // Flows in from stages that chose this one as next; everything else in is arrivals.
  const linked = sum(incoming.filter((f) => idOf.has(f.from) && next.get(f.from) === name));
  const inTotal = sum(incoming);
  const pileup = sum(outgoing.filter((f) => !idOf.has(f.to) && PILEUP_NODE.test(f.to)));
  const toNext = sum(outgoing.filter((f) => f.to === target));
  const outTotal = sum(outgoing);
  const extra = Math.max(0, outTotal - inTotal);
  const arrivals = inTotal - linked + (extra > EPSILON * Math.max(1, outTotal) ? extra : 0);
  const inflow = linked + arrivals;
  const processed = inflow - pileup;
  // A last stage's output is what is not drawn leaving it; a middle stage's is its flow to next.
  const converted = target === undefined ? Math.max(0, processed - (outTotal - pileup)) : toNext;
  return {
    id,
    name,
    next: target === undefined ? null : (idOf.get(target) as StageId),
    arrivals: arrivals > EPSILON ? num(arrivals) : '',
    conversion: ratio(converted, processed),
    capacity: pileup > EPSILON ? num(processed) : '',
    lag: '',
    cost_per_period: '',
    cost_per_item: '',
    value: '',
    variable_cost: '',
  };
}
