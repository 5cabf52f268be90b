import { fileNameFor, modelFileText } from '../../io/model-file';
import type { Model } from '../../model/types';

/**
 * Saves the model as its format-1 JSON file through the browser's download
 * (nothing leaves the machine): the way out when storage is full or missing.
 */
export function downloadModel(model: Model): void {
  const url = URL.createObjectURL(new Blob([modelFileText(model)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFor(model, 'json');
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started long before; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
