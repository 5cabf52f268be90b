import { bundleSection } from './bundle';
import { engineSection } from './engine';
import { growthBrowserSection } from './growth-browser';
import { growthSection } from './growth';
import { formatTable, type BenchSection } from './section';
import { shareLinkSection } from './share-link';

/*
 * `npm run bench`: prints every section's figures beside PRODUCT.md's
 * budgets ("Budgets"). Figures, not pass/fail: nothing here fails on a
 * budget. `npm run bench -- engine bundle` runs the named sections only.
 * A new section (simulation, share-link length, …) is a file exporting a
 * BenchSection, added to this list.
 */
const SECTIONS: readonly BenchSection[] = [
  engineSection,
  bundleSection,
  shareLinkSection,
  growthSection,
  growthBrowserSection,
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((id) => !SECTIONS.some((s) => s.id === id));
if (unknown.length > 0) {
  console.error(
    `Unknown section ${unknown.join(', ')}; sections: ${SECTIONS.map((s) => s.id).join(', ')}.`,
  );
  process.exit(2);
}

console.log(`Bottleneck benchmark · Node ${process.version} · ${new Date().toISOString()}\n`);
for (const section of SECTIONS) {
  if (wanted.length > 0 && !wanted.includes(section.id)) continue;
  const rows = await section.run();
  console.log(`${formatTable(section.title, rows)}\n`);
}
