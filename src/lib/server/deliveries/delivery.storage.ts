import { createHash, randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { config } from '../config';
import { AppError, badRequest } from '../http/errors';

/**
 * Where delivery files live: `dataDir/deliveries/<projectId>/<deliveryId>/<fileId>.audio` and
 * `<fileId>.peaks.dat`; temp files in `dataDir/tmp` (same filesystem: moving into place is a rename).
 *
 * TO UNIFY with src/lib/server/versions (storage.ts, upload.service.ts receiveToTemp) once the
 * versions branch is on main: this is the minimal raw-body streaming this module needed first.
 */
const ID = /^[a-z0-9]+$/;

export const tmpDir = () => path.join(config.dataDir, 'tmp');

export function deliveryDir(projectId: string, deliveryId: string): string {
	// Ids are our own base32 strings; the check keeps a bad caller from escaping the data dir.
	if (!ID.test(projectId) || !ID.test(deliveryId)) throw new Error('invalid delivery id');
	return path.join(config.dataDir, 'deliveries', projectId, deliveryId);
}

export function fileMedia(f: { projectId: string; deliveryId: string; id: string }) {
	if (!ID.test(f.id)) throw new Error('invalid file id');
	const dir = deliveryDir(f.projectId, f.deliveryId);
	return {
		dir,
		audio: path.join(dir, `${f.id}.audio`),
		peaks: path.join(dir, `${f.id}.peaks.dat`)
	};
}

export async function newTempPath(suffix = '.part'): Promise<string> {
	await fsp.mkdir(tmpDir(), { recursive: true });
	return path.join(tmpDir(), `dlv-${randomBytes(12).toString('hex')}${suffix}`);
}

export async function removeQuietly(p: string | undefined): Promise<void> {
	if (p) await fsp.rm(p, { recursive: true, force: true }).catch(() => undefined);
}

export function tooLarge(maxBytes: number): AppError {
	const gib = maxBytes / 1024 ** 3;
	const limit =
		gib >= 1 ? `${+gib.toFixed(1)} GiB` : `${Math.max(1, Math.round(maxBytes / 1024 ** 2))} MiB`;
	return new AppError(
		413,
		'too_large',
		`This upload is larger than the ${limit} limit. Send the files one by one, or in smaller zips.`
	);
}

export interface Received {
	tempPath: string;
	sizeBytes: number;
	sha256: string;
	/** The first bytes, to tell a zip from audio without reading the file again. */
	head: Uint8Array;
}

/** Streams a request body to a temp file: the size cap as bytes arrive, SHA-256 on the way. */
export async function receiveBody(
	body: ReadableStream<Uint8Array> | null,
	declaredLength: number | null,
	maxBytes: number
): Promise<Received> {
	if (declaredLength !== null && declaredLength > maxBytes) throw tooLarge(maxBytes);
	if (!body)
		throw badRequest(
			'Send the file as the request body, with a Content-Type (audio/wav, application/zip or application/octet-stream).',
			'missing_body'
		);
	const tempPath = await newTempPath();
	const fh = await fsp.open(tempPath, 'w');
	const hash = createHash('sha256');
	const reader = body.getReader();
	const head = new Uint8Array(16);
	let written = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			if (written + value.length > maxBytes) throw tooLarge(maxBytes);
			if (written < head.length) head.set(value.subarray(0, head.length - written), written);
			for (let at = 0; at < value.length;)
				at += (await fh.write(value, at, value.length - at)).bytesWritten;
			hash.update(value);
			written += value.length;
		}
		await fh.close();
		return {
			tempPath,
			sizeBytes: written,
			sha256: hash.digest('hex'),
			head: head.subarray(0, Math.min(written, head.length))
		};
	} catch (e) {
		reader.releaseLock();
		await fh.close().catch(() => undefined);
		await removeQuietly(tempPath);
		throw e;
	}
}

export const isZip = (head: Uint8Array) =>
	head.length >= 4 &&
	head[0] === 0x50 &&
	head[1] === 0x4b &&
	((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
