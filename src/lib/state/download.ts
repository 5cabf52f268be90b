import { fileNameFor, modelFileText } from '../io/model-file';
import type { Model } from '../model/types';

/**
 * Saves data as a file through the browser's download (a Blob and an
 * `<a download>`), nothing sent anywhere.
 *
 * @param name the file name, e.g. `outbound.xlsx`
 * @param data the contents (a Blob keeps its own type)
 * @param type the MIME type when `data` is not a Blob
 */
export function download(
  name: string,
  data: Blob | string | Uint8Array<ArrayBuffer>,
  type = '',
): void {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the next minute; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Saves the model as its format-1 JSON file (nothing leaves the machine): the
 * way out when storage is full or missing.
 */
export function downloadModel(model: Model): void {
  download(fileNameFor(model, 'json'), modelFileText(model), 'application/json');
}
