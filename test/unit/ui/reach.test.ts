import { describe, expect, it } from 'vitest';
import { blankLoop, blankStage } from '../../../src/lib/model/defaults';
import type { Loop, Stage, StageId } from '../../../src/lib/model/types';
import { unreachedStages } from '../../../src/lib/ui/funnel/reach';

const id = (name: string) => name as StageId;
const stage = (name: string, next: string | null): Stage => ({
  ...blankStage(id(name), name),
  next: next === null ? null : id(next),
});
const loopInto = (entry: string, enabled: boolean): Loop => ({
  ...blankLoop(),
  enabled,
  entry: id(entry),
});
const NO_FEEDER = 'Nothing reaches this stage: no stage feeds into it and it has no arrivals.';

describe('stages nothing reaches', () => {
  const stages = [stage('leads', 'won'), stage('orphan', 'won'), stage('won', null)];

  it('flags a stage with no feeder and no arrivals, and only that one', () => {
    const arrivals = (id: string) => (id === 'leads' ? 100 : 0);
    const found = unreachedStages({ stages, loop: blankLoop() }, arrivals);
    expect([...found]).toEqual([['orphan', NO_FEEDER]]);
  });

  it('counts arrivals and an enabled loop’s entry as reaching a stage', () => {
    const loop = loopInto('orphan', true);
    const arrivals = (id: string) => (id === 'leads' ? 100 : 0);
    expect(unreachedStages({ stages, loop }, arrivals).size).toBe(0);
    expect(unreachedStages({ stages, loop: blankLoop() }, () => 5).size).toBe(0);
  });

  it('says the loop is off when a stage is its entry', () => {
    const loop = loopInto('orphan', false);
    expect(
      unreachedStages({ stages, loop }, (id) => (id === 'leads' ? 1 : 0)).get(id('orphan')),
    ).toBe(
      'Nothing reaches this stage: no stage feeds into it, it has no arrivals, and the referral loop that enters here is off.',
    );
  });

  it('flags nothing while a stage’s arrivals are not known (an error, or not computed yet)', () => {
    expect(
      unreachedStages({ stages, loop: blankLoop() }, (id) => (id === 'leads' ? 1 : null)).size,
    ).toBe(0);
  });
});
