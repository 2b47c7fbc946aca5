import type { AudioFormat } from './types.js';
import { malformed } from './types.js';
import { ascii, u32be, type ByteSource } from './byte-source.js';
import type { CodedSource } from './pcm-encoding.js';
import { formatOf } from './format-checks.js';

const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0];
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0];
const RATES_V1 = [44100, 48000, 32000, 0];

export interface Mp3Frame {
	mpeg1: boolean;
	sampleRate: number;
	channels: number;
	length: number;
	samples: number;
}

/** Parse an MPEG audio Layer III frame header; null when these 4 bytes are not one. */
export function parseFrameHeader(b: Uint8Array, i: number): Mp3Frame | null {
	if (b[i] !== 0xff || (b[i + 1] & 0xe0) !== 0xe0) return null;
	const ver = (b[i + 1] >> 3) & 3; // 0 = 2.5, 2 = 2, 3 = 1
	const layer = (b[i + 1] >> 1) & 3;
	const brIdx = b[i + 2] >> 4;
	const srIdx = (b[i + 2] >> 2) & 3;
	if (ver === 1 || layer !== 1 || brIdx === 0 || brIdx === 15 || srIdx === 3) return null;
	const mpeg1 = ver === 3;
	const sampleRate = RATES_V1[srIdx] / (mpeg1 ? 1 : ver === 2 ? 2 : 4);
	const kbps = (mpeg1 ? BITRATES_V1 : BITRATES_V2)[brIdx];
	const pad = (b[i + 2] >> 1) & 1;
	const length = Math.floor(((mpeg1 ? 144000 : 72000) * kbps) / sampleRate) + pad;
	return {
		mpeg1,
		sampleRate,
		channels: b[i + 3] >> 6 === 3 ? 1 : 2,
		length,
		samples: mpeg1 ? 1152 : 576
	};
}

/** Size of an ID3v2 tag at `at` (0 when there is none). */
export function id3v2Size(b: Uint8Array): number {
	if (ascii(b, 0, 3) !== 'ID3') return 0;
	if ((b[6] | b[7] | b[8] | b[9]) & 0x80) malformed('invalid ID3v2 size');
	const size = (b[6] << 21) | (b[7] << 14) | (b[8] << 7) | b[9];
	return 10 + size + (b[5] & 0x10 ? 10 : 0);
}

/** Frame count and LAME gapless trims from a Xing/Info or VBRI header in the first frame. */
function vbrFrames(f: Uint8Array, fr: Mp3Frame): { frames: number; trim: number } | null {
	const side = fr.mpeg1 ? (fr.channels === 1 ? 17 : 32) : fr.channels === 1 ? 9 : 17;
	const x = 4 + side;
	const tag = ascii(f, x);
	if (tag === 'Xing' || tag === 'Info') {
		const flags = u32be(f, x + 4);
		if (!(flags & 1)) return null;
		const frames = u32be(f, x + 8);
		const lame = x + 8 + 4 + (flags & 2 ? 4 : 0) + (flags & 4 ? 100 : 0) + (flags & 8 ? 4 : 0);
		let trim = 0;
		if (lame + 24 <= f.length && /^(LAME|Lavf|Lavc|GOGO)/.test(ascii(f, lame))) {
			const d = lame + 21;
			trim = ((f[d] << 4) | (f[d + 1] >> 4)) + (((f[d + 1] & 0x0f) << 8) | f[d + 2]);
		}
		return { frames, trim };
	}
	if (ascii(f, 36) === 'VBRI') return { frames: u32be(f, 36 + 14), trim: 0 };
	return null;
}

/** MP3: optional ID3v2, then at least two consecutive consistent Layer III frames. */
export async function readMp3Header(
	src: ByteSource,
	at: number
): Promise<{ format: AudioFormat; source: CodedSource } | null> {
	// With an ID3 tag some encoders leave padding before the first frame; tolerate a little.
	const scan = at > 0 ? 4096 : 1;
	const win = await src.read(at, Math.min(scan + 4, src.size - at));
	for (let i = 0; i + 4 <= win.length && i < scan; i++) {
		const fr = parseFrameHeader(win, i);
		if (!fr) continue;
		const start = at + i;
		const next = start + fr.length;
		if (next + 4 <= src.size) {
			const nf = parseFrameHeader(await src.read(next, 4), 0);
			if (!nf || nf.sampleRate !== fr.sampleRate || nf.mpeg1 !== fr.mpeg1) continue;
		} else if (next > src.size) continue;
		const first = await src.read(start, Math.min(fr.length, 192, src.size - start));
		const vbr = first.length >= 160 ? vbrFrames(first, fr) : null;
		const frames = vbr
			? Math.max(0, vbr.frames * fr.samples - vbr.trim)
			: Math.floor((src.size - start) / fr.length) * fr.samples;
		return {
			format: formatOf('mp3', 'mp3', fr.sampleRate, null, true, fr.channels, frames),
			source: { kind: 'mp3', streamOffset: 0, bits: 0 }
		};
	}
	return null;
}
