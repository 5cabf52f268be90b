/// <reference lib="webworker" />
import { toImportError } from '../../io/errors';
import { importXlsx } from '../../io/xlsx-import';
import type { WorkbookRequest, WorkbookResponse } from './workbook-protocol';

/*
 * Reads one workbook off the page's thread: unzipping (with the inflated
 * bytes counted) and exceljs's parsing never freeze the page, and Cancel
 * ends this worker outright. One worker per read; the page terminates it.
 */

self.addEventListener('message', (event: MessageEvent<WorkbookRequest>) => {
  const { bytes, file, base, header, columns } = event.data;
  const options = {
    file,
    base,
    ...(header !== undefined && { header }),
    ...(columns !== undefined && { columns }),
  };
  importXlsx(bytes, options).then(
    (read) => self.postMessage({ ok: true, read } satisfies WorkbookResponse),
    (error: unknown) => {
      const e = toImportError(error, file);
      const failure: WorkbookResponse = {
        ok: false,
        error: {
          message: e.message,
          ...(e.file !== undefined && { file: e.file }),
          cancelled: e.cancelled,
          internal: e.internal,
          problems: e.problems,
        },
      };
      self.postMessage(failure);
    },
  );
});
