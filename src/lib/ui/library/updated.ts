/**
 * When a model was last saved, for the Models menu: "just now", "5 min ago",
 * "3 h ago", "yesterday", then the date ({@link shortDate}).
 *
 * @param at milliseconds since 1970
 * @param now the present, in the same unit
 */
export function updatedLabel(at: number, now: number = Date.now()): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  if (minutes < 48 * 60) return 'yesterday';
  return shortDate(at, now);
}

/**
 * A day as the Models menu writes it: "12 Mar", with the year ("12 Mar 2025")
 * only when it is not the present year.
 *
 * @param at milliseconds since 1970
 * @param now the present, in the same unit
 */
export function shortDate(at: number, now: number = Date.now()): string {
  const date = new Date(at);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}
