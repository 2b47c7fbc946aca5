import { sql, SqliteAdapter, type Transaction } from 'kysely';
import type { Database, Db } from './index';

export type Tx = Transaction<Database> | Db;

/** In-process writers to one SQLite file take turns here instead of spinning on its lock. */
const fileOf = new WeakMap<object, string>();
const queues = new Map<string, Promise<unknown>>();

export function registerSqliteFile(db: object, file: string): void {
	fileOf.set(db, file);
}

async function inTurn<T>(key: string | undefined, fn: () => Promise<T>): Promise<T> {
	if (!key) return fn();
	const previous = queues.get(key) ?? Promise.resolve();
	const run = previous.then(fn, fn);
	const settled = run.catch(() => undefined);
	queues.set(key, settled);
	try {
		return await run;
	} finally {
		if (queues.get(key) === settled) queues.delete(key);
	}
}

const isBusy = (e: unknown) =>
	e instanceof Error && 'code' in e && /^SQLITE_BUSY/.test(String((e as { code: unknown }).code));

/**
 * A read-then-write transaction. On SQLite it takes the write lock up front (BEGIN IMMEDIATE) so two
 * writers never deadlock on a lock upgrade, and a busy database is retried with async backoff
 * rather than by blocking the event loop. On PostgreSQL it is Kysely's ordinary transaction.
 */
export async function writeTransaction<T>(
	db: Db,
	fn: (tx: Transaction<Database>) => Promise<T>
): Promise<T> {
	if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
		return db.transaction().execute(fn);
	}
	return inTurn(fileOf.get(db), () => immediateWithRetry(db, fn));
}

async function immediateWithRetry<T>(
	db: Db,
	fn: (tx: Transaction<Database>) => Promise<T>
): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await db.connection().execute(async (conn) => {
				await sql`begin immediate`.execute(conn);
				try {
					// Kysely has no public "wrap this connection as a transaction"; a controlled
					// transaction would issue a plain BEGIN. The connection is exclusively ours here.
					const result = await fn(conn as unknown as Transaction<Database>);
					await sql`commit`.execute(conn);
					return result;
				} catch (e) {
					await sql`rollback`.execute(conn);
					throw e;
				}
			});
		} catch (e) {
			// Another process holds the write lock: back off (with jitter) without blocking.
			if (!isBusy(e) || attempt >= 60) throw e;
			const delay = Math.min(2 * 2 ** attempt, 100) * (0.5 + Math.random());
			await new Promise((r) => setTimeout(r, delay));
		}
	}
}
