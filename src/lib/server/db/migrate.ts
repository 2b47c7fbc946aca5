import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * The numbered files in /migrations are bundled by Vite (import.meta.glob), so the built server,
 * the dev server and the tests all run exactly the same set without a path on disk.
 */
const modules = import.meta.glob<Migration>('/migrations/[0-9]*.js', { eager: true });

const provider: MigrationProvider = {
	async getMigrations() {
		const migrations: Record<string, Migration> = {};
		for (const [file, mod] of Object.entries(modules)) {
			migrations[file.replace(/^.*\//, '').replace(/\.js$/, '')] = mod;
		}
		return migrations;
	}
};

export async function migrateToLatest<T>(db: Kysely<T>): Promise<void> {
	const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, {
			cause: error
		});
	}
}
