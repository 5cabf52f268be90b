import { stringifyModel } from '../../io/model-json';
import type { Model } from '../../model/types';

/**
 * A file name for a model: its name with anything but letters, digits, `-`
 * and `_` turned into `-`, then `.json`, e.g. `Outbound-AE-constrained.json`.
 */
export function modelFileName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'model'}.json`;
}

/** Saves the model as a format-1 JSON file through the browser's download (nothing leaves the machine). */
export function downloadModel(model: Model): void {
  const url = URL.createObjectURL(new Blob([stringifyModel(model)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = modelFileName(model.name);
  link.click();
  // The download has started by the next tick; keep the URL a little longer for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
