import { describe, expect, it } from 'vitest';
import { saveStatusLabel } from '../../../src/lib/ui/library/save-status';
import { updatedLabel } from '../../../src/lib/ui/library/updated';

describe('the header’s save status', () => {
  const stored = (status: Parameters<typeof saveStatusLabel>[0]['status']) =>
    saveStatusLabel({ mode: 'library', unsaved: null, status });

  it('says Saved, Saving…, Retrying… and why saving stopped', () => {
    expect(stored({ state: 'saved', revision: 3 })).toMatchObject({ text: 'Saved', tone: 'ok' });
    expect(stored({ state: 'pending' }).text).toBe('Saving…');
    expect(stored({ state: 'saving' }).text).toBe('Saving…');
    const failure = { quota: false, attempt: 1, retryInMs: 1000, message: 'Saving failed: I/O.' };
    expect(stored({ state: 'retrying', ...failure })).toMatchObject({
      text: 'Retrying…',
      detail: 'Saving failed: I/O.',
    });
    expect(stored({ state: 'error', ...failure }).text).toBe('Not saved');
    expect(stored({ state: 'error', ...failure, quota: true })).toMatchObject({
      text: 'Storage full',
      tone: 'bad',
    });
    expect(
      stored({ state: 'conflict', reason: 'deleted', message: 'Deleted elsewhere.' }),
    ).toMatchObject({ text: 'Not saved', detail: 'Deleted elsewhere.' });
  });

  it('says when the model is not stored at all', () => {
    const waiting = { state: 'waiting' } as const;
    expect(saveStatusLabel({ mode: 'memory', unsaved: null, status: waiting }).text).toBe(
      'In memory only',
    );
    expect(saveStatusLabel({ mode: 'library', unsaved: 'shared', status: waiting })).toMatchObject({
      text: 'Not saved',
      detail: 'A shared model: Save to keep it.',
    });
    expect(saveStatusLabel({ mode: 'loading', unsaved: null, status: waiting }).text).toBe(
      'Opening…',
    );
  });
});

describe('when a model was saved', () => {
  const now = Date.UTC(2026, 2, 12, 12, 0);
  it('reads as people say it', () => {
    expect(updatedLabel(now - 20_000, now)).toBe('just now');
    expect(updatedLabel(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(updatedLabel(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(updatedLabel(now - 30 * 3_600_000, now)).toBe('yesterday');
    expect(updatedLabel(Date.UTC(2026, 0, 3, 12), now)).toBe('3 Jan');
    expect(updatedLabel(Date.UTC(2025, 6, 9, 12), now)).toBe('9 Jul 2025');
  });
});
