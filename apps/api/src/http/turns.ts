/**
 * Runs at most `size` tasks at a time in this process, the others waiting their turn in the
 * order they came. For work whose memory must stay bounded however many requests arrive
 * together (the bulk import: a request waiting its turn has not read its upload yet).
 */
export class Turns {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {}

  /** Tasks started or waiting now. */
  get load(): number {
    return this.running + this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.size) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The turn passes straight to the next in line; `running` counts it still.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
