import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { probeBuffer } from '$lib/audio';
import { AppError, badRequest } from '../http/errors';
import { isAudioFormatError, tooLarge, toAppError } from './audio-errors';
import { newTempPath, removeQuietly } from './storage';

/** Enough for every header we take, short of giant metadata chunks (those are probed at the end). */
export const PROBE_BYTES = 64 * 1024;

export interface ReceivedFile {
	tempPath: string;
	sizeBytes: number;
	sha256: string;
}

/**
 * Streams a request body to a temp file in the data dir: SHA-256 while streaming, the size cap
 * enforced as bytes arrive, and the header probed from the first 64 KB so that junk is refused
 * at once instead of after a 400 MB upload. Memory stays flat: one chunk at a time, with the
 * request's own backpressure. On any failure the temp file is gone.
 */
export async function receiveToTemp(
	body: ReadableStream<Uint8Array> | null,
	opts: {
		declaredLength: number | null;
		maxBytes: number;
		/** false for bodies that are not audio themselves (a delivery's zip): no header probe. */
		probe?: boolean;
		suffix?: string;
	}
): Promise<ReceivedFile> {
	if (!body) {
		// SvelteKit gives no body without a Content-Type; a sized body without one is a client slip.
		if (opts.declaredLength) {
			throw badRequest(
				'Send a Content-Type with the audio (audio/wav, audio/aiff, audio/flac, audio/mpeg or application/octet-stream).',
				'missing_content_type'
			);
		}
		throw new AppError(415, 'unsupported_audio', 'The file is empty: send WAV, AIFF, FLAC or MP3.');
	}
	if (opts.declaredLength !== null && opts.declaredLength > opts.maxBytes) {
		throw tooLarge(opts.maxBytes);
	}
	const tempPath = await newTempPath(opts.suffix);
	const fh = await fsp.open(tempPath, 'w+');
	const hash = createHash('sha256');
	const reader = body.getReader();
	let written = 0;
	let probeAt = opts.probe === false ? Infinity : PROBE_BYTES;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			if (written + value.length > opts.maxBytes) throw tooLarge(opts.maxBytes);
			for (let at = 0; at < value.length;) {
				at += (await fh.write(value, at, value.length - at, written + at)).bytesWritten;
			}
			hash.update(value);
			written += value.length;
			if (written >= probeAt) {
				probeAt = (await probePartial(fh, written, opts.declaredLength)).waitFor;
			}
		}
		// Short files are checked in full by the caller's probeFile; nothing more to do here.
		await fh.close();
		return { tempPath, sizeBytes: written, sha256: hash.digest('hex') };
	} catch (e) {
		reader.releaseLock();
		await fh.close().catch(() => undefined);
		await removeQuietly(tempPath);
		throw isAudioFormatError(e) ? toAppError(e) : e;
	}
}

/**
 * Probes the header of a file that is still arriving (`written` bytes so far, `totalSize` when
 * known). A 415 is final at once; a 422 is final unless the parser asked for bytes that have not
 * arrived yet (a large chunk before the audio data): then `{ waitFor }` says when to try again.
 */
export async function probePartial(
	fh: fsp.FileHandle,
	written: number,
	totalSize: number | null
): Promise<{ waitFor: number }> {
	const head = new Uint8Array(Math.min(PROBE_BYTES, written));
	await fh.read(head, 0, head.length, 0);
	let wanted = 0;
	const readAt = async (offset: number, length: number) => {
		if (offset + length > written) {
			wanted = Math.max(wanted, offset + length);
			return new Uint8Array(0);
		}
		const buf = new Uint8Array(length);
		await fh.read(buf, 0, length, offset);
		return buf;
	};
	try {
		await probeBuffer(head, totalSize ?? Number.MAX_SAFE_INTEGER, readAt);
		return { waitFor: Infinity };
	} catch (e) {
		if (!isAudioFormatError(e) || e.status === 415 || wanted === 0) throw e;
		return { waitFor: wanted };
	}
}

/** SHA-256 of a file on disk (tus uploads arrive in pieces, possibly across restarts). */
export async function hashFile(file: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
		hash.update(chunk as Buffer);
	}
	return hash.digest('hex');
}
