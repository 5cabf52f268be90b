/** What a dropped or opened file is, so the right importer reads it. */
export type FileKind = 'model' | 'xlsx' | 'csv' | 'sankeymatic' | 'unknown';

/**
 * Tells a file's kind from its first bytes, then its name: a ZIP is a
 * workbook, `{` a model, lines of `A [n] B` SankeyMATIC text, else a .csv,
 * .tsv or .txt is a table.
 *
 * @param name the file name
 * @param head its first bytes (a few KB)
 */
export function fileKind(name: string, head: Uint8Array): FileKind {
  if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
  const text = new TextDecoder('utf-8')
    .decode(head)
    .replace(/^\ufeff/, '')
    .trimStart();
  if (text.startsWith('{')) return 'model';
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith('//') && !l.startsWith(':'));
  if (lines.length > 0 && lines.slice(0, 20).every((l) => /^.+\[[^\]]*\].+$/.test(l)))
    return 'sankeymatic';
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'json') return 'model';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  return 'unknown';
}
