import { writeFile } from 'node:fs/promises';

/**
 * Minimal FLAC encoder for tests: fixed 4096-frame blocks, independent channels, VERBATIM
 * subframes (no compression). Valid FLAC that any decoder reads, without a binary fixture.
 */
export interface FlacSpec {
	sampleRate: number;
	bitDepth: 8 | 16 | 24;
	channels: Float32Array[];
	blockSize?: number;
}

function crc8(b: Uint8Array, n: number): number {
	let c = 0;
	for (let i = 0; i < n; i++) {
		c ^= b[i];
		for (let k = 0; k < 8; k++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
	}
	return c;
}

function crc16(b: Uint8Array, n: number): number {
	let c = 0;
	for (let i = 0; i < n; i++) {
		c ^= b[i] << 8;
		for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x8005) & 0xffff : (c << 1) & 0xffff;
	}
	return c;
}

function utf8Number(n: number): number[] {
	if (n < 0x80) return [n];
	if (n < 0x800) return [0xc0 | (n >> 6), 0x80 | (n & 0x3f)];
	return [0xe0 | (n >> 12), 0x80 | ((n >> 6) & 0x3f), 0x80 | (n & 0x3f)];
}

export function encodeFlac(s: FlacSpec): Uint8Array {
	const ch = s.channels;
	const frames = ch[0].length;
	const block = s.blockSize ?? 4096;
	const bps = s.bitDepth / 8;
	const full = Math.pow(2, s.bitDepth - 1);
	const parts: Uint8Array[] = [];
	const head = new Uint8Array(4 + 4 + 34);
	head.set([0x66, 0x4c, 0x61, 0x43, 0x80, 0, 0, 34]); // 'fLaC', last-block STREAMINFO
	const si = new DataView(head.buffer, 8);
	si.setUint16(0, block);
	si.setUint16(2, block);
	const rateBits = s.sampleRate << 12; // 20 bits rate | 3 bits ch-1 | 5 bits bps-1 | 4 bits total hi
	si.setUint32(10, (rateBits | ((ch.length - 1) << 9) | ((s.bitDepth - 1) << 4)) >>> 0);
	si.setUint32(14, frames);
	parts.push(head);
	const sizeCode = { 8: 1, 16: 4, 24: 6 }[s.bitDepth];
	// Explicit sample-rate codes: the wasm decoder can't use "from STREAMINFO" (0000).
	const rateCodes: Record<number, number> = {
		88200: 1,
		176400: 2,
		192000: 3,
		8000: 4,
		16000: 5,
		22050: 6,
		24000: 7,
		32000: 8,
		44100: 9,
		48000: 10,
		96000: 11
	};
	let rateCode = rateCodes[s.sampleRate] ?? 0;
	const rateTail: number[] = [];
	if (!rateCode && s.sampleRate < 65536) {
		rateCode = 13;
		rateTail.push(s.sampleRate >> 8, s.sampleRate & 0xff);
	} else if (!rateCode && s.sampleRate % 10 === 0 && s.sampleRate / 10 < 65536) {
		rateCode = 14;
		rateTail.push((s.sampleRate / 10) >> 8, (s.sampleRate / 10) & 0xff);
	}
	for (let f0 = 0, n = 0; f0 < frames; f0 += block, n++) {
		const len = Math.min(block, frames - f0);
		const out = new Uint8Array(16 + ch.length * (1 + len * bps) + 2);
		let o = 0;
		out[o++] = 0xff;
		out[o++] = 0xf8;
		out[o++] = (0b0111 << 4) | rateCode; // 16-bit (blocksize-1) at the header end
		out[o++] = ((ch.length - 1) << 4) | (sizeCode << 1);
		for (const b of utf8Number(n)) out[o++] = b;
		out[o++] = (len - 1) >> 8;
		out[o++] = (len - 1) & 0xff;
		for (const b of rateTail) out[o++] = b;
		out[o] = crc8(out, o);
		o++;
		for (const c of ch) {
			out[o++] = 0x02; // VERBATIM, no wasted bits
			for (let i = 0; i < len; i++) {
				const q = Math.max(-full, Math.min(full - 1, Math.round(c[f0 + i] * full)));
				for (let k = bps - 1; k >= 0; k--) out[o++] = (q >> (8 * k)) & 0xff;
			}
		}
		const crc = crc16(out, o);
		out[o++] = crc >> 8;
		out[o++] = crc & 0xff;
		parts.push(out.subarray(0, o));
	}
	// Min/max frame sizes: some decoders (codec-parser, used by the wasm decoder) need them.
	const sizes = parts.slice(1).map((p) => p.length);
	const setU24 = (at: number, v: number) =>
		head.set([(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff], 8 + at);
	setU24(4, Math.min(...sizes));
	setU24(7, Math.max(...sizes));
	const total = parts.reduce((n, p) => n + p.length, 0);
	const file = new Uint8Array(total);
	let o = 0;
	for (const p of parts) {
		file.set(p, o);
		o += p.length;
	}
	return file;
}

export const writeFlac = (path: string, s: FlacSpec): Promise<void> =>
	writeFile(path, encodeFlac(s));
