/*
 * Sentences as parts: the report writes them once, the UI renders `strong`
 * parts in bold and the CLI prints their text as plain lines.
 */

/** A piece of a sentence; `strong` pieces are stage names and key numbers. */
export interface Part {
  text: string;
  strong?: boolean;
}

/** A strong part: a stage name or a key number. */
export const s = (text: string): Part => ({ text, strong: true });

/** A plain part. */
export const t = (text: string): Part => ({ text });

/** "A", "A and B", "A, B and C". */
export function list(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Parts joined like {@link list}: "A", "A and B", "A, B and C", each item's parts kept. */
export function listParts(items: readonly Part[][]): Part[] {
  return items.flatMap((item, i) => [
    ...(i === 0 ? [] : [t(i === items.length - 1 ? ' and ' : ', ')]),
    ...item,
  ]);
}

/** A sentence's text without emphasis (for the command line and tests). */
export function plain(parts: readonly Part[]): string {
  return parts.map((p) => p.text).join('');
}

/** "Contact’s", "Meetings’". */
export const possessive = (name: string): string => (/s$/i.test(name) ? `${name}’` : `${name}’s`);
