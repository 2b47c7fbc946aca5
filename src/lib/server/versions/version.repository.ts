import type { AnalysisWarning, AudioFormat, Container, Loudness } from '$lib/audio';
import type { Tx } from '../db/transaction';

export type VersionStatus = 'processing' | 'ready' | 'failed';
export type StreamStatus = 'pending' | 'ready' | 'failed';

export interface VersionRecord {
	id: string;
	songId: string;
	projectId: string;
	number: number;
	filename: string;
	notes: string;
	uploadedBy: { id: string; name: string } | null;
	createdAt: string;
	sizeBytes: number;
	sha256: string;
	container: Container;
	status: VersionStatus;
	error: string | null;
	format: AudioFormat | null;
	loudness: Loudness | null;
	warnings: AnalysisWarning[];
	streamStatus: StreamStatus;
}

const json = <T>(s: string | null): T | null => (s ? (JSON.parse(s) as T) : null);

function selectVersions(db: Tx) {
	return db
		.selectFrom('version')
		.leftJoin('user', 'user.id', 'version.uploaded_by')
		.selectAll('version')
		.select('user.name as uploader_name');
}

type Row = Awaited<ReturnType<ReturnType<typeof selectVersions>['executeTakeFirstOrThrow']>>;

const toVersion = (r: Row): VersionRecord => ({
	id: r.id,
	songId: r.song_id,
	projectId: r.project_id,
	number: Number(r.number),
	filename: r.filename,
	notes: r.notes,
	uploadedBy: r.uploaded_by
		? { id: r.uploaded_by, name: r.uploader_name ?? 'Former member' }
		: null,
	createdAt: r.created_at,
	sizeBytes: Number(r.size_bytes),
	sha256: r.sha256,
	container: r.container as Container,
	status: r.status as VersionStatus,
	error: r.error,
	format: json<AudioFormat>(r.format),
	loudness: json<Loudness>(r.loudness),
	warnings: json<AnalysisWarning[]>(r.warnings) ?? [],
	streamStatus: r.stream_status as StreamStatus
});

export async function findVersion(db: Tx, id: string): Promise<VersionRecord | undefined> {
	const row = await selectVersions(db).where('version.id', '=', id).executeTakeFirst();
	return row && toVersion(row);
}

/** Newest first: the list a song page shows. */
export async function listVersionsForSong(db: Tx, songId: string): Promise<VersionRecord[]> {
	const rows = await selectVersions(db)
		.where('version.song_id', '=', songId)
		.orderBy('version.number', 'desc')
		.execute();
	return rows.map(toVersion);
}

export async function nextVersionNumber(db: Tx, songId: string): Promise<number> {
	const row = await db
		.selectFrom('version')
		.select((eb) => eb.fn.max('number').as('n'))
		.where('song_id', '=', songId)
		.executeTakeFirst();
	return Number(row?.n ?? 0) + 1;
}

export async function insertVersion(
	db: Tx,
	v: Pick<
		VersionRecord,
		| 'id'
		| 'songId'
		| 'projectId'
		| 'number'
		| 'filename'
		| 'notes'
		| 'createdAt'
		| 'sizeBytes'
		| 'sha256'
		| 'container'
	> & { uploadedBy: string }
): Promise<void> {
	await db
		.insertInto('version')
		.values({
			id: v.id,
			song_id: v.songId,
			project_id: v.projectId,
			number: v.number,
			filename: v.filename,
			notes: v.notes,
			uploaded_by: v.uploadedBy,
			created_at: v.createdAt,
			size_bytes: v.sizeBytes,
			sha256: v.sha256,
			container: v.container,
			status: 'processing'
		})
		.execute();
}

export async function setVersionAnalysis(
	db: Tx,
	id: string,
	result:
		| { status: 'ready'; format: AudioFormat; loudness: Loudness; warnings: AnalysisWarning[] }
		| { status: 'failed'; error: string }
): Promise<void> {
	await db
		.updateTable('version')
		.set(
			result.status === 'ready'
				? {
						status: 'ready',
						error: null,
						format: JSON.stringify(result.format),
						loudness: JSON.stringify(result.loudness),
						warnings: JSON.stringify(result.warnings)
					}
				: { status: 'failed', error: result.error, stream_status: 'failed' }
		)
		.where('id', '=', id)
		.execute();
}

export async function setStreamStatus(db: Tx, id: string, status: StreamStatus): Promise<void> {
	await db.updateTable('version').set({ stream_status: status }).where('id', '=', id).execute();
}

export async function updateVersionNotes(db: Tx, id: string, notes: string): Promise<void> {
	await db.updateTable('version').set({ notes }).where('id', '=', id).execute();
}

/** Work a crash may have interrupted: analysis still running, or a stream never made. */
export async function listUnfinishedWork(db: Tx) {
	const rows = await db
		.selectFrom('version')
		.select(['id', 'status'])
		.where((eb) =>
			eb.or([
				eb('status', '=', 'processing'),
				eb.and([eb('status', '=', 'ready'), eb('stream_status', '=', 'pending')])
			])
		)
		.orderBy('created_at')
		.execute();
	return {
		analyse: rows.filter((r) => r.status === 'processing').map((r) => r.id),
		encode: rows.filter((r) => r.status === 'ready').map((r) => r.id)
	};
}
