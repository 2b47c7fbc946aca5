import fsp from 'node:fs/promises';
import path from 'node:path';
import { peaksFromDat, peaksToJson, type Container } from '$lib/audio';
import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { conflict, forbidden } from '../http/errors';
import type { Access } from '../projects/access';
import { findProject } from '../projects/project.repository';
import { findReferenceAudio } from './reference-audio.repository';
import { referenceMediaKey } from './reference-audio.analysis';
import { requireReference } from './reference-audio.service';
import { CONTENT_TYPES, EXTENSIONS, originalPath, peaksPath, streamPath } from './storage';
import type { MediaFile } from './media-response';
import { requireVersion } from './version.service';

export type Variant = 'original' | 'stream';

/**
 * Originals are the studio's lossless masters: who may fetch them (download, or play the
 * original) is the project's `download_roles` setting; owners always may. Everyone in the
 * project may listen to the compressed stream.
 */
async function requireOriginalAccess(db: Db, access: Access): Promise<void> {
	if (access.role === 'owner') return;
	const project = await findProject(db, access.projectId);
	if (!project?.downloadRoles.includes(access.role)) {
		throw forbidden('This project does not let your role download original files.');
	}
}

/** Which audio file to send for `/versions/:id/audio`. */
export async function versionAudio(
	db: Db,
	user: User,
	versionId: string,
	variant: Variant
): Promise<MediaFile> {
	const { version: v, access } = await requireVersion(db, user, versionId);
	if (variant === 'stream') {
		if (v.streamStatus !== 'ready') {
			throw conflict(
				'stream_not_ready',
				v.streamStatus === 'failed'
					? 'The compressed stream of this version could not be made; play the original.'
					: 'The compressed stream of this version is still being made; try again in a few seconds, or play the original.'
			);
		}
		return { path: streamPath(v.projectId, v.id), contentType: 'audio/mpeg' };
	}
	await requireOriginalAccess(db, access);
	return {
		path: originalPath(v.projectId, v.id, v.container),
		contentType: CONTENT_TYPES[v.container],
		etag: `"${v.sha256}"`
	};
}

/** The original as an attachment, named as uploaded (with the right extension). */
export async function versionDownload(db: Db, user: User, versionId: string): Promise<MediaFile> {
	const { version: v, access } = await requireVersion(db, user, versionId);
	await requireOriginalAccess(db, access);
	return {
		path: originalPath(v.projectId, v.id, v.container),
		contentType: CONTENT_TYPES[v.container],
		etag: `"${v.sha256}"`,
		downloadName: withExtension(v.filename, v.container)
	};
}

export function withExtension(filename: string, container: Container): string {
	const ext = path.extname(filename).toLowerCase().slice(1);
	const ok = container === 'aiff' ? ['aif', 'aiff', 'aifc'] : [EXTENSIONS[container]];
	return ok.includes(ext) ? filename : `${filename}.${EXTENSIONS[container]}`;
}

async function peaksJson(file: string, samplesPerPixel: number | undefined) {
	const dat = await fsp.readFile(file);
	return peaksToJson(peaksFromDat(new Uint8Array(dat)), samplesPerPixel);
}

export async function versionPeaks(
	db: Db,
	user: User,
	versionId: string,
	samplesPerPixel: number | undefined
) {
	const { version: v } = await requireVersion(db, user, versionId);
	if (v.status !== 'ready') {
		throw conflict(
			v.status === 'failed' ? 'analysis_failed' : 'not_ready',
			v.status === 'failed'
				? (v.error ?? 'This version could not be analysed.')
				: 'The waveform is still being computed; try again in a moment.'
		);
	}
	return peaksJson(peaksPath(v.projectId, v.id), samplesPerPixel);
}

export async function referencePeaks(
	db: Db,
	user: User,
	referenceId: string,
	samplesPerPixel: number | undefined
) {
	const reference = await requireReference(db, user, referenceId, 'read');
	const audio = await findReferenceAudio(db, referenceId);
	if (audio?.status !== 'ready') {
		throw conflict('not_ready', 'This reference has no analysed audio yet.');
	}
	return peaksJson(peaksPath(reference.projectId, referenceMediaKey(referenceId)), samplesPerPixel);
}

/** A reference is a published record, not the project's master: every member may play it. */
export async function referenceAudio(db: Db, user: User, referenceId: string): Promise<MediaFile> {
	const reference = await requireReference(db, user, referenceId, 'read');
	const audio = await findReferenceAudio(db, referenceId);
	if (!audio) throw conflict('no_audio', 'This reference has no audio yet.');
	return {
		path: originalPath(reference.projectId, referenceMediaKey(referenceId), audio.container),
		contentType: CONTENT_TYPES[audio.container],
		etag: `"${audio.sha256}"`
	};
}
