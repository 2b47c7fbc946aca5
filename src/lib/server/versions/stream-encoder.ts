import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { readPcm, type AudioFormat } from '$lib/audio';

/** The compressed rendition for slow connections and for originals a browser cannot play. */
export const STREAM_BITRATE = 192;
const LAME_RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000] as const;
type LameRate = (typeof LAME_RATES)[number];

/** MP3 tops out at 48 kHz: hi-res masters are resampled by LAME to the nearest family rate. */
export function outputRate(sampleRate: number): LameRate {
	if ((LAME_RATES as readonly number[]).includes(sampleRate)) return sampleRate as LameRate;
	if (sampleRate % 44100 === 0) return 44100;
	if (sampleRate > 48000 || sampleRate % 48000 === 0) return 48000;
	return 44100;
}

/**
 * Folds any channel count into what MP3 carries (mono or stereo). Beyond stereo, even-numbered
 * channels feed the left and odd-numbered the right (L/R, C/LFE, Ls/Rs in SMPTE order), averaged
 * so the fold cannot clip: a listening copy, not a mixdown.
 */
export function foldChannels(channels: Float32Array[], frames: number): Float32Array[] {
	if (channels.length <= 2) return channels.map((c) => c.slice(0, frames));
	const out = [new Float32Array(frames), new Float32Array(frames)];
	const counts = [Math.ceil(channels.length / 2), Math.floor(channels.length / 2)];
	channels.forEach((c, i) => {
		const o = out[i % 2];
		const g = 1 / counts[i % 2];
		for (let f = 0; f < frames; f++) o[f] += c[f] * g;
	});
	return out;
}

/**
 * LAME (wasm) runs in a worker thread so encoding a long master never stalls the event loop.
 * The worker is eval'd from a string (no worker file to ship in the bundle); the encoder module
 * is resolved here, where node_modules is reachable, and passed in by absolute path.
 */
function workerSource(encoderPath: string): string {
	return `"use strict";
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { createMp3Encoder } = require(${JSON.stringify(encoderPath)});
let enc, fd;
parentPort.on('message', async (m) => {
	try {
		if (m.type === 'init') {
			enc = await createMp3Encoder();
			enc.configure(m.config);
			fd = fs.openSync(m.path, 'w');
		} else if (m.type === 'block') {
			const out = enc.encode(m.channels);
			if (out.length) fs.writeSync(fd, out);
		} else if (m.type === 'end') {
			const out = enc.finalize();
			if (out.length) fs.writeSync(fd, out);
			fs.closeSync(fd);
		}
		parentPort.postMessage({ type: 'ack' });
	} catch (e) {
		parentPort.postMessage({ type: 'error', message: String((e && e.message) || e) });
	}
});`;
}

class EncoderWorker {
	#worker: Worker;
	#waiting: { resolve: () => void; reject: (e: Error) => void } | null = null;
	#failed: Error | null = null;

	constructor() {
		const encoderPath = createRequire(import.meta.url).resolve('wasm-media-encoders');
		this.#worker = new Worker(workerSource(encoderPath), { eval: true });
		this.#worker.on('message', (m: { type: string; message?: string }) => {
			const w = this.#waiting;
			this.#waiting = null;
			if (m.type === 'ack') w?.resolve();
			else w?.reject(new Error(m.message));
		});
		this.#worker.on('error', (e) => this.#fail(e));
		this.#worker.on('exit', () => this.#fail(new Error('encoder worker exited')));
	}

	#fail(e: Error) {
		this.#failed ??= e;
		this.#waiting?.reject(e);
		this.#waiting = null;
	}

	/** One message at a time, acknowledged: natural back-pressure on the reader. */
	send(message: unknown, transfer: ArrayBuffer[] = []): Promise<void> {
		if (this.#failed) return Promise.reject(this.#failed);
		return new Promise((resolve, reject) => {
			this.#waiting = { resolve, reject };
			this.#worker.postMessage(message, transfer);
		});
	}

	close() {
		void this.#worker.terminate();
	}
}

/**
 * Encodes `source` to a 192 kbps MP3 at `dest`: written to a temp name beside it, renamed into
 * place only when complete, so a reader never sees half a file.
 */
export async function encodeStreamMp3(source: string, dest: string, format: AudioFormat) {
	const tmp = `${dest}.${process.pid}.tmp`;
	const worker = new EncoderWorker();
	try {
		await worker.send({
			type: 'init',
			path: tmp,
			config: {
				sampleRate: format.sampleRate,
				channels: Math.min(format.channels, 2),
				bitrate: STREAM_BITRATE,
				outputSampleRate: outputRate(format.sampleRate)
			}
		});
		await readPcm(source, async (channels, frames) => {
			const folded = foldChannels(channels, frames);
			await worker.send(
				{ type: 'block', channels: folded },
				folded.map((c) => c.buffer as ArrayBuffer)
			);
		});
		await worker.send({ type: 'end' });
		await fsp.rename(tmp, dest);
	} catch (e) {
		await fsp.rm(tmp, { force: true });
		throw e;
	} finally {
		worker.close();
	}
}
