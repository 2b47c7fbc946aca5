import { open } from 'node:fs/promises';
import type { CodedSource } from './pcm-encoding.js';
import { malformed } from './types.js';

/** Compressed bytes fed per decoder call; decoded output is bounded by this too. */
const CHUNK = 1 << 20;

interface DecodedBlock {
	channelData: Float32Array[];
	samplesDecoded: number;
	errors?: unknown[];
}

interface StreamDecoder {
	decode(b: Uint8Array): Promise<DecodedBlock> | DecodedBlock;
	flush?(): Promise<DecodedBlock>;
	free(): void;
}

async function createDecoder(kind: CodedSource['kind']): Promise<StreamDecoder> {
	// Loaded lazily: the wasm decoders are only paid for by FLAC/MP3 files.
	if (kind === 'flac') {
		const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
		const d = new FLACDecoder();
		await d.ready;
		return d;
	}
	const { MPEGDecoder } = await import('mpg123-decoder');
	const d = new MPEGDecoder({ enableGapless: true });
	await d.ready;
	return d;
}

/**
 * Stream-decode a FLAC/MP3 file, calling `onBlock` with planar float32 for every decoded
 * piece (the arrays belong to the callee only during the call). Returns frames decoded.
 */
export async function decodeCoded(
	path: string,
	src: CodedSource,
	channels: number,
	onBlock: (data: Float32Array[], frames: number) => Promise<void> | void,
	onBytes?: (consumed: number) => void,
	signal?: AbortSignal
): Promise<number> {
	const dec = await createDecoder(src.kind);
	const fh = await open(path, 'r');
	const buf = new Uint8Array(CHUNK);
	let frames = 0;
	let errors = 0;
	// The FLAC decoder scales ints by 1/(2^(b-1) - 1); re-scale to the usual 1/2^(b-1) so FLAC
	// decodes bit-identically to the same PCM in WAV/AIFF (hash, peaks, clipping all agree).
	const full = src.kind === 'flac' && src.bits <= 24 ? Math.pow(2, src.bits - 1) : 0;
	const emit = async (r: DecodedBlock): Promise<void> => {
		errors += r.errors?.length ?? 0;
		if (r.samplesDecoded === 0) return;
		if (r.channelData.length !== channels)
			malformed('decoded channel count differs from the header');
		if (full) {
			const up = full - 1;
			const down = 1 / full;
			for (const c of r.channelData)
				for (let i = 0; i < r.samplesDecoded; i++) c[i] = Math.round(c[i] * up) * down;
		}
		frames += r.samplesDecoded;
		await onBlock(r.channelData, r.samplesDecoded);
	};
	try {
		let pos = src.streamOffset;
		for (;;) {
			signal?.throwIfAborted();
			const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
			if (bytesRead === 0) break;
			pos += bytesRead;
			// The decoders keep references only until the call returns; copy is not needed.
			await emit(await dec.decode(buf.subarray(0, bytesRead)));
			onBytes?.(pos);
		}
		if (dec.flush) await emit(await dec.flush());
	} finally {
		dec.free();
		await fh.close();
	}
	if (frames === 0)
		malformed(errors ? 'audio stream could not be decoded' : 'audio stream holds no frames');
	return frames;
}
