import type { NoticeContract, NoticeDataOf } from '@guichet/contracts';
import type { Bus } from './bus';

/** How long a value is kept at most, should a notice be lost without the connection noticing. */
export const defaultNoticedMaxAgeMs = 60_000;

interface Kept<V> {
  value: Promise<V>;
  loadedAt: number;
}

/**
 * Copies of another service's data, kept per owner (for example a procedure) and per key, until a
 * notice names the owner (`drop`), notices may have been missed (`dropAll`), or `maxAgeMs` passes.
 *
 * A load is kept from its start, so concurrent callers share one request. A notice that arrives
 * while a load is under way drops it from the cache: the callers already waiting get what they
 * asked before the change, the next caller loads afresh. A failed load is not kept.
 */
export class NoticedCache<V> {
  private readonly owners = new Map<string, Map<string, Kept<V>>>();

  constructor(
    private readonly options: { maxOwners: number; maxAgeMs?: number; now?: () => number } = { maxOwners: 1_000 },
  ) {}

  /** The value kept for (owner, key), else what `load` resolves to (kept unless `keep` says no). */
  get(owner: string, key: string, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    const now = this.now();
    let keys = this.owners.get(owner);
    const kept = keys?.get(key);
    if (kept !== undefined && now - kept.loadedAt < this.maxAgeMs) {
      // Re-inserted, so the owners' order is least recently used first.
      if (keys !== undefined) {
        this.owners.delete(owner);
        this.owners.set(owner, keys);
      }
      return kept.value;
    }
    if (keys === undefined) {
      keys = new Map();
      this.owners.set(owner, keys);
      this.evict();
    }
    const value = load();
    const entry: Kept<V> = { value, loadedAt: now };
    keys.set(key, entry);
    const forget = (): void => {
      const current = this.owners.get(owner);
      if (current?.get(key) !== entry) return;
      current.delete(key);
      if (current.size === 0) this.owners.delete(owner);
    };
    value.then((loaded) => {
      if (!keep(loaded)) forget();
    }, forget);
    return value;
  }

  /**
   * Listens to `notice` on `bus`: each one drops the owner `ownerOf` names; a gap in notices (the
   * connection was lost) drops everything. Returns the cache, for a field initialiser.
   */
  follow<C extends NoticeContract>(bus: Bus, notice: C, ownerOf: (data: NoticeDataOf<C>) => string): this {
    bus.listen(
      notice,
      (data) => this.drop(ownerOf(data)),
      () => this.dropAll(),
    );
    return this;
  }

  /** Everything kept for `owner` goes (a notice named it). */
  drop(owner: string): void {
    this.owners.delete(owner);
  }

  /** Everything goes (notices may have been missed). */
  dropAll(): void {
    this.owners.clear();
  }

  /** For tests: how many owners have something kept. */
  get size(): number {
    return this.owners.size;
  }

  private get maxAgeMs(): number {
    return this.options.maxAgeMs ?? defaultNoticedMaxAgeMs;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private evict(): void {
    while (this.owners.size > this.options.maxOwners) {
      const oldest = this.owners.keys().next().value;
      if (oldest === undefined) return;
      this.owners.delete(oldest);
    }
  }
}
