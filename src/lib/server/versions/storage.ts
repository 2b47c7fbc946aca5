import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Container } from '$lib/audio';
import { config } from '../config';

/**
 * Where audio lives on disk: `dataDir/audio/<projectId>/<ownerId>/original.<ext>`, `peaks.dat`,
 * `stream.mp3`. The owner is a version id, or `ref-<referenceId>` for a reference track.
 * Temp files live in `dataDir/tmp` (same filesystem, so moving into place is an atomic rename).
 */
export const EXTENSIONS: Record<Container, string> = {
	wav: 'wav',
	aiff: 'aiff',
	flac: 'flac',
	mp3: 'mp3'
};

export const CONTENT_TYPES: Record<Container, string> = {
	wav: 'audio/wav',
	aiff: 'audio/aiff',
	flac: 'audio/flac',
	mp3: 'audio/mpeg'
};

export const audioRoot = () => path.join(config.dataDir, 'audio');
export const tmpDir = () => path.join(config.dataDir, 'tmp');

export function mediaDir(projectId: string, ownerId: string): string {
	// Ids are our own base32 strings; the check keeps a bad caller from escaping the data dir.
	if (!/^[a-z0-9-]+$/.test(projectId) || !/^[a-z0-9-]+$/.test(ownerId)) {
		throw new Error('invalid media id');
	}
	return path.join(audioRoot(), projectId, ownerId);
}

export const originalPath = (projectId: string, ownerId: string, container: Container) =>
	path.join(mediaDir(projectId, ownerId), `original.${EXTENSIONS[container]}`);
export const peaksPath = (projectId: string, ownerId: string) =>
	path.join(mediaDir(projectId, ownerId), 'peaks.dat');
export const streamPath = (projectId: string, ownerId: string) =>
	path.join(mediaDir(projectId, ownerId), 'stream.mp3');

/** A fresh, unguessable temp file name in the data dir's tmp folder (created on demand). */
export async function newTempPath(suffix = '.part'): Promise<string> {
	await fsp.mkdir(tmpDir(), { recursive: true });
	return path.join(tmpDir(), `${randomBytes(12).toString('hex')}${suffix}`);
}

/** Deletes a file if it exists; never throws (cleanup paths must not mask the real error). */
export async function removeQuietly(file: string | undefined): Promise<void> {
	if (!file) return;
	await fsp.rm(file, { force: true }).catch(() => undefined);
}

export async function removeDirQuietly(dir: string): Promise<void> {
	await fsp.rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

/** Writes a file atomically: a temp file beside it, then a rename. */
export async function writeFileAtomic(file: string, data: Uint8Array): Promise<void> {
	const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
	await fsp.writeFile(tmp, data);
	await fsp.rename(tmp, file);
}

export async function fileSize(file: string): Promise<number | null> {
	try {
		return (await fsp.stat(file)).size;
	} catch {
		return null;
	}
}

/** Temp files older than a day are leftovers of crashed uploads; removed at start-up. */
export async function sweepTemp(maxAgeMs = 24 * 3600_000): Promise<void> {
	const dir = tmpDir();
	if (!fs.existsSync(dir)) return;
	for (const name of await fsp.readdir(dir)) {
		const file = path.join(dir, name);
		const stat = await fsp.stat(file).catch(() => null);
		if (stat && Date.now() - stat.mtimeMs > maxAgeMs) await removeQuietly(file);
	}
}
