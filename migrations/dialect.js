import { PostgresAdapter } from 'kysely';

/** The one place migrations ask which database they run on (for triggers and serial keys). */
export function isPostgres(db) {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}
