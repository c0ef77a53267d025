import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WorkerLoop } from '@guichet/platform-persistence';

/** Delta rows folded per statement. */
export const tallyCompactBatch = 10_000;
/** The counts stay exact without compaction; this only keeps the rows they read few. */
const compactIntervalMs = 5_000;

/**
 * Folds the dashboard's delta rows into one total per key (`dashboard_tally_compact()`), every few
 * seconds. One replica compacts at a time (an advisory lock); the others find nothing to do.
 */
@Injectable()
export class DashboardTallyCompactor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DashboardTallyCompactor.name);
  private readonly loop = new WorkerLoop({
    pass: () => this.compact(),
    intervalMs: compactIntervalMs,
    onError: (error) => this.logger.warn({ err: error }, 'dashboard tally compaction failed; will retry'),
  });

  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Folds every delta row there is now; resolves with how many were folded. */
  async compact(): Promise<number> {
    let folded = 0;
    for (;;) {
      const [row] = (await this.em.getConnection().execute(`select "dossiers"."dashboard_tally_compact"(?) as folded`, [tallyCompactBatch], 'all')) as { folded: number }[];
      const batch = row?.folded ?? 0;
      folded += batch;
      if (batch < tallyCompactBatch) return folded;
    }
  }
}
