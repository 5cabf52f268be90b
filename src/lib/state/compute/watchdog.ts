import type { Port } from './client';
import type { ComputeRequest, ComputeResponse } from './protocol';

/*
 * Numbered requests over a port, each watched: one left unanswered too long
 * (a formula keeping HyperFormula busy) is abandoned, the worker terminated
 * and a new one started, so nothing queued behind it waits for good.
 */

/** A request before it is numbered: each kind of {@link ComputeRequest} without its `id`. */
export type Unnumbered<R> = R extends unknown ? Omit<R, 'id'> : never;

/** The formula a careful analysis announced last (protocol `evaluating`). */
export type EvaluatingCell = Extract<ComputeResponse, { type: 'evaluating' }>['cell'];

/** The watchdog's answer to a request it abandoned: the worker was restarted. */
export interface Stopped {
  type: 'stopped';
  /** The formula a careful analysis was adding when it was stopped; null when none was announced. */
  last: EvaluatingCell | null;
  /** How long it went unanswered, in seconds. */
  seconds: number;
}

/** Sends requests and hands back their answers, or {@link Stopped}. */
export interface Sender {
  /** Sends one request; its answer (never `evaluating`), or Stopped after the limit without one. */
  send(request: Unnumbered<ComputeRequest>): Promise<ComputeResponse | Stopped>;
  /** Closes the port; requests in flight or sent later are never answered. */
  close(): void;
}

/** What the other requests in flight get when the worker is restarted under them. */
export const RESTARTED =
  'The formula engine was restarted because a formula took too long; try again.';

interface Waiting {
  resolve(answer: ComputeResponse | Stopped): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  last: EvaluatingCell | null;
}

/**
 * A {@link Sender} over the port `connect` opens, restarted by the watchdog.
 *
 * @param connect opens a port (a new Worker); called again after each restart
 * @param limitMs how long a request may go unanswered, in ms; an announced
 *   formula (`evaluating`) starts the time again. Infinity: never stopped.
 */
export function watchedSender(connect: () => Port, limitMs: number): Sender {
  let nextId = 1;
  const waiting = new Map<number, Waiting>();
  let port: Port;
  let closed = false;

  const arm = (id: number, w: Waiting) => {
    clearTimeout(w.timer);
    if (Number.isFinite(limitMs)) w.timer = setTimeout(() => expire(id), limitMs);
  };
  const open = () => {
    const opened = connect();
    port = opened;
    opened.onResponse((response) => {
      const w = opened === port ? waiting.get(response.id) : undefined;
      if (!w) return;
      if (response.type === 'evaluating') {
        w.last = response.cell;
        arm(response.id, w);
        return;
      }
      clearTimeout(w.timer);
      waiting.delete(response.id);
      w.resolve(response);
    });
  };
  const expire = (id: number) => {
    const stopped = waiting.get(id);
    if (!stopped || closed) return;
    port.close();
    open();
    // Every request in flight was lost with the worker.
    for (const [otherId, other] of waiting) {
      clearTimeout(other.timer);
      other.resolve(
        otherId === id
          ? { type: 'stopped', last: stopped.last, seconds: limitMs / 1000 }
          : { id: otherId, type: 'failed', message: RESTARTED },
      );
    }
    waiting.clear();
  };
  open();

  return {
    send(request) {
      return new Promise((resolve) => {
        if (closed) return;
        const id = nextId++;
        const w: Waiting = { resolve, timer: undefined, last: null };
        waiting.set(id, w);
        arm(id, w);
        port.post({ ...request, id } as ComputeRequest);
      });
    },
    close() {
      closed = true;
      for (const w of waiting.values()) clearTimeout(w.timer);
      port.close();
    },
  };
}
