import type { Selectable } from 'kysely';
import type { DeliveryFileTable, DeliveryTable } from '../db/schema';
import type { Tx } from '../db/transaction';
import type { Report, StoredAnalysis, Verdict } from './delivery.rules';

/** All SQL for deliveries; rows become camelCase domain objects here. */

export interface DeliveryRow {
	id: string;
	songId: string;
	projectId: string;
	note: string;
	createdBy: { id: string; name: string } | null;
	createdAt: string;
	roughMixFileId: string | null;
	status: 'open' | 'accepted' | 'fixes_requested';
	report: Report | null;
}

export interface DeliveryFileRow {
	id: string;
	deliveryId: string;
	projectId: string;
	path: string;
	container: string;
	sizeBytes: number;
	sha256: string;
	uploadedBy: string | null;
	createdAt: string;
	status: 'analysing' | 'ready' | 'failed';
	error: string | null;
	analysis: StoredAnalysis | null;
	verdict: Verdict | null;
}

export interface DecisionRow {
	id: string;
	deliveryId: string;
	decision: 'accepted' | 'fixes_requested';
	note: string;
	by: { id: string; name: string } | null;
	createdAt: string;
}

const toDelivery = (
	r: Selectable<DeliveryTable> & { creator_name: string | null }
): DeliveryRow => ({
	id: r.id,
	songId: r.song_id,
	projectId: r.project_id,
	note: r.note,
	createdBy: r.created_by ? { id: r.created_by, name: r.creator_name ?? 'Former member' } : null,
	createdAt: r.created_at,
	roughMixFileId: r.rough_mix_file_id,
	status: r.status as DeliveryRow['status'],
	report: r.report ? (JSON.parse(r.report) as Report) : null
});

const toFile = (r: Selectable<DeliveryFileTable>): DeliveryFileRow => ({
	id: r.id,
	deliveryId: r.delivery_id,
	projectId: r.project_id,
	path: r.path,
	container: r.container,
	sizeBytes: Number(r.size_bytes),
	sha256: r.sha256,
	uploadedBy: r.uploaded_by,
	createdAt: r.created_at,
	status: r.status as DeliveryFileRow['status'],
	error: r.error,
	analysis: r.analysis ? (JSON.parse(r.analysis) as StoredAnalysis) : null,
	verdict: r.verdict as Verdict | null
});

const deliveries = (db: Tx) =>
	db
		.selectFrom('delivery')
		.leftJoin('user', 'user.id', 'delivery.created_by')
		.selectAll('delivery')
		.select('user.name as creator_name');

export async function findDelivery(db: Tx, id: string): Promise<DeliveryRow | undefined> {
	const row = await deliveries(db).where('delivery.id', '=', id).executeTakeFirst();
	return row && toDelivery(row);
}

export async function listSongDeliveries(db: Tx, songId: string): Promise<DeliveryRow[]> {
	const rows = await deliveries(db)
		.where('delivery.song_id', '=', songId)
		.orderBy('delivery.created_at', 'desc')
		.execute();
	return rows.map(toDelivery);
}

export async function insertDelivery(
	db: Tx,
	row: {
		id: string;
		songId: string;
		projectId: string;
		note: string;
		createdBy: string;
		createdAt: string;
	}
): Promise<void> {
	await db
		.insertInto('delivery')
		.values({
			id: row.id,
			song_id: row.songId,
			project_id: row.projectId,
			note: row.note,
			created_by: row.createdBy,
			created_at: row.createdAt,
			rough_mix_file_id: null
		})
		.execute();
}

export async function updateDelivery(
	db: Tx,
	id: string,
	patch: { roughMixFileId?: string | null; status?: string; report?: Report; note?: string }
): Promise<void> {
	await db
		.updateTable('delivery')
		.set({
			...(patch.roughMixFileId !== undefined && { rough_mix_file_id: patch.roughMixFileId }),
			...(patch.status !== undefined && { status: patch.status }),
			...(patch.note !== undefined && { note: patch.note }),
			...(patch.report !== undefined && {
				report: JSON.stringify(patch.report),
				verdict: patch.report.verdict
			})
		})
		.where('id', '=', id)
		.execute();
}

