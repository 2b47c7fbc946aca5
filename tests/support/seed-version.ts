import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Inserts a ready mix version straight into a running test server's SQLite file (WAL mode, so a
 * second connection is safe): fast setup for decision tests that need no real audio.
 * Returns the version's id, number and SHA-256.
 */
export function seedVersion(
	dataDir: string,
	opts: { projectId: string; songId: string; number?: number }
): { id: string; number: number; sha256: string } {
	const db = new Database(path.join(dataDir, 'bounce.sqlite'));
	try {
		db.pragma('busy_timeout = 5000');
		const number =
			opts.number ??
			Number(
				(
					db.prepare('select max(number) as n from version where song_id = ?').get(opts.songId) as {
						n: number | null;
					}
				).n ?? 0
			) + 1;
		const id = randomBytes(15).toString('hex');
		const sha256 = randomBytes(32).toString('hex');
		const row: Record<string, unknown> = {
			id,
			song_id: opts.songId,
			project_id: opts.projectId,
			number,
			filename: `mix-v${number}.wav`,
			notes: '',
			uploaded_by: null,
			created_at: new Date().toISOString(),
			size_bytes: 1000,
			sha256,
			status: 'ready',
			format: JSON.stringify({
				container: 'wav',
				codec: 'pcm',
				sampleRate: 48000,
				bitDepth: 24,
				sampleFormat: 'int',
				channels: 2,
				durationMs: 180_000
			}),
			stream_status: 'ready'
		};
		// Columns added by later migrations (e.g. `container`) are filled when present.
		const columns = (db.prepare('pragma table_info(version)').all() as { name: string }[]).map(
			(c) => c.name
		);
		if (columns.includes('container')) row.container = 'wav';
		const keys = Object.keys(row).filter((k) => columns.includes(k));
		db.prepare(
			`insert into version (${keys.join(', ')}) values (${keys.map((k) => `@${k}`).join(', ')})`
		).run(Object.fromEntries(keys.map((k) => [k, row[k]])));
		return { id, number, sha256 };
	} finally {
		db.close();
	}
}
