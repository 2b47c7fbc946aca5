import fsp from 'node:fs/promises';
import { probeFile } from '$lib/audio';
import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { nowIso } from '../db/ids';
import { writeTransaction } from '../db/transaction';
import { notFound } from '../http/errors';
import { appendLog } from '../log/log.service';
import { requireRole } from '../projects/access';
import type { Permission } from '../projects/roles';
import { findReference, type Reference } from '../projects/reference.repository';
import { enqueueReferenceAnalysis } from './analysis.service';
import { isAudioFormatError, toAppError } from './audio-errors';
import { referenceMediaKey } from './reference-audio.analysis';
import {
	findReferenceAudio,
	replaceReferenceAudio,
	type ReferenceAudio
} from './reference-audio.repository';
import { mediaDir, originalPath, peaksPath, removeQuietly } from './storage';

/** The reference with its audio (null until uploaded): the contract's `reference`, extended. */
export function toReferenceDto(reference: Reference, audio: ReferenceAudio | undefined) {
	return {
		...reference,
		audio: audio
			? {
					filename: audio.filename,
					sizeBytes: audio.sizeBytes,
					sha256: audio.sha256,
					status: audio.status,
					error: audio.error,
					createdAt: audio.createdAt,
					format: audio.status === 'ready' ? audio.format : null,
					loudness: audio.status === 'ready' ? audio.loudness : null,
					warnings: audio.status === 'ready' ? audio.warnings : []
				}
			: null
	};
}

/** What a reference list shows of its audio (the project GET): enough to play and match loudness. */
export function toReferenceAudioSummary(audio: ReferenceAudio | undefined) {
	return audio
		? {
				status: audio.status,
				format: audio.status === 'ready' ? audio.format : null,
				loudness: audio.status === 'ready' ? audio.loudness : null
			}
		: null;
}

export async function requireReference(
	db: Db,
	user: Pick<User, 'id'>,
	referenceId: string,
	permission: Permission
) {
	const reference = await findReference(db, referenceId);
	if (!reference) throw notFound('That reference');
	await requireRole(db, reference.projectId, user, permission, 'That reference');
	return reference;
}

export async function getReference(db: Db, user: User, referenceId: string) {
	const reference = await requireReference(db, user, referenceId, 'read');
	return toReferenceDto(reference, await findReferenceAudio(db, referenceId));
}

/** Stores a reference track's audio (replacing any earlier file) and queues its analysis. */
export async function setReferenceAudioFromFile(
	db: Db,
	user: User,
	referenceId: string,
	file: { tempPath: string; sizeBytes: number; sha256: string; filename: string }
) {
	try {
		const format = await probeFile(file.tempPath).catch((e: unknown) => {
			throw isAudioFormatError(e) ? toAppError(e) : e;
		});
		await writeTransaction(db, async (tx) => {
			const reference = await findReference(tx, referenceId);
			if (!reference) throw notFound('That reference');
			await requireRole(tx, reference.projectId, user, 'addReference', 'That reference');
			const previous = await findReferenceAudio(tx, referenceId);
			await replaceReferenceAudio(tx, {
				referenceId,
				projectId: reference.projectId,
				filename: file.filename,
				uploadedBy: user.id,
				createdAt: nowIso(),
				sizeBytes: file.sizeBytes,
				sha256: file.sha256,
				container: format.container
			});
			await appendLog(tx, {
				projectId: reference.projectId,
				type: 'reference.audio',
				actorId: user.id,
				summary: `${user.name} added audio to the reference “${reference.title}”`,
				data: { referenceId, sha256: file.sha256 }
			});
			const key = referenceMediaKey(referenceId);
			await fsp.mkdir(mediaDir(reference.projectId, key), { recursive: true });
			if (previous && previous.container !== format.container) {
				await removeQuietly(originalPath(reference.projectId, key, previous.container));
			}
			await removeQuietly(peaksPath(reference.projectId, key));
			await fsp.rename(file.tempPath, originalPath(reference.projectId, key, format.container));
		});
	} finally {
		await removeQuietly(file.tempPath);
	}
	enqueueReferenceAnalysis(referenceId);
	return getReference(db, user, referenceId);
}
