import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { config } from '../config';
import { migrateToLatest } from './migrate';
import { registerSqliteFile } from './transaction';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type { Database };

/** Opens the embedded SQLite database with the settings concurrent writers need. */
export function openSqlite(file: string): Db {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	// Short: better-sqlite3 waits synchronously, so a long timeout would freeze the event loop.
	// writeTransaction() queues in-process writers and retries other processes' locks
	// asynchronously instead (see transaction.ts).
	sqlite.pragma('busy_timeout = 20');
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
	registerSqliteFile(db, file === ':memory:' ? `:memory:${Math.random()}` : path.resolve(file));
	return db;
}

async function openPostgres(url: string): Promise<Db> {
	const { default: pg } = await import('pg');
	return new Kysely<Database>({
		dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) })
	});
}

let current: Promise<Db> | undefined;

/** The process-wide database, migrated on first use. */
export function getDb(): Promise<Db> {
	current ??= (async () => {
		const db = config.databaseUrl
			? await openPostgres(config.databaseUrl)
			: openSqlite(config.databasePath);
		await migrateToLatest(db);
		return db;
	})();
	return current;
}
