import { open } from 'node:fs/promises';
import type { AudioFormat } from './types.js';
import { probeFileInternal } from './probe.js';
import { pcmDecodeKernel } from './pcm-decode.kernel.js';
import { decodeCoded } from './coded.decoder.js';

const BLOCK_FRAMES = 65536;

/**
 * Stream a file as planar float32 blocks (e.g. for an encoder making the 'stream' variant).
 * `onBlock` may be async (it is awaited: natural back-pressure). The arrays are reused between
 * calls for WAV/AIFF, so copy what you keep. Resolves with the format (frames = decoded count).
 */
export async function readPcm(
	path: string,
	onBlock: (channels: Float32Array[], frames: number) => void | Promise<void>,
	opts: { signal?: AbortSignal } = {}
): Promise<AudioFormat> {
	const { format, source } = await probeFileInternal(path);
	const ch = format.channels;
	if (source.kind !== 'pcm') {
		const frames = await decodeCoded(path, source, ch, onBlock, undefined, opts.signal);
		return { ...format, frames, durationMs: Math.round((frames / format.sampleRate) * 1000) };
	}
	const decode = pcmDecodeKernel();
	const raw = new Uint8Array(new ArrayBuffer(BLOCK_FRAMES * source.blockAlign));
	const planes = Array.from({ length: ch }, () => new Float32Array(BLOCK_FRAMES));
	const fh = await open(path, 'r');
	try {
		let pos = 0;
		while (pos < source.dataBytes) {
			opts.signal?.throwIfAborted();
			const want = Math.min(raw.length, source.dataBytes - pos);
			let got = 0;
			while (got < want) {
				const { bytesRead } = await fh.read(raw, got, want - got, source.dataOffset + pos + got);
				if (bytesRead === 0) throw new Error('file shrank while reading');
				got += bytesRead;
			}
			const frames = got / source.blockAlign;
			for (let c = 0; c < ch; c++) decode(raw, source.encoding, c, ch, 0, 0, frames, planes[c], 0);
			await onBlock(
				frames === BLOCK_FRAMES ? planes : planes.map((p) => p.subarray(0, frames)),
				frames
			);
			pos += got;
		}
	} finally {
		await fh.close();
	}
	return format;
}
