import { ImportError } from '../../io/errors';
import type { GridImport } from '../../io/sheet-import';
import type { WorkbookFailure, WorkbookRequest, WorkbookResponse } from './workbook-protocol';

/** The worker's failure as the {@link ImportError} it was. */
function asImportError(failure: WorkbookFailure): ImportError {
  return new ImportError(failure.message, {
    ...(failure.file !== undefined && { file: failure.file }),
    cancelled: failure.cancelled,
    internal: failure.internal,
    problems: failure.problems,
  });
}

/**
 * Reads a workbook in a Web Worker of its own (workbook.worker.ts), so
 * neither unzipping nor exceljs can freeze the page; where there are no
 * workers (Node), in this thread. An abort terminates the worker at once.
 *
 * @param request the bytes (transferred to the worker: the caller's copy is emptied), file name,
 *   corrections and base model
 * @param signal cancels the read
 * @returns the import, as io/xlsx-import.ts's `importXlsx` gives it
 * @throws ImportError (only): what the workbook's problem is, or `cancelled` after an abort
 */
export async function readWorkbook(
  request: WorkbookRequest,
  signal?: AbortSignal,
): Promise<GridImport> {
  const cancelled = () =>
    new ImportError('Import cancelled.', { file: request.file, cancelled: true });
  if (signal?.aborted) throw cancelled();
  if (typeof Worker === 'undefined') {
    const { importXlsx } = await import('../../io/xlsx-import');
    const { bytes, base, file, header, columns } = request;
    return importXlsx(bytes, {
      file,
      base,
      ...(header !== undefined && { header }),
      ...(columns !== undefined && { columns }),
    });
  }
  const worker = new Worker(new URL('./workbook.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<GridImport>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(cancelled()), { once: true });
      worker.addEventListener('message', (event: MessageEvent<WorkbookResponse>) => {
        const answer = event.data;
        if (answer.ok) resolve(answer.read);
        else reject(asImportError(answer.error));
      });
      worker.addEventListener('error', (event) =>
        reject(
          new ImportError(
            `${request.file}: could not be read (${event.message || 'the workbook reader stopped'}).`,
            {
              file: request.file,
              internal: true,
            },
          ),
        ),
      );
      worker.postMessage(request, [request.bytes.buffer]);
    });
  } finally {
    worker.terminate();
  }
}
