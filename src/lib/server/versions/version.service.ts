import fsp from 'node:fs/promises';
import path from 'node:path';
import { probeFile } from '$lib/audio';
import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { newId, nowIso } from '../db/ids';
import { writeTransaction } from '../db/transaction';
import { notFound } from '../http/errors';
import { appendLog } from '../log/log.service';
import { requireRole, type Access } from '../projects/access';
import type { Permission } from '../projects/roles';
import { findSong } from '../songs/song.repository';
import { isAudioFormatError, toAppError } from './audio-errors';
import { enqueueAnalysis } from './analysis.service';
import { publishVersion } from './version.events';
import { mediaDir, originalPath, removeDirQuietly, removeQuietly } from './storage';
import { toVersionDto, type VersionDto } from './version.dto';
import {
	findVersion,
	insertVersion,
	listVersionsForSong,
	nextVersionNumber,
	updateVersionNotes,
	type VersionRecord
} from './version.repository';

/** The song's project and the caller's access to it; 404 for songs outside the caller's projects. */
export async function requireSongAccess(
	db: Db,
	user: Pick<User, 'id'>,
	songId: string,
	permission: Permission
) {
	const song = await findSong(db, songId);
	if (!song) throw notFound('That song');
	const access = await requireRole(db, song.projectId, user, permission, 'That song');
	return { song, access };
}

/** A version the caller may see (404 otherwise), checked against `permission`. */
export async function requireVersion(
	db: Db,
	user: Pick<User, 'id'>,
	versionId: string,
	permission: Permission = 'read'
): Promise<{ version: VersionRecord; access: Access }> {
	const version = await findVersion(db, versionId);
	if (!version) throw notFound('That version');
	const access = await requireRole(db, version.projectId, user, permission, 'That version');
	return { version, access };
}

const isUniqueViolation = (e: unknown) =>
	e instanceof Error && /unique|duplicate key/i.test(e.message);

/**
 * The one way a version comes to exist, for raw POSTs and finished tus uploads alike: probe the
 * complete file's header, then in one transaction take the next number, insert the row, log
 * `version.uploaded` and move the file into place. Any failure leaves no row and no file.
 */
export async function createVersionFromFile(
	db: Db,
	user: User,
	songId: string,
	file: { tempPath: string; sizeBytes: number; sha256: string; filename: string; notes: string }
): Promise<VersionDto> {
	let dir: string | undefined;
	try {
		const format = await probeFile(file.tempPath).catch((e: unknown) => {
			throw isAudioFormatError(e) ? toAppError(e) : e;
		});
		const id = newId();
		for (let attempt = 0; ; attempt++) {
			try {
				await writeTransaction(db, async (tx) => {
					const song = await findSong(tx, songId);
					if (!song) throw notFound('That song');
					await requireRole(tx, song.projectId, user, 'uploadVersion', 'That song');
					const number = await nextVersionNumber(tx, songId);
					await insertVersion(tx, {
						id,
						songId,
						projectId: song.projectId,
						number,
						filename: file.filename,
						notes: file.notes,
						uploadedBy: user.id,
						createdAt: nowIso(),
						sizeBytes: file.sizeBytes,
						sha256: file.sha256,
						container: format.container
					});
					await appendLog(tx, {
						projectId: song.projectId,
						type: 'version.uploaded',
						actorId: user.id,
						songId,
						versionId: id,
						summary: `${user.name} uploaded v${number} of “${song.title}” (${file.filename})`,
						data: { number, sha256: file.sha256, sizeBytes: file.sizeBytes }
					});
					// Last step inside the transaction: if the rename fails the row is rolled back.
					dir = mediaDir(song.projectId, id);
					await fsp.mkdir(dir, { recursive: true });
					await fsp.rename(file.tempPath, originalPath(song.projectId, id, format.container));
				});
				break;
			} catch (e) {
				// PostgreSQL has no write lock up front: two uploads may race for a number.
				if (!isUniqueViolation(e) || attempt >= 3) throw e;
			}
		}
		await publishVersion(db, id);
		enqueueAnalysis(id);
		return toVersionDto((await findVersion(db, id))!);
	} catch (e) {
		await removeQuietly(file.tempPath);
		if (dir) await removeDirQuietly(dir);
		throw e;
	}
}

export async function getVersion(db: Db, user: User, versionId: string): Promise<VersionDto> {
	const { version } = await requireVersion(db, user, versionId);
	return toVersionDto(version);
}

export async function listSongVersions(db: Db, songId: string): Promise<VersionDto[]> {
	return (await listVersionsForSong(db, songId)).map((v) => toVersionDto(v));
}

export interface VersionPatch {
	notes?: string;
}

/** Owners and engineers edit a version's change notes. */
export async function updateVersion(
	db: Db,
	user: User,
	versionId: string,
	patch: VersionPatch
): Promise<VersionDto> {
	await writeTransaction(db, async (tx) => {
		const version = await findVersion(tx, versionId);
		if (!version) throw notFound('That version');
		await requireRole(tx, version.projectId, user, 'uploadVersion', 'That version');
		if (patch.notes !== undefined) await updateVersionNotes(tx, versionId, patch.notes);
	});
	await publishVersion(db, versionId);
	return toVersionDto((await findVersion(db, versionId))!);
}

/** A safe display name: no directories, no control characters, bounded length. */
export function cleanFilename(name: string | null | undefined, fallback = 'upload'): string {
	const base = path.basename((name ?? '').replace(/\\/g, '/'));
	const cleaned = [...base]
		.filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
		.join('')
		.trim()
		.slice(0, 255);
	return cleaned || fallback;
}
