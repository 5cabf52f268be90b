import type { Analysis } from '../../analysis/analyze';
import type { Elevate } from '../../analysis/elevate';
import type { FocusingSteps, Position, StageLesson } from '../../analysis/focusing';
import type { Focus } from '../../analysis/growth';
import type { CellChange, WhatIf } from '../../analysis/trial';
import type { Model, StageId } from '../../model/types';
import { formatCount, formatMoney, perPeriodShort } from '../format';
import type { Part } from '../summary/summary';
import {
  action,
  changeText,
  gainText,
  limitText,
  list,
  nameOf,
  possessive,
  s,
  t,
  type Context,
  type FocusAction,
} from './words';

/*
 * The five focusing steps (Goldratt, The Goal) as sentences with numbers,
 * each what-if with the cell changes that apply it: what the Focusing panel
 * shows. Pure, so every sentence is unit-tested.
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

/** A what-if as a line with its button: "Contact’s capacity 1,500 → 1,650 (+10 %): +0.25 won/mo". */
function whatIfItem(c: Context, what: string, w: WhatIf): FocusItem {
  return {
    text: [t(`${changeText(c, w.changes)} (${what}): `), ...gainText(c, w)],
    action: action(c, w.changes),
  };
}

function identify(c: Context, steps: Extract<FocusingSteps, { kind: 'steps' }>): FocusItem[] {
  const { constraint, flow, referred } = steps.identify;
  const loop =
    referred > 0 && c.analysis.inputs.loop.entry
      ? [
          t(
            ` Pull: ${formatCount(referred)} referred leads${c.per} enter ${nameOf(c, c.analysis.inputs.loop.entry)} and count.`,
          ),
        ]
      : [];
  if (constraint.kind === 'market') {
    const why = steps.exploit.applies ? '' : ` ${steps.exploit.reason}`;
    return [
      {
        text: [t('The constraint is the '), s('market'), t(` (demand).${why}`), ...loop],
        action: null,
      },
    ];
  }
  const names = constraint.stages.map((id) => nameOf(c, id));
  if (constraint.kind === 'tie')
    return [
      {
        text: [
          t('A tie: '),
          s(list(names)),
          t(' bind at the same level, so the steps below work them together.'),
          ...loop,
        ],
        action: null,
      },
    ];
  const f = flow.stages.find((x) => x.id === constraint.stages[0]);
  const load = f
    ? [
        t(`: ${formatCount(f.inflow)} arrive${c.per}, it processes ${formatCount(f.processed)}; `),
        s(`${formatCount(f.pileup)}${c.per}`),
        t(' pile up.'),
      ]
    : [t('.')];
  return [{ text: [s(names[0] ?? ''), t(' is the constraint'), ...load, ...loop], action: null }];
}

function elevateItems(c: Context, e: Elevate, apply: readonly CellChange[]): FocusItem[] {
  if (e.changes.length === 0)
    return [
      {
        text: [
          t('Lift the constraint’s capacity and '),
          s('the loop compounds'),
          t(': growth is then limited by the market only.'),
        ],
        action: null,
      },
    ];
  const after = e.after
    ? [t(': '), s(`${formatCount(e.after.units)} won${c.per}`), t(' at that capacity.')]
    : [t('.')];
  const items: FocusItem[] = [
    {
      text: [
        t(`Raise ${changeText(c, e.changes)}${c.per} and the constraint moves to `),
        s(limitText(c, e.next)),
        ...after,
      ],
      action: action(c, apply.length > 0 ? apply : e.changes),
    },
  ];
  const past = apply.some((a, i) => a.value !== e.changes[i]?.value);
  if (past)
    items.push({
      text: [
        t(
          'Exactly there the old and the new constraint tie; applying goes one step past, so the constraint really moves.',
        ),
      ],
      action: null,
    });
  return items;
}

const POSITION: Record<Exclude<Position, null>, string> = {
  upstream: 'upstream: the constraint cannot take more',
  downstream: 'downstream: it scales what the constraint lets through',
  elsewhere: 'another channel',
};

