/** Size limits of a model document; anything larger is refused with a message. */
export const LIMITS = {
  /** Stages in one model. */
  stages: 500,
  /** Assumptions in one model. */
  assumptions: 500,
  /** Characters in one cell (number literal or formula). */
  cellText: 2000,
  /** Characters in a name (model, stage or assumption). */
  name: 200,
  /** Characters in a stage id. */
  id: 64,
  /** Characters in a free-text note. */
  note: 5000,
  /** Longest simulation horizon, in periods. */
  horizon: 520,
} as const;
