import type { StageFlow } from '../../analysis/steady';
import type { StageId } from '../../model/types';

/*
 * What the Sankey layout hands to the SVG: positions in px (origin top left),
 * flows in items per period. Everything is plain data so the layout can be
 * tested in Node and the SVG exported as it is.
 */

/** A stage's steady-state numbers, as {@link StageFlow} documents them. */
export type StageNumbers = Omit<StageFlow, 'id' | 'capacity_out'>;

/** A line of label text with its baseline. */
export interface LabelLine {
  text: string;
  y: number;
}

/** A stage's label, drawn above its node, left-aligned at `x`. */
export interface StageLabel {
  x: number;
  /** The stage name, cut with an ellipsis to fit its column. */
  name: LabelLine;
  /** Its throughput: processed per period (and out, for a final stage that loses items). */
  numbers: LabelLine;
  /** The "Constraint" badge above the name (constraint stages only). */
  badge: (LabelLine & { width: number }) | null;
}

/** A stage node: the bar spans the items the stage processes; its queue (if any) sits ahead of it. */
export interface StageNode {
  kind: 'stage';
  /** Unique among nodes and links: `stage:<id>`. */
  key: string;
  id: StageId;
  /** The full name (for the tooltip and the text alternative). */
  name: string;
  column: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  numbers: StageNumbers;
  /** One of the stages named by the constraint. */
  constraint: boolean;
  /** Nothing flows through it: drawn as a small grey node with dashed bands. */
  empty: boolean;
  /** Ends the funnel: its out is throughput. */
  final: boolean;
  label: StageLabel;
}

/** The sink a stage's drop-off (processed − out) flows into. */
export interface LostNode {
  kind: 'lost';
  /** `lost:<stage id>`. */
  key: string;
  /** The stage whose items are lost. */
  stage: StageId;
  stageName: string;
  column: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Items lost per period. */
  lost: number;
  label: { x: number; line: LabelLine };
}

/** A node of the Sankey. */
export type SankeyNodeShape = StageNode | LostNode;

/** A band between two nodes, drawn as a stroked path `width` px thick. */
export interface SankeyLinkShape {
  /** `flow:<source>` or `lost:<source>` (a stage has at most one of each). */
  key: string;
  /** `flow`: converted items to `next`; `lost`: the drop-off to the stage's lost sink. */
  kind: 'flow' | 'lost';
  source: StageId;
  /** The next stage, or null for a lost link. */
  target: StageId | null;
  /** Items per period. */
  value: number;
  /** Stroke width in px (at least 1, so the smallest flow stays visible). */
  width: number;
  /** SVG path data (d3-sankey's horizontal link). */
  d: string;
  /** No items flow: drawn dashed to show the structure only. */
  empty: boolean;
}

/** A stage's queue: its pileup per period, drawn ahead of (left of) the node on the flows' scale. */
export interface QueueShape {
  /** `queue:<stage id>`. */
  key: string;
  stage: StageId;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Items piling up per period. */
  pileup: number;
  /** In front of the constraint (drawn strong) rather than overproduction (drawn quiet). */
  constraint: boolean;
  /**
   * Two lines right-aligned at `x`, left of (or under) the block: the count
   * and what it is; null when other labels leave no room for it.
   */
  label: { x: number; count: LabelLine; caption: LabelLine } | null;
}

/** Everything the SVG draws, in px; `width` × `height` is the viewBox. */
export interface SankeyLayout {
  width: number;
  height: number;
  columns: number;
  /** Stage nodes in grid order, then lost sinks. */
  nodes: SankeyNodeShape[];
  links: SankeyLinkShape[];
  queues: QueueShape[];
}