function lesson(c: Context, l: StageLesson): FocusLesson {
  const name = nameOf(c, l.stageId);
  const mark = possessive(name).slice(name.length);
  const text: Part[] = [];
  const actions: FocusAction[] = [];
  if (l.conversion) {
    text.push(
      t('Raising '),
      s(name),
      t(`${mark} conversion +1 point: `),
      ...gainText(c, l.conversion),
    );
    actions.push({ ...action(c, l.conversion.changes), label: `+1 point (${name})` });
  }
  if (l.capacity) {
    text.push(
      ...(l.conversion
        ? [t('; its capacity +10 %: ')]
        : [t('Raising '), s(name), t(`${mark} capacity +10 %: `)]),
      ...gainText(c, l.capacity),
    );
    actions.push({ ...action(c, l.capacity.changes), label: `+10 % capacity (${name})` });
  }
  if (text.length === 0) text.push(s(name), t(' converts 100 % with unlimited capacity'));
  text.push(t(l.position ? ` — ${POSITION[l.position]}.` : '.'));
  return { stageId: l.stageId, text, actions };
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
  const c: Context = {
    model,
    analysis,
    per: perPeriodShort(model.period),
    money: analysis.objective === 'money',
  };
  // With the market as the constraint, exploit, subordinate and elevate share one reason:
  // Identify gives it once, the steps say they wait.
  const market = steps.identify.constraint.kind === 'market';
  const reason = (step: { applies: false; reason: string }): FocusItem[] => [
    {
      text: [t(market ? 'Not while demand is the constraint (see Identify).' : step.reason)],
      action: null,
    },
  ];
  const exploit = steps.exploit.applies
    ? [
        ...(steps.exploit.conversion ? [whatIfItem(c, '+1 point', steps.exploit.conversion)] : []),
        ...(steps.exploit.capacity
          ? [whatIfItem(c, '+10 %, used better', steps.exploit.capacity)]
          : []),
      ]
    : reason(steps.exploit);
  const sub = steps.subordinate;
  const subordinate: FocusItem[] = sub.applies
    ? [
        {
          text: [
            t(`The rope: release ${changeText(c, sub.changes)}${c.per}: `),
            s(`${formatCount(sub.pileupRemoved)}${c.per}`),
            t(' stop piling up'),
            ...(sub.inventoryRemoved > 1e-9
              ? [
                  t(', and '),
                  s(`${formatMoney(sub.inventoryRemoved, model.currency)}${c.per}`),
                  t(' of inventory'),
                ]
              : []),
            t('.'),
            ...(sub.pileupLeft > 1e-9
              ? [
                  t(
                    ` Referred leads alone still overload it: ${formatCount(sub.pileupLeft)}${c.per} pile up.`,
                  ),
                ]
              : []),
          ],
          action: action(c, sub.changes),
        },
        {
          text:
            sub.upstreamOperatingExpense > 0
              ? [
                  t('Operating expense upstream that could be spent elsewhere: '),
                  s(`${formatMoney(sub.upstreamOperatingExpense, model.currency)}${c.per}`),
                  t('.'),
                ]
              : [t('The stages upstream have no operating expense to spend elsewhere.')],
          action: null,
        },
      ]
    : reason(sub);
  const elevate = steps.elevate.applies
    ? elevateItems(c, steps.elevate, focus.elevateChanges)
    : reason(steps.elevate);
  const [next, after] = steps.repeat;
  const repeat: FocusItem[] =
    next === undefined
      ? [{ text: [t('Nothing to repeat: the market is the constraint.')], action: null }]
      : [
          {
            text: [
              t('Next constraint: '),
              s(limitText(c, next)),
              ...(after ? [t('; after elevating that too: '), s(limitText(c, after))] : []),
              t('.'),
            ],
            action: null,
          },
        ];
  return {
    kind: 'steps',
    steps: [
      { key: 'identify', title: 'Identify', items: identify(c, steps) },
      { key: 'exploit', title: 'Exploit', items: exploit },
      { key: 'subordinate', title: 'Subordinate', items: subordinate },
      { key: 'elevate', title: 'Elevate', items: elevate },
      { key: 'repeat', title: 'Repeat', items: repeat },
    ],
    lessons: steps.others.map((l) => lesson(c, l)),
  };
}
