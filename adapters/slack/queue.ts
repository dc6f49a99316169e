/**
 * The work after an ack. Slack waits 3 s for the ack, and answering costs CPU (SQLite is
 * synchronous): each task starts on its own turn of the event loop, after pending I/O, and
 * only a few run at once, so a burst of commands is all acknowledged before it is answered.
 */
export class WorkQueue {
  private running = 0;
  private scheduled = false;
  private readonly waiting: Array<() => Promise<void>> = [];
  private readonly idle: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  run(task: () => Promise<void>): void {
    this.waiting.push(task);
    this.schedule();
  }

  /** Resolves when every task queued so far has finished. */
  drain(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.concurrency || this.waiting.length === 0) return;
    this.scheduled = true;
    // One task per turn: an immediate queued from an immediate waits for the next turn's I/O.
    setImmediate(() => {
      this.scheduled = false;
      const task = this.waiting.shift();
      if (!task) return;
      this.running++;
      void Promise.resolve()
        .then(task)
        .catch(this.onError)
        .finally(() => {
          this.running--;
          if (this.running === 0 && this.waiting.length === 0) for (const resolve of this.idle.splice(0)) resolve();
          this.schedule();
        });
      this.schedule();
    });
  }
}
