import type { Analysis } from '../../analysis/analyze';
import type { Elevate } from '../../analysis/elevate';
import type { FocusingSteps, Position, StageLesson } from '../../analysis/focusing';
import type { Focus } from '../../analysis/growth';
import type { CellChange, WhatIf } from '../../analysis/trial';
import type { Model, StageId } from '../../model/types';
import { constraintFacts } from '../../report/constraint-facts';
import { formatCount, formatMoney, timesToday } from '../../report/format';
import { pullLine } from '../../report/notes';
import { list, possessive, s, t, type Part } from '../../report/parts';
import { piles } from '../../analysis/ties';
import { wording, type Wording } from '../../report/wording';
import { action, changeText, gainText, limitText, raiseName, type FocusAction } from './words';

/*
 * The five focusing steps (Goldratt, The Goal) as sentences with numbers,
 * each what-if with the cell changes that apply it: what the Focusing panel
 * shows. Identify states the report's facts, as the summary does. Pure, so
 * every sentence is unit-tested.
 */

export type { FocusAction };

/** One line of a step: a sentence and, when it is a what-if, its action. */
export interface FocusItem {
  text: Part[];
  action: FocusAction | null;
}

/** One of the five steps. */
export interface FocusStep {
  key: 'identify' | 'exploit' | 'subordinate' | 'elevate' | 'repeat';
  title: string;
  items: FocusItem[];
}

/** What improving one stage that is not the constraint does. */
export interface FocusLesson {
  stageId: StageId;
  text: Part[];
  actions: FocusAction[];
}

/** The panel: the steps and the lessons, or a message instead. */
export type FocusView =
  { kind: 'steps'; steps: FocusStep[]; lessons: FocusLesson[] } | { kind: 'message'; text: string };

type Steps = Extract<FocusingSteps, { kind: 'steps' }>;

const said = (text: Part[]): FocusItem => ({ text, action: null });

/** A what-if as a line with its button: "Contact’s capacity 1,500 → 1,650 (+10 %): +0.25 won/mo". */
function whatIfItem(w: Wording, asked: string, what: WhatIf): FocusItem {
  return {
    text: [
      t(`${changeText(w, what.changes)} (${raiseName(what.raises, asked)}): `),
      ...gainText(w, what),
    ],
    action: action(w, what.changes),
  };
}

/** Identify: the report's headline and the constraint's load, as the summary states them. */
function identify(w: Wording): FocusItem[] {
  const facts = constraintFacts(w);
  const [first, ...rest] = facts.lead;
  return [
    said([...facts.headline, ...(first ? [t(' '), ...first] : [])]),
    ...rest.map(said),
    ...pullLine(w).map(said),
  ];
}

/** Subordinate when it applies: the rope, what stops piling up, and what is left. */
function ropeItems(w: Wording, sub: Extract<Steps['subordinate'], { applies: true }>): FocusItem[] {
  const left = formatCount(sub.pileupLeft);
  const roped = sub.ropedTo.length > 1 ? [t(` Roped to ${list(sub.ropedTo.map(w.name))}.`)] : [];
  return [
    {
      text: [
        t(`The rope: release ${changeText(w, sub.changes)}${w.per}: `),
        s(`${formatCount(sub.pileupRemoved)}${w.per}`),
        t(' stop piling up'),
        ...(formatMoney(sub.inventoryRemoved, w.model.currency) !== formatMoney(0, w.model.currency)
          ? [
              t(', and '),
              s(`${formatMoney(sub.inventoryRemoved, w.model.currency)}${w.per}`),
              t(' of inventory'),
            ]
          : []),
        t('.'),
        ...roped,
        ...(left === '0'
          ? []
          : sub.referredOverload
            ? [
                t(
                  ` Referred leads alone still overload ${sub.ropedTo.length === 1 ? w.name(sub.ropedTo[0] as StageId) : 'a roped stage'}: ${left}${w.per} pile up.`,
                ),
              ]
            : [t(` Still piling up after the rope: ${left}${w.per}.`)]),
      ],
      action: action(w, sub.changes),
    },
    said(
      sub.upstreamOperatingExpense > 0
        ? [
            t('Operating expense upstream that could be spent elsewhere: '),
            s(`${formatMoney(sub.upstreamOperatingExpense, w.model.currency)}${w.per}`),
            t('.'),
          ]
        : [t('The stages upstream have no operating expense to spend elsewhere.')],
    ),
  ];
}

/** Subordinate when no binding stage piles up: what piles up, if anything, from the flow. */
function noRope(w: Wording, flow: Steps['identify']['flow']): FocusItem[] {
  const piling = flow.stages.filter(piles);
  if (piling.length === 0) return [said([t('Nothing piles up: there is nothing to hold back.')])];
  return [
    said([
      t('No binding stage piles up, so there is no rope to tie; '),
      ...piling.flatMap((f, i) => [
        ...(i > 0 ? [t(i === piling.length - 1 ? ' and ' : ', ')] : []),
        s(w.name(f.id)),
        t(` (${formatCount(f.pileup)}${w.per})`),
      ]),
      t(
        `: ${piling.length === 1 ? 'it piles' : 'they pile'} up, yet more capacity there adds nothing.`,
      ),
    ]),
  ];
}

