import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

/* axe-core in the browser tests: injected into the page as it is, run over the
   whole document, its violations returned as one line each. */

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The rules run: WCAG 2.0–2.2 levels A and AA, and axe's best practices (headings, landmarks). */
const OPTIONS: RunOptions = {
  runOnly: {
    type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
  },
  resultTypes: ['violations'],
};

/**
 * Runs axe-core over the page as it is now (open menus and dialogs included),
 * injecting axe first if the page does not have it yet.
 *
 * @returns one line per violation, `rule (impact): help — selector [why]; …`; empty when none
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async (options) => {
    const axe = (
      window as unknown as { axe: { run(c: Document, o: RunOptions): Promise<AxeResults> } }
    ).axe;
    const result = await axe.run(document, options);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map(
        (n) =>
          `${n.target.join(' ')} [${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}]`,
      ),
    }));
  }, OPTIONS);
  return violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.join('; ')}`);
}
