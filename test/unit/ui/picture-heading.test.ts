import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { setFunnelCell } from '../../../src/lib/model/cell-edits';
import { pictureHeading } from '../../../src/lib/ui/transfer/heading';
import { analyzeModel } from '../helpers';

const reference = () => EXAMPLES.find((e) => e.id === 'reference')!.model();

describe('pictureHeading', () => {
  it('names the model and the constraint over an exported Sankey or growth chart', () => {
    const m = reference();
    const result = { model: m, analysis: analyzeModel(m) };
    expect(pictureHeading(result, 'sankey')).toEqual({
      title: 'Enriched outbound',
      subtitle: 'Flow, per month · The constraint is Contact.',
    });
    expect(pictureHeading(result, 'growth').subtitle).toBe(
      'Push vs pull growth, per month · The constraint is Contact.',
    );
  });

  it('names no constraint while a cell blocks the analysis', () => {
    const m = setFunnelCell(reference(), 1, 'capacity', '=1/0');
    expect(pictureHeading({ model: m, analysis: analyzeModel(m) }, 'sankey').subtitle).toBe(
      'Flow, per month · No constraint shown: fix the flagged cells first.',
    );
  });
});
