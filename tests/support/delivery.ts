import { createHash } from 'node:crypto';
import yazl from 'yazl';
import { encodeWav, musicLike, sine, type WavSpec } from '../../src/lib/audio/testing/index.js';
import type { ApiClient } from './client';

/** Test helpers for session deliveries: generated WAVs, zips (honest and hostile), polling. */

export const RATE = 48000;

/** A stereo WAV of `seconds` of music-like noise (distinct per seed), 24-bit 48 kHz by default. */
export function stemWav(seed: number, o: Partial<WavSpec> & { seconds?: number } = {}): Uint8Array {
	const sampleRate = o.sampleRate ?? RATE;
	const frames = Math.round((o.seconds ?? 2) * sampleRate);
	const channels = o.channels ?? [
		musicLike(frames, sampleRate, seed, -6),
		musicLike(frames, sampleRate, seed + 1000, -6)
	];
	return encodeWav({ bitDepth: 24, ...o, sampleRate, channels });
}

export const silentWav = (seconds = 2) =>
	encodeWav({ sampleRate: RATE, bitDepth: 24, channels: 2, frames: seconds * RATE });

export function dualMonoWav(seconds = 2): Uint8Array {
	const ch = sine({ frequency: 220, sampleRate: RATE, seconds, dbfs: -12 });
	return encodeWav({ sampleRate: RATE, bitDepth: 24, channels: [ch, ch] });
}

export function clippedWav(seconds = 2): Uint8Array {
	// A sine driven 6 dB over full scale: flat tops of many samples at the largest code.
	const ch = sine({ frequency: 100, sampleRate: RATE, seconds, amplitude: 2 });
	const other = sine({ frequency: 150, sampleRate: RATE, seconds, amplitude: 2 });
	return encodeWav({ sampleRate: RATE, bitDepth: 24, channels: [ch, other] });
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function upload(
	client: ApiClient,
	deliveryId: string,
	path: string | null,
	bytes: Uint8Array,
	contentType = 'audio/wav'
) {
	const q = path === null ? '' : `?path=${encodeURIComponent(path)}`;
	return client.request('POST', `/api/v1/deliveries/${deliveryId}/files${q}`, bytes, {
		'content-type': contentType
	});
}

/** Polls until every file is analysed; returns the delivery. */
export async function waitReady(client: ApiClient, deliveryId: string, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const res = await client.get(`/api/v1/deliveries/${deliveryId}`);
		if (res.status !== 200) throw new Error(`GET delivery: ${res.status} ${res.text}`);
		if (res.json.delivery.state === 'ready') return res.json.delivery;
		if (Date.now() > deadline) throw new Error('delivery still checking');
		await new Promise((r) => setTimeout(r, 150));
	}
}

/** Builds a zip in memory with yazl (entries STOREd unless `compress`). */
export async function makeZip(
	entries: { name: string; data: Uint8Array; mode?: number; compress?: boolean }[]
): Promise<Buffer> {
	const zip = new yazl.ZipFile();
	for (const e of entries)
		zip.addBuffer(Buffer.from(e.data), e.name, { compress: e.compress ?? false, mode: e.mode });
	zip.end();
	const chunks: Buffer[] = [];
	for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
	return Buffer.concat(chunks);
}

/**
 * yazl refuses to write hostile names, as it should: write a harmless name of the same length
 * and patch its bytes in the local header and the central directory afterwards.
 */
export function renameInZip(zip: Buffer, from: string, to: string): Buffer {
	if (from.length !== to.length) throw new Error('names must have the same length');
	const a = Buffer.from(from);
	const b = Buffer.from(to);
	const out = Buffer.from(zip);
	let at = out.indexOf(a);
	let n = 0;
	while (at !== -1) {
		b.copy(out, at);
		n++;
		at = out.indexOf(a, at + 1);
	}
	if (n < 2) throw new Error(`expected ${from} in both headers`);
	return out;
}
