import type { Stage } from '../../model/types';

/** What the Sankey draws of a stage: its id, its name and where it feeds. */
export type Linked = Pick<Stage, 'id' | 'name' | 'next'>;

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
