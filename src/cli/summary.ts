import type { Analysis } from '../lib/analysis/analyze';
import type { Model } from '../lib/model/types';
import { constraintFacts } from '../lib/report/constraint-facts';
import { perPeriod } from '../lib/report/format';
import { plain } from '../lib/report/parts';
import { scoreboard } from '../lib/report/scoreboard';
import { wording } from '../lib/report/wording';
import { printable } from './io';

/*
 * The human summary of `bottleneck analyze FILE` (without --json): the
 * report's facts about the constraint (the same sentences as the app's
 * summary) as plain lines, then Goldratt's measures for one period.
 */

/** "Contact (contact)", or just the name when it is the id. */
const label = (id: string, name: string) => (name === id ? name : `${name} (${id})`);

/**
 * The human summary of an analysed model (no cell issues): name, the
 * constraint and why, then throughput, operating expense, T ÷ OE and
 * inventory, per period.
 */
export function summarize(model: Model, analysis: Analysis): string {
  const w = wording(model, analysis, { per: ` ${perPeriod(model.period)}`, label });
  const facts = constraintFacts(w);
  const measures = scoreboard(w);
  const width = Math.max(...measures.map((m) => m.label.length)) + 2;
  const lines = [
    `${model.name || 'Untitled model'}: ${model.stages.length} stages, flows ${perPeriod(model.period)}`,
    '',
    plain(facts.headline),
    ...facts.details.map((d) => `  ${plain(d)}`),
    '',
    ...measures.map(
      (m) => `${`${m.label}:`.padEnd(width)}${m.value}${m.note ? ` (${m.note})` : ''}`,
    ),
  ];
  return printable(lines.join('\n'));
}
