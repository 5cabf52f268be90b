import type { Choice } from './types';

/*
 * Type-ahead for a list cell ("Feeds into"): which options a typed text
 * leaves, best first.
 */

/**
 * The options a typed text picks, as a spreadsheet's list cell filters them:
 * labels that start with the text (case- and accent-insensitive) first, then
 * labels with a word starting with it, then labels containing it anywhere;
 * each group in the list's own order. A blank text keeps every option.
 *
 * @param options the list, in its order
 * @param typed what the user typed
 */
export function filterChoices(options: readonly Choice[], typed: string): Choice[] {
  const query = fold(typed.trim());
  if (query === '') return [...options];
  const rank = (label: string): number => {
    const text = fold(label);
    if (text.startsWith(query)) return 0;
    if (text.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(query))) return 1;
    return text.includes(query) ? 2 : -1;
  };
  const ranked = options.map((option) => ({ option, rank: rank(option.label) }));
  return [0, 1, 2].flatMap((r) => ranked.filter((x) => x.rank === r).map((x) => x.option));
}

/** Lower case without accents, for matching typed text to labels. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
