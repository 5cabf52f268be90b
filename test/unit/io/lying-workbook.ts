import { constants, crc32, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { gridToXlsx } from '../../../src/lib/io/xlsx';
import { EXAMPLES } from '../../../src/lib/model/examples';
import { analyzeModel } from '../helpers';

/*
 * Workbooks made in the test, never committed: a real Bottleneck workbook
 * whose Funnel sheet is replaced by a deflate stream that inflates to
 * gigabytes while the ZIP headers claim a kilobyte (issue 9, item 23).
 */

/** A ZIP entry to write: stored as it is, or already deflated with the sizes to claim. */
interface Entry {
  name: string;
  data: Uint8Array;
  /** Already deflate-raw data: written with method 8, claiming `claimed` bytes inflated. */
  deflated?: { claimed: number };
}

/** A ZIP archive of the entries (little-endian headers, no data descriptors). */
function writeZip(entries: readonly Entry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.deflated ? 8 : 0;
    const crc = e.deflated ? 0 : crc32(e.data);
    const size = e.deflated ? e.deflated.claimed : e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.data));
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/**
 * A deflate-raw stream of `megabytes` MB of `<` bytes, about 1 KB per MB: one
 * megabyte deflated with a full flush (so the window starts empty again and
 * the piece can repeat), repeated, then an empty final block.
 */
export function deflateBomb(megabytes: number): Uint8Array {
  const piece = deflateRawSync(Buffer.alloc(1024 * 1024, '<'), {
    level: 9,
    finishFlush: constants.Z_FULL_FLUSH,
  });
  const out = new Uint8Array(piece.length * megabytes + 2);
  for (let i = 0; i < megabytes; i++) out.set(piece, i * piece.length);
  out.set([0x03, 0x00], piece.length * megabytes);
  return out;
}

/** The parts of a real workbook (the first example model, as the app exports it). */
export async function workbookParts(): Promise<Record<string, Uint8Array>> {
  const model = EXAMPLES[0]!.model();
  return unzipSync(await gridToXlsx(model, analyzeModel(model).flow));
}

/**
 * A workbook as a ZIP archive of `parts` (stored), plus `extra` entries.
 *
 * @param extra more entries, e.g. a deflate bomb claiming a small size
 */
export function workbookZip(
  parts: Record<string, Uint8Array>,
  extra: readonly Entry[] = [],
): Uint8Array {
  const replaced = new Set(extra.map((e) => e.name));
  return writeZip([
    ...Object.entries(parts)
      .filter(([name]) => !replaced.has(name))
      .map(([name, data]) => ({ name, data })),
    ...extra,
  ]);
}

/**
 * The lying workbook of issue 9: a real workbook whose first sheet is a
 * deflate stream of `megabytes` MB (6,144 → 6 GB in about 6 MB of file),
 * while its ZIP headers claim `claimed` bytes (1 KB).
 */
export async function lyingWorkbook(megabytes = 6144, claimed = 1024): Promise<Uint8Array> {
  return workbookZip(await workbookParts(), [
    { name: 'xl/worksheets/sheet1.xml', data: deflateBomb(megabytes), deflated: { claimed } },
  ]);
}
