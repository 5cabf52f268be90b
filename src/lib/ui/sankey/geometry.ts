/*
 * Sizes of the Sankey drawing, in px: one place so the layout, its shapes
 * and the tests agree.
 */

/** Sizes of the drawing in px. */
export const GEOMETRY = {
  nodeWidth: 12,
  lostWidth: 6,
  queueWidth: 26,
  /** Thinnest band: a 1-deal flow beside a 1,000-email flow stays visible. */
  minLink: 1,
  /** Shortest node: a stage with no flow still shows. */
  minNode: 3,
  /** Narrowest column step: 30 stages scroll sideways rather than squeeze. */
  column: 140,
  /** Space below a node before the next label starts. */
  gap: 6,
  margin: 10,
  /** Height kept for the bands themselves, beyond all labels. */
  flowRoom: 240,
  /** Room for a queue's label left of its block. */
  queueLabel: 84,
} as const;
