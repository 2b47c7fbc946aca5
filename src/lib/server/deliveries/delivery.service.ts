import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { newId, nowIso } from '../db/ids';
import { writeTransaction, type Tx } from '../db/transaction';
import { AppError, badRequest, conflict, notFound } from '../http/errors';
import { appendLog } from '../log/log.service';
import { requireRole } from '../projects/access';
import type { Permission } from '../projects/roles';
import { findSong } from '../songs/song.repository';
import { analysisProgress, enqueueAnalysis } from './delivery.analysis';
import { deliveryDto, deliverySummaryDto } from './delivery.dto';
import { refreshReport } from './delivery.report';
import {
	countFiles,
	deleteFile,
	findDelivery,
	findFile,
	insertDecision,
	insertDelivery,
	listDecisions,
	listFiles,
	listSongDeliveries,
	updateDelivery
} from './delivery.repository';
import { fileMedia } from './delivery.storage';
import { removeDirQuietly } from '../versions/storage';

/** A delivery the caller may act on: 404 when missing or in another project, 403 by role. */
export async function requireDelivery(db: Tx, user: User, id: string, permission: Permission) {
	const delivery = await findDelivery(db, id);
	if (!delivery) throw notFound('That delivery');
	const access = await requireRole(db, delivery.projectId, user, permission, 'That delivery');
	return { delivery, access };
}

export async function requireDeliveryFile(db: Tx, user: User, id: string, permission: Permission) {
	const file = await findFile(db, id);
	if (!file) throw notFound('That file');
	const { delivery, access } = await requireDelivery(db, user, file.deliveryId, permission).catch(
		(e: unknown) => {
			throw e instanceof AppError && e.status === 404 ? notFound('That file') : e;
		}
	);
	return { file, delivery, access };
}

/** Files left "analysing" by a restart are queued again the next time anyone looks. */
function ensureAnalysing(files: { id: string; status: string }[]) {
	for (const f of files) if (f.status === 'analysing') enqueueAnalysis(f.id);
}

export async function getDelivery(db: Db, user: User, id: string) {
	const { delivery, access } = await requireDelivery(db, user, id, 'read');
	const files = await listFiles(db, id);
	ensureAnalysing(files);
	const dto = deliveryDto(delivery, files, await listDecisions(db, id), analysisProgress);
	return { ...dto, myRole: access.role };
}

export async function listDeliveries(db: Db, user: User, songId: string) {
	const song = await findSong(db, songId);
	if (!song) throw notFound('That song');
	await requireRole(db, song.projectId, user, 'read', 'That song');
	const rows = await listSongDeliveries(db, songId);
	return Promise.all(rows.map(async (d) => deliverySummaryDto(d, await countFiles(db, d.id))));
}

export async function createDelivery(db: Db, user: User, songId: string, input: { note?: string }) {
	const id = newId();
	await writeTransaction(db, async (tx) => {
		const song = await findSong(tx, songId);
		if (!song) throw notFound('That song');
		await requireRole(tx, song.projectId, user, 'deliver', 'That song');
		await insertDelivery(tx, {
			id,
			songId,
			projectId: song.projectId,
			note: input.note ?? '',
			createdBy: user.id,
			createdAt: nowIso()
		});
		await refreshReport(tx, id);
		await appendLog(tx, {
			projectId: song.projectId,
			type: 'delivery.created',
			actorId: user.id,
			songId,
			summary: `${user.name} started a session delivery for “${song.title}”`,
			data: { deliveryId: id }
		});
	});
	return getDelivery(db, user, id);
}

export async function updateDeliveryDetails(
	db: Db,
	user: User,
	id: string,
	input: { roughMixFileId?: string | null; note?: string }
) {
	await writeTransaction(db, async (tx) => {
		await requireDelivery(tx, user, id, 'deliver');
		if (input.roughMixFileId) {
			const file = await findFile(tx, input.roughMixFileId);
			if (!file || file.deliveryId !== id)
				throw badRequest('roughMixFileId: that file is not in this delivery.');
		}
		await updateDelivery(tx, id, { roughMixFileId: input.roughMixFileId, note: input.note });
		await refreshReport(tx, id);
	});
	return getDelivery(db, user, id);
}

export async function removeDeliveryFile(db: Db, user: User, fileId: string) {
	const removed = await writeTransaction(db, async (tx) => {
		const { file, delivery } = await requireDeliveryFile(tx, user, fileId, 'deliver');
		if (delivery.status === 'accepted')
			throw conflict(
				'delivery_accepted',
				'This delivery is accepted; start a new one to change it.'
			);
		await deleteFile(tx, fileId);
		if (delivery.roughMixFileId === fileId)
			await updateDelivery(tx, delivery.id, { roughMixFileId: null });
		await refreshReport(tx, delivery.id);
		return file;
	});
	await removeDirQuietly(fileMedia(removed).dir);
}

const DECISION_WORDS = { accepted: 'accepted', fixes_requested: 'asked for fixes to' } as const;

export async function decideDelivery(
	db: Db,
	user: User,
	id: string,
	input: { decision: 'accepted' | 'fixes_requested'; note?: string }
) {
	const decisionId = newId();
	await writeTransaction(db, async (tx) => {
		const { delivery } = await requireDelivery(tx, user, id, 'acceptDelivery');
		const files = await listFiles(tx, id);
		if (files.some((f) => f.status === 'analysing'))
			throw conflict(
				'delivery_checking',
				'The delivery is still being checked; decide once the report is ready.'
			);
		const note = input.note ?? '';
		await insertDecision(tx, {
			id: decisionId,
			deliveryId: id,
			decision: input.decision,
			note,
			decidedBy: user.id,
			createdAt: nowIso()
		});
		await updateDelivery(tx, id, { status: input.decision });
		await appendLog(tx, {
			projectId: delivery.projectId,
			type: 'delivery.decided',
			actorId: user.id,
			songId: delivery.songId,
			summary: `${user.name} ${DECISION_WORDS[input.decision]} the session delivery${note ? `: “${note}”` : ''}`,
			data: { deliveryId: id, decision: input.decision, verdict: delivery.report?.verdict ?? null }
		});
	});
	const delivery = await getDelivery(db, user, id);
	return { decision: delivery.decisions.find((d) => d.id === decisionId)!, delivery };
}