function elevateItems(w: Wording, e: Elevate, apply: readonly CellChange[]): FocusItem[] {
  if (e.changes.length === 0)
    return [
      said([
        t('Lift the constraint’s capacity and '),
        s('the loop compounds'),
        t(': growth is then limited by the market only.'),
      ]),
    ];
  const after = e.after
    ? [t(': '), s(`${formatCount(e.after.units)} ${w.noun}${w.per}`), t(' at that capacity.')]
    : [t('.')];
  const writes = apply.length > 0 ? apply : e.changes;
  const items: FocusItem[] = [
    {
      text: [
        t(`Raise ${changeText(w, e.changes)}${w.per} and the constraint moves to `),
        s(limitText(w, e.next)),
        ...after,
      ],
      action: action(w, writes),
    },
  ];
  if (apply.some((a, i) => a.value !== e.changes[i]?.value))
    items.push(
      said([
        t(
          'Exactly there the old and the new constraint tie; applying goes one step past, so the constraint really moves.',
        ),
      ]),
    );
  if (e.demand)
    items.push({
      text: [
        t(
          `It gains only if arrivals rise too: with ${changeText(w, e.demand.changes)}${w.per} as well (${timesToday(e.demand.factor)}), `,
        ),
        ...(e.demand.after
          ? [s(`${formatCount(e.demand.after.units)} ${w.noun}${w.per}`), t('.')]
          : [s('the loop compounds'), t('.')]),
      ],
      action: action(w, [...writes, ...e.demand.changes]),
    });
  return items;
}

const POSITION: Record<Exclude<Position, null>, string> = {
  upstream: 'upstream: the constraint cannot take more',
  downstream: 'downstream: it scales what the constraint lets through',
  elsewhere: 'another channel',
};

function lesson(w: Wording, l: StageLesson): FocusLesson {
  const name = w.name(l.stageId);
  const mark = possessive(name).slice(name.length);
  const text: Part[] = [];
  const actions: FocusAction[] = [];
  if (l.conversion) {
    const what = raiseName(l.conversion.raises, '+1 point');
    text.push(
      t('Raising '),
      s(name),
      t(`${mark} conversion ${what}: `),
      ...gainText(w, l.conversion),
    );
    actions.push({ ...action(w, l.conversion.changes), label: `${what} (${name})` });
  }
  if (l.capacity) {
    const what = raiseName(l.capacity.raises, '+10 %');
    text.push(
      ...(l.conversion
        ? [t(`; its capacity ${what}: `)]
        : [t('Raising '), s(name), t(`${mark} capacity ${what}: `)]),
      ...gainText(w, l.capacity),
    );
    actions.push({ ...action(w, l.capacity.changes), label: `${what} capacity (${name})` });
  }
  if (text.length === 0) text.push(s(name), t(' converts 100 % with unlimited capacity'));
  text.push(t(l.position ? ` — ${POSITION[l.position]}.` : '.'));
  return { stageId: l.stageId, text, actions };
}

/** The five steps, once the analysis has a steady state to focus on. */
function stepsOf(w: Wording, steps: Steps, elevateChanges: readonly CellChange[]): FocusStep[] {
  // With the market as the constraint, exploit, subordinate and elevate wait: Identify says why.
  const market = steps.identify.constraint.kind === 'market';
  const wait = (step: { applies: false; reason: string }): FocusItem[] => [
    said([t(market ? 'Not while demand is the constraint (see Identify).' : step.reason)]),
  ];
  const ex = steps.exploit;
  const exploit = ex.applies
    ? [
        ...(ex.conversion ? [whatIfItem(w, '+1 point', ex.conversion)] : []),
        ...(ex.capacity ? [whatIfItem(w, '+10 %, used better', ex.capacity)] : []),
      ]
    : wait(ex);
  const sub = steps.subordinate;
  const subordinate = sub.applies
    ? ropeItems(w, sub)
    : market
      ? wait(sub)
      : noRope(w, steps.identify.flow);
  const elevate = steps.elevate.applies
    ? elevateItems(w, steps.elevate, elevateChanges)
    : wait(steps.elevate);
  const [next, after] = steps.repeat;
  const repeat: FocusItem[] =
    next === undefined
      ? [said([t('Nothing to repeat: the market is the constraint.')])]
      : [
          said([
            t('Next constraint: '),
            s(limitText(w, next)),
            ...(after ? [t('; after elevating that too: '), s(limitText(w, after))] : []),
            t('.'),
          ]),
        ];
  return [
    { key: 'identify', title: 'Identify', items: identify(w) },
    { key: 'exploit', title: 'Exploit', items: exploit },
    { key: 'subordinate', title: 'Subordinate', items: subordinate },
    { key: 'elevate', title: 'Elevate', items: elevate },
    { key: 'repeat', title: 'Repeat', items: repeat },
  ];
}

/**
 * The focusing-steps panel for a model, its analysis and its focusing steps
 * (`focusOf(analysis)`).
 *
 * @returns a message instead of steps when the analysis is blocked by a cell,
 *   or when pull has no steady state to focus on
 */
export function focusView(model: Model, analysis: Analysis, focus: Focus): FocusView {
  if (analysis.issues.length > 0)
    return {
      kind: 'message',
      text: 'Fix the cells the summary lists first: the steps need numbers to trust.',
    };
  const steps = focus.focusing;
  if (steps.kind === 'compounds') return { kind: 'message', text: steps.message };
  const w = wording(model, analysis);
  return {
    kind: 'steps',
    steps: stepsOf(w, steps, focus.elevateChanges),
    lessons: steps.others.map((l) => lesson(w, l)),
  };
}
