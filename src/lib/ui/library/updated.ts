/**
 * When a model was last saved, for the Models menu: "just now", "5 min ago",
 * "3 h ago", "yesterday", then the date ("12 Mar 2026"; the year only when
 * it is not this year's).
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
  const date = new Date(at);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}
