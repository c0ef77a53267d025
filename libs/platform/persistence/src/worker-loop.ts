/** What a `WorkerLoop` runs and how often. */
export interface WorkerLoopOptions {
  /** One pass: works until nothing is left to do (or a batch limit), then resolves. */
  pass: () => Promise<unknown>;
  /** A pass also starts at this interval: for work left by a restart, another replica or a retry. */
  intervalMs: number;
  /** A failed pass is reported here; the loop goes on at the next kick or tick. */
  onError: (error: unknown) => void;
  /**
   * How long a kick waits before starting a pass (0, the default: at once), so that the work queued
   * meanwhile goes in the same pass: one claim and one record for many items rather than for each.
   */
  gatherMs?: number;
}

/**
 * The loop shared by the platform's workers (outbox relay, batch runner, S3 deletion sweeper,
 * dashboard tally compactor): one pass at a time, started by `kick()` (after a commit that queued
 * work) or by the interval; a kick during a pass runs one more pass after it, so no queued work
 * waits for the next tick; `stop()` waits for the pass under way.
 */
export class WorkerLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private gathering: NodeJS.Timeout | undefined;
  private again = false;
  private stopped = true;

  constructor(private readonly options: WorkerLoopOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.options.intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Asks for a pass now (or once `gatherMs` has passed); during a pass, for one more after it. */
  kick(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    const gatherMs = this.options.gatherMs ?? 0;
    if (gatherMs <= 0) {
      this.run();
      return;
    }
    if (this.gathering !== undefined) return;
    this.gathering = setTimeout(() => {
      this.gathering = undefined;
      if (this.stopped) return;
      if (this.running !== undefined) this.again = true;
      else this.run();
    }, gatherMs);
  }

  private run(): void {
    this.running = this.options
      .pass()
      .then(() => undefined)
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves once no pass is running (nor asked for by a kick during one). */
  async idle(): Promise<void> {
    while (this.running !== undefined || this.gathering !== undefined) {
      if (this.running !== undefined) await this.running;
      else await new Promise((resolve) => setTimeout(resolve, this.options.gatherMs ?? 0));
    }
  }

  /** No pass starts any more; resolves when the one under way has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.gathering !== undefined) clearTimeout(this.gathering);
    this.gathering = undefined;
    this.again = false;
    await this.idle();
  }
}
