import { describe, expect, it } from 'vitest';
import { decodeShareFragment, encodeShareFragment } from '../../../src/lib/io/share-link';
import { fromSankeymatic } from '../../../src/lib/io/sankeymatic-import';
import { importGridCsv } from '../../../src/lib/io/sheet-import';
import { pasteToModel } from '../../../src/lib/io/paste';
import { cleanName, cleanNote } from '../../../src/lib/model/clean-text';
import { setAssumptionField, setStageName } from '../../../src/lib/model/edits';
import { renameAssumption } from '../../../src/lib/model/rename';
import { restoreModel } from '../../../src/lib/model/restore';
import { seedExample } from '../../../src/lib/model/examples/seed';
import { xmlSafe } from '../../../src/lib/ui/transfer/xml-safe';

// Control characters in names (issue 9, item 25): one sanitiser, used by
// restore (so every file, link and import), typing and pasting.

const BELL = 'Leads\u0007';
const seed = () => restoreModel(structuredClone(seedExample));

describe('cleanName and cleanNote', () => {
  it('removes controls, DEL, C1 and unpaired surrogates from a name; a break or tab is a space', () => {
    expect(cleanName(BELL)).toBe('Leads');
    expect(cleanName('\u001b[31mRed\u001b[0m')).toBe('[31mRed[0m');
    expect(cleanName('Won\u007f\u0085\u009b')).toBe('Won ');
    expect(cleanName('Two\r\nlines\tand\u2028more')).toBe('Two lines and more');
    expect(cleanName('bad \ud800 half \udc00')).toBe('bad  half ');
    expect(cleanName('\ufffe\uffff')).toBe('');
  });

  it('keeps every script, emoji and right-to-left marks', () => {
    for (const name of ['Démo 🚀', 'עסקאות\u200f', 'صفقات', '商机', 'a\u00a0b']) {
      expect(cleanName(name)).toBe(name);
    }
  });

  it('keeps a note’s line breaks (as \\n) and tabs', () => {
    expect(cleanNote('one\r\ntwo\rthree\n\tfour\u0007')).toBe('one\ntwo\nthree\n\tfour');
  });
});

describe('names are cleaned wherever they come in', () => {
  it('restore (files, links, storage)', () => {
    const doc = structuredClone(seedExample) as unknown as {
      name: string;
      stages: { name: string }[];
      assumptions: { name: string; note: string }[];
      notes: { undesirable: string };
    };
    doc.name = 'Q3\u0000 plan';
    doc.stages[0]!.name = BELL;
    doc.assumptions[0]!.note = 'per\u001b AE\nper week';
    doc.notes.undesirable = 'slow\u0008';
    const m = restoreModel(doc);
    expect(m.name).toBe('Q3 plan');
    expect(m.stages[0]!.name).toBe('Leads');
    expect(m.assumptions[0]!.note).toBe('per AE\nper week');
    expect(m.notes.undesirable).toBe('slow');
    expect(() => restoreModel({ ...doc, stages: [{ id: 'a', name: '\u0007' }] })).toThrow(
      /field "name": is required/,
    );
  });

  it('a share link', () => {
    const m = seed();
    const hostile = { ...m, stages: [{ ...m.stages[0]!, name: BELL }, ...m.stages.slice(1)] };
    expect(decodeShareFragment(encodeShareFragment(hostile)).stages[0]!.name).toBe('Leads');
  });

  it('typing a stage or assumption name, or renaming an assumption', () => {
    const m = seed();
    expect(setStageName(m, 0, `${BELL}\n`).stages[0]!.name).toBe('Leads');
    expect(() => setStageName(m, 0, '\u0007\u0008')).toThrow('A stage needs a name.');
    expect(setAssumptionField(m, 0, 'name', 'AE\u0007s').assumptions[0]!.name).toBe('AEs');
    expect(setAssumptionField(m, 0, 'note', 'a\u0007\nb').assumptions[0]!.note).toBe('a\nb');
    const renamed = renameAssumption(m, 0, 'Reps\u0007');
    expect(renamed.assumptions[0]!.name).toBe('Reps');
    expect(renamed.stages.some((s) => s.capacity.includes('Reps*'))).toBe(true);
  });

  it('pasting a table, a grid CSV and SankeyMATIC text', () => {
    expect(pasteToModel(`${BELL}\t100\nWon\t10`).model.stages[0]!.name).toBe('Leads');
    expect(importGridCsv(`Stage,Arrivals\n${BELL},100\n`).model.stages[0]!.name).toBe('Leads');
    const diagram = fromSankeymatic(`${BELL} [100] Won\u001b\n`).model;
    expect(diagram.stages.map((s) => s.name)).toEqual(['Leads', 'Won']);
  });
});

describe('an exported SVG is valid XML whatever a label holds', () => {
  it('removes the characters XML 1.0 forbids and keeps tab, breaks and all text', () => {
    const svg =
      '<svg><text>Leads\u0007 \u001b[0m\ud800</text><title>a\tb\nc\r\u00e9🚀</title></svg>';
    expect(xmlSafe(svg)).toBe('<svg><text>Leads [0m</text><title>a\tb\nc\r\u00e9🚀</title></svg>');
  });
});