export async function listFiles(db: Tx, deliveryId: string): Promise<DeliveryFileRow[]> {
	const rows = await db
		.selectFrom('delivery_file')
		.selectAll()
		.where('delivery_id', '=', deliveryId)
		.orderBy('path')
		.execute();
	return rows.map(toFile);
}

export async function countFiles(db: Tx, deliveryId: string): Promise<number> {
	const r = await db
		.selectFrom('delivery_file')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('delivery_id', '=', deliveryId)
		.executeTakeFirst();
	return Number(r?.n ?? 0);
}

export async function findFile(db: Tx, id: string): Promise<DeliveryFileRow | undefined> {
	const row = await db
		.selectFrom('delivery_file')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirst();
	return row && toFile(row);
}

export async function findFileByPath(db: Tx, deliveryId: string, path: string) {
	const row = await db
		.selectFrom('delivery_file')
		.selectAll()
		.where('delivery_id', '=', deliveryId)
		.where('path', '=', path)
		.executeTakeFirst();
	return row && toFile(row);
}

export async function insertFile(
	db: Tx,
	row: Omit<DeliveryFileRow, 'status' | 'error' | 'analysis' | 'verdict'>
): Promise<void> {
	await db
		.insertInto('delivery_file')
		.values({
			id: row.id,
			delivery_id: row.deliveryId,
			project_id: row.projectId,
			path: row.path,
			container: row.container,
			size_bytes: row.sizeBytes,
			sha256: row.sha256,
			uploaded_by: row.uploadedBy,
			created_at: row.createdAt,
			status: 'analysing'
		})
		.execute();
}

export async function deleteFile(db: Tx, id: string): Promise<void> {
	await db.deleteFrom('delivery_file').where('id', '=', id).execute();
}

/** Stores the one analysis of a file (only while it is still the file being analysed). */
export async function finishAnalysis(
	db: Tx,
	id: string,
	result: { analysis: StoredAnalysis } | { error: string }
): Promise<void> {
	await db
		.updateTable('delivery_file')
		.set(
			'analysis' in result
				? {
						status: 'ready',
						analysis: JSON.stringify(result.analysis),
						decoded_sha256: result.analysis.decodedSha256
					}
				: { status: 'failed', error: result.error }
		)
		.where('id', '=', id)
		.where('status', '=', 'analysing')
		.execute();
}

export async function setFileVerdict(db: Tx, id: string, verdict: Verdict | null): Promise<void> {
	await db.updateTable('delivery_file').set({ verdict }).where('id', '=', id).execute();
}

export async function insertDecision(
	db: Tx,
	row: {
		id: string;
		deliveryId: string;
		decision: string;
		note: string;
		decidedBy: string;
		createdAt: string;
	}
): Promise<void> {
	await db
		.insertInto('delivery_decision')
		.values({
			id: row.id,
			delivery_id: row.deliveryId,
			decision: row.decision,
			note: row.note,
			decided_by: row.decidedBy,
			created_at: row.createdAt
		})
		.execute();
}

export async function listDecisions(db: Tx, deliveryId: string): Promise<DecisionRow[]> {
	const rows = await db
		.selectFrom('delivery_decision')
		.leftJoin('user', 'user.id', 'delivery_decision.decided_by')
		.selectAll('delivery_decision')
		.select('user.name as by_name')
		.where('delivery_id', '=', deliveryId)
		.orderBy('delivery_decision.created_at')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		deliveryId: r.delivery_id,
		decision: r.decision as DecisionRow['decision'],
		note: r.note,
		by: r.decided_by ? { id: r.decided_by, name: r.by_name ?? 'Former member' } : null,
		createdAt: r.created_at
	}));
}

/** Files a crash left half-analysed: queued again at start-up. */
export async function listAnalysingFileIds(db: Tx): Promise<string[]> {
	const rows = await db
		.selectFrom('delivery_file')
		.select('id')
		.where('status', '=', 'analysing')
		.execute();
	return rows.map((r) => r.id);
}
