import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Inserts a ready mix version straight into the running test server's SQLite file (WAL mode, so a
 * second connection is safe). Stand-in until tests can upload real audio through the API.
 */
export function seedVersion(
	dataDir: string,
	opts: { projectId: string; songId: string; number?: number; durationMs?: number | null }
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
		const durationMs = opts.durationMs === undefined ? 180_000 : opts.durationMs;
		const format =
			durationMs === null
				? null
				: JSON.stringify({
						container: 'wav',
						codec: 'pcm',
						sampleRate: 48000,
						bitDepth: 24,
						sampleFormat: 'int',
						channels: 2,
						durationMs
					});
		db.prepare(
			`insert into version (id, song_id, project_id, number, filename, notes, uploaded_by, created_at,
			 size_bytes, sha256, status, error, format, loudness, warnings, stream_status, container)
			 values (?, ?, ?, ?, ?, '', null, ?, ?, ?, 'ready', null, ?, null, null, 'ready', 'wav')`
		).run(
			id,
			opts.songId,
			opts.projectId,
			number,
			`mix-v${number}.wav`,
			new Date().toISOString(),
			1000,
			sha256,
			format
		);
		return { id, number, sha256 };
	} finally {
		db.close();
	}
}
