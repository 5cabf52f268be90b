import type { AutosaveStatus } from '../../persistence/autosave';
import type { Unsaved } from '../../state/library.svelte';

/** The header's save status: a word or two, its tone (colour), and the full story for the tooltip. */
export interface SaveStatusLabel {
  text: string;
  tone: 'ok' | 'busy' | 'warn' | 'bad';
  detail: string;
}

/** What the save status line says about the open model. */
export interface SaveState {
  mode: 'loading' | 'library' | 'memory';
  unsaved: Unsaved;
  status: AutosaveStatus;
}

/**
 * The save status for the header: Saved, Saving…, Retrying…, or what stops
 * saving (in memory, not in the library yet, storage full, another tab).
 */
export function saveStatusLabel({ mode, unsaved, status }: SaveState): SaveStatusLabel {
  if (mode === 'loading') return { text: 'Opening…', tone: 'busy', detail: 'Opening your model' };
  if (mode === 'memory') {
    return {
      text: 'In memory only',
      tone: 'warn',
      detail:
        'Storage is unavailable: changes stay in this tab until it closes. Export to keep a copy.',
    };
  }
  if (unsaved === 'shared') {
    return { text: 'Not saved', tone: 'warn', detail: 'A shared model: Save to keep it.' };
  }
  if (unsaved === 'refused') {
    return { text: 'Not saved', tone: 'bad', detail: 'The browser refused to store this model.' };
  }
  switch (status.state) {
    case 'saved':
      return { text: 'Saved', tone: 'ok', detail: 'Every change is saved in this browser.' };
    case 'pending':
    case 'saving':
      return { text: 'Saving…', tone: 'busy', detail: 'Saving your last change.' };
    case 'retrying':
      return { text: 'Retrying…', tone: 'warn', detail: status.message };
    case 'error':
      return {
        text: status.quota ? 'Storage full' : 'Not saved',
        tone: 'bad',
        detail: status.message,
      };
    case 'conflict':
      return { text: 'Not saved', tone: 'bad', detail: status.message };
    case 'waiting':
      return { text: 'Opening…', tone: 'busy', detail: 'Opening your model' };
  }
}
