/*
 * Formula injection (CSV injection), OWASP: a spreadsheet treats a cell that
 * starts with = + - @ tab or carriage return as a formula, so a label such as
 * `=HYPERLINK("http://evil","Click")` taken from a CRM export would run when
 * the file is opened. Exports put a leading apostrophe before such text; our
 * importers take it off again, so labels round-trip exactly.
 * Source: https://owasp.org/www-community/attacks/CSV_Injection
 */

/** First characters that make a spreadsheet read a cell as a formula. */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** A plain decimal number (`-5`, `+0.25`, `12%`, `1e3`): safe as it is, and kept a number. */
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?%?$/i;

/**
 * Makes text safe for a CSV cell: text starting with a formula trigger, or
 * with an apostrophe (so that taking one off again is unambiguous), gets a
 * leading `'`.
 *
 * @param text the cell's text
 * @param numbersSafe leave plain decimal numbers such as `-5` alone (number columns)
 */
export function neutralizeCell(text: string, numbersSafe = false): string {
  if (numbersSafe && PLAIN_NUMBER.test(text)) return text;
  const first = text[0];
  return first !== undefined && (TRIGGERS.has(first) || first === "'") ? `'${text}` : text;
}

/**
 * Undoes {@link neutralizeCell}: takes one leading `'` off when a trigger or
 * another `'` follows it. Text that merely starts with `'` (`'til then`)
 * stays as it is.
 */
export function restoreCell(text: string): string {
  const second = text[1];
  if (text[0] !== "'" || second === undefined) return text;
  return TRIGGERS.has(second) || second === "'" ? text.slice(1) : text;
}
