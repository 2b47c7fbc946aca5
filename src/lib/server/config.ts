import path from 'node:path';

/** Server settings, read from the environment once (see README "Configuration"). */
function readConfig() {
	const port = Number(process.env.PORT ?? 3000);
	const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
	return {
		port,
		origin: process.env.ORIGIN ?? `http://localhost:${port}`,
		dataDir,
		databasePath: process.env.DATABASE_PATH ?? path.join(dataDir, 'bounce.sqlite'),
		/** Set to a postgres:// URL to use PostgreSQL instead of the embedded SQLite. */
		databaseUrl: process.env.DATABASE_URL ?? '',
		maxUploadBytes: Number(process.env.MAX_UPLOAD_BYTES ?? 2 * 1024 ** 3)
	};
}

export type Config = ReturnType<typeof readConfig>;
export const config: Config = readConfig();
