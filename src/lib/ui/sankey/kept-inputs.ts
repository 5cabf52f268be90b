import type { Constraint } from '../../analysis/constraint';
import type { SteadyState } from '../../analysis/steady';
import type { Stage } from '../../model/types';

/*
 * What the Sankey is drawn from (stages, flow, constraint), each kept as the
 * previous object while what the drawing uses of it is unchanged, so that
 * Svelte's deriveds stop there and the layout is not worked again.
 */

/** What the Sankey draws of a stage: its id, its name and where it feeds. */
export type Linked = Pick<Stage, 'id' | 'name' | 'next'>;

/** What the Sankey draws of the steady state: each stage's flow (items per period). */
export type DrawnFlow = Pick<SteadyState, 'stages'>;

/**
 * What the Sankey draws of the constraint: which stages, whether they tie, and
 * which piling-up stages are overproduction (their pileup is captioned so;
 * any other pileup, a binding stage's included, is "piling up").
 */
export type DrawnConstraint = Pick<Constraint, 'kind' | 'stages' | 'overproduction'>;

/**
 * The stages as the Sankey needs them, keeping the previous array when no id,
 * name or link changed, so editing a number does not lay the diagram out twice
 * (once now, once when the new flow arrives).
 *
 * @param previous the array last returned
 * @param stages the model's stages
 */
export function sameLinks(previous: readonly Linked[], stages: readonly Stage[]): Linked[] {
  const same =
    previous.length === stages.length &&
    stages.every((s, i) => {
      const p = previous[i];
      return p !== undefined && p.id === s.id && p.name === s.name && p.next === s.next;
    });
  return same ? (previous as Linked[]) : stages.map(({ id, name, next }) => ({ id, name, next }));
}

/** True when both lists hold records with the same fields and values (===), in order. */
function sameRecords(a: readonly object[], b: readonly object[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const p = x as Record<string, unknown>;
      const q = b[i] as Record<string, unknown>;
      const keys = Object.keys(p);
      return keys.length === Object.keys(q).length && keys.every((k) => p[k] === q[k]);
    })
  );
}

/**
 * The flow as the Sankey needs it, keeping the previous object when no
 * stage's numbers changed, so an edit that moves only money (a price, a
 * cost) does not lay the diagram out again.
 *
 * @param previous the value last returned (null before the first analysis)
 * @param flow the latest analysis's steady state, or null
 */
export function sameFlow(previous: DrawnFlow | null, flow: SteadyState | null): DrawnFlow | null {
  if (flow === null) return null;
  return previous && sameRecords(previous.stages, flow.stages) ? previous : { stages: flow.stages };
}

/**
 * The constraint as the Sankey needs it, keeping the previous object while
 * the same stages bind the same way (what they hold back may change).
 *
 * @param previous the value last returned
 * @param constraint the latest constraint, or null when none is shown
 */
export function sameConstraint(
  previous: DrawnConstraint | null,
  constraint: Constraint | null,
): DrawnConstraint | null {
  if (constraint === null) return null;
  const sameIds = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((id, i) => id === b[i]);
  const same =
    previous !== null &&
    previous.kind === constraint.kind &&
    sameIds(previous.stages, constraint.stages) &&
    sameIds(previous.overproduction, constraint.overproduction);
  return same
    ? previous
    : {
        kind: constraint.kind,
        stages: constraint.stages,
        overproduction: constraint.overproduction,
      };
}
