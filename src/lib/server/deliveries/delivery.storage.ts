import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import type { Container } from '$lib/audio';
import { badRequest } from '../http/errors';
import { tooLarge } from '../versions/audio-errors';
import { mediaDir, newTempPath, originalPath, peaksPath, removeQuietly } from '../versions/storage';

/**
 * Delivery files live beside the versions' media (versions/storage.ts): `dataDir/audio/
 * <projectId>/dlv-<fileId>/original.<ext>` and `peaks.dat`; temp files in `dataDir/tmp`, swept
 * at start-up with the rest.
 */
export function fileMedia(f: { projectId: string; id: string; container: string }) {
	const owner = `dlv-${f.id}`;
	return {
		dir: mediaDir(f.projectId, owner),
		audio: originalPath(f.projectId, owner, f.container as Container),
		peaks: peaksPath(f.projectId, owner)
	};
}

export interface Received {
	tempPath: string;
	sizeBytes: number;
	sha256: string;
}

/**
 * Streams a zip body to a temp file: the size cap as bytes arrive, SHA-256 on the way. Audio
 * bodies go through versions' receiveToTemp instead, which also refuses non-audio early; a zip
 * is not audio, so it cannot take that path.
 */
export async function receiveZipBody(
	body: ReadableStream<Uint8Array> | null,
	declaredLength: number | null,
	maxBytes: number
): Promise<Received> {
	if (declaredLength !== null && declaredLength > maxBytes) throw tooLarge(maxBytes);
	if (!body) throw badRequest('Send the zip as the request body.', 'missing_body');
	const tempPath = await newTempPath('.zip');
	const fh = await fsp.open(tempPath, 'w');
	const hash = createHash('sha256');
	const reader = body.getReader();
	let written = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			if (written + value.length > maxBytes) throw tooLarge(maxBytes);
			for (let at = 0; at < value.length;)
				at += (await fh.write(value, at, value.length - at)).bytesWritten;
			hash.update(value);
			written += value.length;
		}
		await fh.close();
		return { tempPath, sizeBytes: written, sha256: hash.digest('hex') };
	} catch (e) {
		reader.releaseLock();
		await fh.close().catch(() => undefined);
		await removeQuietly(tempPath);
		throw e;
	}
}

/** Whether a file starts like a zip (local header, or the end record of an empty zip). */
export async function startsLikeZip(file: string): Promise<boolean> {
	const fh = await fsp.open(file, 'r');
	try {
		const head = new Uint8Array(4);
		const { bytesRead } = await fh.read(head, 0, 4, 0);
		return (
			bytesRead === 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5)
		);
	} finally {
		await fh.close();
	}
}

export { removeQuietly };
