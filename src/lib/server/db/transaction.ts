import { sql, SqliteAdapter, type Transaction } from 'kysely';
import type { Database, Db } from './index';

export type Tx = Transaction<Database> | Db;

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
			if (!isBusy(e) || attempt >= 40) throw e;
			await new Promise((r) => setTimeout(r, Math.min(10 * 2 ** attempt, 250)));
		}
	}
}
