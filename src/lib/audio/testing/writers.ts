import { writeFile } from 'node:fs/promises';
import { writeExtended } from '../aiff.reader.js';

/** PCM payload: one Float32Array per channel, or a channel count + frames of silence. */
export interface PcmSpec {
	sampleRate: number;
	bitDepth: 8 | 16 | 24 | 32 | 64;
	float?: boolean;
	channels: Float32Array[] | number;
	frames?: number;
}

export interface WavSpec extends PcmSpec {
	/** RF64 with a ds64 chunk (the data and RIFF size fields then read 0xFFFFFFFF). */
	rf64?: boolean;
	extensible?: boolean;
	/** Chunks written before 'fmt ' (e.g. JUNK, bext) and between fmt and data (e.g. LIST). Odd sizes get a pad byte. */
	chunksBeforeFmt?: { id: string; data: Uint8Array }[];
	chunksBeforeData?: { id: string; data: Uint8Array }[];
	/** Write 0xFFFFFFFF as the data size, as a streaming writer that never patched it would. */
	streaming?: boolean;
}

export interface AiffSpec extends PcmSpec {
	/** AIFF-C compression type; omit for plain AIFF. */
	compression?: 'NONE' | 'sowt' | 'fl32' | 'FL32' | 'fl64';
}

function planes(s: PcmSpec): Float32Array[] {
	return typeof s.channels === 'number'
		? Array.from({ length: s.channels }, () => new Float32Array(s.frames ?? 0))
		: s.channels;
}

/** Interleave and quantise (round, clamp) into little- or big-endian bytes. */
export function interleave(s: PcmSpec, littleEndian: boolean, unsigned8 = false): Uint8Array {
	const ch = planes(s);
	const frames = ch[0]?.length ?? 0;
	const bps = s.bitDepth / 8;
	const out = new Uint8Array(frames * ch.length * bps);
	const dv = new DataView(out.buffer);
	const full = Math.pow(2, s.bitDepth - 1);
	let o = 0;
	for (let i = 0; i < frames; i++) {
		for (const c of ch) {
			const v = c[i];
			if (s.float) {
				if (bps === 4) dv.setFloat32(o, v, littleEndian);
				else dv.setFloat64(o, v, littleEndian);
			} else {
				const q = Math.max(-full, Math.min(full - 1, Math.round(v * full)));
				if (bps === 1) dv.setUint8(o, unsigned8 ? q + 128 : q & 0xff);
				else if (bps === 2) dv.setInt16(o, q, littleEndian);
				else if (bps === 4) dv.setInt32(o, q, littleEndian);
				else {
					const b = [q & 0xff, (q >> 8) & 0xff, (q >> 16) & 0xff];
					if (!littleEndian) b.reverse();
					out.set(b, o);
				}
			}
			o += bps;
		}
	}
	return out;
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

function chunk(
	id: string,
	body: Uint8Array,
	littleEndian: boolean,
	sizeOverride?: number
): Uint8Array {
	const out = new Uint8Array(8 + body.length + (body.length & 1));
	out.set(ascii(id), 0);
	new DataView(out.buffer).setUint32(4, sizeOverride ?? body.length, littleEndian);
	out.set(body, 8);
	return out;
}

/** Joins byte arrays into one. */
export const cat = (parts: Uint8Array[]): Uint8Array => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
};

export function encodeWav(s: WavSpec): Uint8Array {
	const ch = planes(s);
	const nch = ch.length;
	const bps = s.bitDepth / 8;
	const tag = s.float ? 3 : 1;
	const fmt = new Uint8Array(s.extensible ? 40 : 16);
	const f = new DataView(fmt.buffer);
	f.setUint16(0, s.extensible ? 0xfffe : tag, true);
	f.setUint16(2, nch, true);
	f.setUint32(4, s.sampleRate, true);
	f.setUint32(8, s.sampleRate * nch * bps, true);
	f.setUint16(12, nch * bps, true);
	f.setUint16(14, s.bitDepth, true);
	if (s.extensible) {
		f.setUint16(16, 22, true);
		f.setUint16(18, s.bitDepth, true);
		f.setUint32(20, nch === 2 ? 3 : 0, true);
		f.setUint16(24, tag, true);
		fmt.set([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71], 26);
	}
	const data = interleave(s, true, s.bitDepth === 8);
	const parts: Uint8Array[] = [];
	if (s.rf64) {
		const ds64 = new Uint8Array(28);
		const d = new DataView(ds64.buffer);
		d.setBigUint64(8, BigInt(data.length), true);
		d.setBigUint64(16, BigInt(data.length / (nch * bps)), true);
		parts.push(chunk('ds64', ds64, true));
	}
	for (const c of s.chunksBeforeFmt ?? []) parts.push(chunk(c.id, c.data, true));
	parts.push(chunk('fmt ', fmt, true));
	for (const c of s.chunksBeforeData ?? []) parts.push(chunk(c.id, c.data, true));
	parts.push(chunk('data', data, true, s.rf64 || s.streaming ? 0xffffffff : undefined));
	const body = cat(parts);
	const head = new Uint8Array(12);
	head.set(ascii(s.rf64 ? 'RF64' : 'RIFF'), 0);
	new DataView(head.buffer).setUint32(
		4,
		s.rf64 || s.streaming ? 0xffffffff : body.length + 4,
		true
	);
	head.set(ascii('WAVE'), 8);
	if (s.rf64) new DataView(body.buffer).setBigUint64(8, BigInt(body.length + 4), true); // ds64 riffSize
	return cat([head, body]);
}

export function encodeAiff(s: AiffSpec): Uint8Array {
	const ch = planes(s);
	const frames = ch[0]?.length ?? 0;
	const aifc = s.compression !== undefined;
	const comm = new Uint8Array(aifc ? 24 : 18);
	const c = new DataView(comm.buffer);
	c.setUint16(0, ch.length);
	c.setUint32(2, frames);
	c.setUint16(6, s.bitDepth);
	writeExtended(comm, 8, s.sampleRate);
	if (aifc) {
		comm.set(ascii(s.compression as string), 18);
		comm.set([0, 0], 22); // empty pascal string, padded to even
	}
	const data = interleave(
		{ ...s, float: s.float || s.compression?.toLowerCase().startsWith('fl') },
		s.compression === 'sowt'
	);
	const ssnd = cat([new Uint8Array(8), data]);
	const parts = [
		...(aifc ? [chunk('FVER', Uint8Array.of(0xa2, 0x80, 0x51, 0x40), false)] : []),
		chunk('COMM', comm, false),
		chunk('SSND', ssnd, false)
	];
	const body = cat(parts);
	const head = new Uint8Array(12);
	head.set(ascii('FORM'), 0);
	new DataView(head.buffer).setUint32(4, body.length + 4);
	head.set(ascii(aifc ? 'AIFC' : 'AIFF'), 8);
	return cat([head, body]);
}

export const writeWav = (path: string, s: WavSpec): Promise<void> => writeFile(path, encodeWav(s));
export const writeAiff = (path: string, s: AiffSpec): Promise<void> =>
	writeFile(path, encodeAiff(s));
