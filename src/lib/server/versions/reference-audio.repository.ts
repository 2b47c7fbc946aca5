import type { AnalysisWarning, AudioFormat, Container, Loudness } from '$lib/audio';
import type { Tx } from '../db/transaction';

export interface ReferenceAudio {
	referenceId: string;
	projectId: string;
	filename: string;
	uploadedBy: string | null;
	createdAt: string;
	sizeBytes: number;
	sha256: string;
	container: Container;
	status: 'processing' | 'ready' | 'failed';
	error: string | null;
	format: AudioFormat | null;
	loudness: Loudness | null;
	warnings: AnalysisWarning[];
}

const json = <T>(s: string | null): T | null => (s ? (JSON.parse(s) as T) : null);

type Row = Awaited<ReturnType<ReturnType<typeof selectReferenceAudio>['executeTakeFirstOrThrow']>>;

const selectReferenceAudio = (db: Tx) => db.selectFrom('reference_audio').selectAll();

const toReferenceAudio = (r: Row): ReferenceAudio => ({
	referenceId: r.reference_id,
	projectId: r.project_id,
	filename: r.filename,
	uploadedBy: r.uploaded_by,
	createdAt: r.created_at,
	sizeBytes: Number(r.size_bytes),
	sha256: r.sha256,
	container: r.container as Container,
	status: r.status as ReferenceAudio['status'],
	error: r.error,
	format: json<AudioFormat>(r.format),
	loudness: json<Loudness>(r.loudness),
	warnings: json<AnalysisWarning[]>(r.warnings) ?? []
});

export async function findReferenceAudio(
	db: Tx,
	referenceId: string
): Promise<ReferenceAudio | undefined> {
	const r = await selectReferenceAudio(db)
		.where('reference_id', '=', referenceId)
		.executeTakeFirst();
	return r && toReferenceAudio(r);
}

/** The audio of every reference of a project that has one, by reference id (one query). */
export async function listProjectReferenceAudio(
	db: Tx,
	projectId: string
): Promise<Map<string, ReferenceAudio>> {
	const rows = await selectReferenceAudio(db).where('project_id', '=', projectId).execute();
	return new Map(rows.map((r) => [r.reference_id, toReferenceAudio(r)]));
}

/** One audio file per reference: a new upload replaces the previous one. */
export async function replaceReferenceAudio(
	db: Tx,
	a: Omit<ReferenceAudio, 'status' | 'error' | 'format' | 'loudness' | 'warnings'>
): Promise<void> {
	await db.deleteFrom('reference_audio').where('reference_id', '=', a.referenceId).execute();
	await db
		.insertInto('reference_audio')
		.values({
			reference_id: a.referenceId,
			project_id: a.projectId,
			filename: a.filename,
			uploaded_by: a.uploadedBy,
			created_at: a.createdAt,
			size_bytes: a.sizeBytes,
			sha256: a.sha256,
			container: a.container,
			status: 'processing'
		})
		.execute();
}

export async function setReferenceAudioAnalysis(
	db: Tx,
	referenceId: string,
	sha256: string,
	result:
		| { status: 'ready'; format: AudioFormat; loudness: Loudness; warnings: AnalysisWarning[] }
		| { status: 'failed'; error: string }
): Promise<void> {
	await db
		.updateTable('reference_audio')
		.set(
			result.status === 'ready'
				? {
						status: 'ready',
						format: JSON.stringify(result.format),
						loudness: JSON.stringify(result.loudness),
						warnings: JSON.stringify(result.warnings)
					}
				: { status: 'failed', error: result.error }
		)
		.where('reference_id', '=', referenceId)
		// A newer upload may have replaced the file while this one was analysed.
		.where('sha256', '=', sha256)
		.execute();
}

export async function listUnfinishedReferenceAudio(db: Tx): Promise<string[]> {
	const rows = await db
		.selectFrom('reference_audio')
		.select('reference_id')
		.where('status', '=', 'processing')
		.execute();
	return rows.map((r) => r.reference_id);
}
