import fsp from 'node:fs/promises';
import type { Container } from '$lib/audio';
import { badRequest } from '../http/errors';
import { tooLarge } from '../versions/audio-errors';
import { receiveToTemp, type ReceivedFile } from '../versions/upload.service';
import { mediaDir, originalPath, peaksPath, removeQuietly } from '../versions/storage';

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

/**
 * A zip body: streamed to a temp file by the same receiver as audio (size cap as bytes arrive,
 * SHA-256 on the way), without the audio header probe — a zip is not audio; its entries are.
 */
export async function receiveZipBody(
	body: ReadableStream<Uint8Array> | null,
	declaredLength: number | null,
	maxBytes: number
): Promise<ReceivedFile> {
	if (declaredLength !== null && declaredLength > maxBytes) throw tooLarge(maxBytes);
	if (!body) throw badRequest('Send the zip as the request body.', 'missing_body');
	return receiveToTemp(body, { declaredLength, maxBytes, probe: false, suffix: '.zip' });
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
