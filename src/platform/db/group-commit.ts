import { CompiledQuery } from 'kysely';
import type { Database, Executor } from './database.ts';

/**
 * Group commit for small, hot writes (a desk scan): on SQLite, units of work that arrive together share one
 * transaction, and every caller is answered only after that transaction has committed (acknowledged = durable).
 * A unit that fails is undone alone and its caller gets its error; the others commit. SQLite has one writer and one connection here, so a transaction per scan buys
 * no concurrency and costs a commit (WAL frames for every page touched) per scan; shared, the pages a batch has in
 * common (the tube, the index leaves of one desk's samples) are written once.
 *
 * On PostgreSQL each unit keeps its own transaction: the pool runs them side by side and the server groups
 * concurrent commits itself.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly database: Database, private readonly maxBatch = 64) {}

  run<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    if (this.database.dialect !== 'sqlite') return this.database.db.transaction().execute(work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the requests that arrived in this turn of the event loop have queued their work too.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commit(this.queue.splice(0, this.maxBatch));
    } finally {
      this.scheduled = false;
      if (this.queue.length > 0) {
        this.scheduled = true;
        setImmediate(() => void this.drain());
      }
    }
  }

  /**
   * Runs a batch in one transaction. First straight through, no savepoints (the common case: every unit succeeds);
   * if a unit fails, that transaction is rolled back whole and the batch runs again with each unit in its own
   * savepoint, so the failing one is undone alone. A unit must therefore be safe to run twice: all it keeps
   * between runs is its input (what it wrote is rolled back with the transaction).
   */
  private async commit(batch: Pending[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = batch.length === 1
        ? await this.straight(batch).catch((error: unknown) => [{ ok: false, error } as const])
        : await this.straight(batch).catch(() => this.isolated(batch));
    } catch (error) {
      // The transaction itself failed (its commit): nothing of the batch was written.
      for (const unit of batch) unit.reject(error);
      return;
    }
    batch.forEach((unit, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.error);
    });
  }

  private straight(batch: Pending[]): Promise<Outcome[]> {
    return this.database.db.transaction().execute(async (trx) => {
      const outcomes: Outcome[] = [];
      for (const unit of batch) outcomes.push({ ok: true, value: await unit.work(trx) });
      return outcomes;
    });
  }

  private isolated(batch: Pending[]): Promise<Outcome[]> {
    return this.database.db.transaction().execute(async (trx) => {
      const outcomes: Outcome[] = [];
      for (const unit of batch) {
        await trx.executeQuery(SAVEPOINT);
        try {
          const value = await unit.work(trx);
          await trx.executeQuery(RELEASE);
          outcomes.push({ ok: true, value });
        } catch (error) {
          await trx.executeQuery(ROLLBACK_TO);
          await trx.executeQuery(RELEASE);
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    });
  }
}

interface Pending {
  work: (trx: Executor) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const SAVEPOINT = CompiledQuery.raw('savepoint group_unit');
const RELEASE = CompiledQuery.raw('release savepoint group_unit');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint group_unit');
