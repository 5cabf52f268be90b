/**
 * Undo and redo over immutable snapshots. Each `record` is one undo step;
 * snapshots share structure, so keeping many is cheap.
 */
export class History<T> {
  #past: T[] = [];
  #future: T[] = [];
  readonly #limit: number;

  /** @param limit how many steps back are kept */
  constructor(limit = 500) {
    this.#limit = limit;
  }

  /** Records the state before an edit; clears what could be redone. */
  record(before: T): void {
    this.#past.push(before);
    if (this.#past.length > this.#limit) this.#past.shift();
    this.#future = [];
  }

  /** @returns the state to go back to, or undefined when there is none */
  undo(current: T): T | undefined {
    const before = this.#past.pop();
    if (before !== undefined) this.#future.push(current);
    return before;
  }

  /** @returns the state to go forward to, or undefined when there is none */
  redo(current: T): T | undefined {
    const after = this.#future.pop();
    if (after !== undefined) this.#past.push(current);
    return after;
  }

  get canUndo(): boolean {
    return this.#past.length > 0;
  }

  get canRedo(): boolean {
    return this.#future.length > 0;
  }

  /** Forgets every step (a different model was opened). */
  clear(): void {
    this.#past = [];
    this.#future = [];
  }
}
