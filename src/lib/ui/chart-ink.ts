/*
 * The font and neutral colours of the drawings that can be exported as they
 * are (the Sankey, the growth and pileup charts). They are SVG attributes,
 * not page CSS variables, so a saved SVG or PNG looks the same outside the app.
 */

/** Font family of every text in a drawing. */
export const CHART_FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** Titles and names. */
export const CHART_INK = '#0f172a';

/** Tick labels, axes and secondary text. */
export const CHART_MUTED = '#475569';

/** Grid lines behind a chart. */
export const CHART_GRID = '#e2e8f0';
