import type { AudioFormat } from './types.js';
import { malformed, unsupported } from './types.js';
import { ascii, u16be, u32be, type ByteSource } from './byte-source.js';
import { Enc, type Encoding, type PcmSource } from './pcm-encoding.js';
import { checkChannels, checkSampleRate, formatOf } from './format-checks.js';

const MAX_CHUNKS = 4096;

/** IEEE 754 80-bit extended (big-endian) → number; NaN for inf/NaN encodings. */
export function readExtended(b: Uint8Array, i: number): number {
	const exp = ((b[i] & 0x7f) << 8) | b[i + 1];
	const hi = u32be(b, i + 2);
	const lo = u32be(b, i + 6);
	if (exp === 0x7fff) return NaN;
	if (exp === 0 && hi === 0 && lo === 0) return 0;
	const v = (hi * 0x100000000 + lo) * Math.pow(2, exp - 16383 - 63);
	return b[i] & 0x80 ? -v : v;
}

/** Write an 80-bit extended; used by the test helpers. */
export function writeExtended(b: Uint8Array, i: number, value: number): void {
	b.fill(0, i, i + 10);
	if (value === 0) return;
	let exp = Math.floor(Math.log2(value));
	let mant = value / Math.pow(2, exp); // [1, 2)
	if (mant >= 2) {
		mant /= 2;
		exp++;
	}
	const e = exp + 16383;
	b[i] = (e >> 8) & 0x7f;
	b[i + 1] = e & 0xff;
	const hi = Math.floor(mant * 0x80000000);
	const lo = Math.floor((mant * 0x80000000 - hi) * 0x100000000);
	new DataView(b.buffer, b.byteOffset).setUint32(i + 2, hi);
	new DataView(b.buffer, b.byteOffset).setUint32(i + 6, lo);
}

function encodingOf(
	compression: string,
	bits: number
): { encoding: Encoding; codec: string; float: boolean } {
	const bytes = Math.ceil(bits / 8);
	const intBe = [Enc.s8, Enc.s16be, Enc.s24be, Enc.s32be][bytes - 1];
	const intLe = [Enc.s8, Enc.s16le, Enc.s24le, Enc.s32le][bytes - 1];
	const name = `${bytes * 8}`;
	switch (compression) {
		case 'NONE':
		case 'twos':
			if (bits < 1 || bits > 32) malformed(`unsupported AIFF bit depth ${bits}`);
			return { encoding: intBe, codec: bytes === 1 ? 'pcm_s8' : `pcm_s${name}be`, float: false };
		case 'sowt':
			if (bits < 1 || bits > 32) malformed(`unsupported AIFF bit depth ${bits}`);
			return { encoding: intLe, codec: bytes === 1 ? 'pcm_s8' : `pcm_s${name}le`, float: false };
		case 'raw ':
			if (bits !== 8) malformed('raw AIFF-C must be 8-bit');
			return { encoding: Enc.u8, codec: 'pcm_u8', float: false };
		case 'fl32':
		case 'FL32':
			return { encoding: Enc.f32be, codec: 'pcm_f32be', float: true };
		case 'fl64':
		case 'FL64':
			return { encoding: Enc.f64be, codec: 'pcm_f64be', float: true };
	}
	unsupported(`AIFF-C compression '${compression.replace(/[^\x20-\x7e]/g, '?')}' is not supported`);
}

/** AIFF and AIFF-C: big-endian chunks, COMM + SSND, even padding. */
export async function readAiffHeader(
	src: ByteSource
): Promise<{ format: AudioFormat; source: PcmSource }> {
	const isAifc = ascii(await src.read(8, 4)) === 'AIFC';
	let comm: {
		channels: number;
		frames: number;
		bits: number;
		rate: number;
		compression: string;
	} | null = null;
	let ssnd = -1;
	let ssndBytes = 0;
	let pos = 12;
	for (let n = 0; n < MAX_CHUNKS && pos + 8 <= src.size; n++) {
		const c = await src.read(pos, 8);
		const id = ascii(c, 0);
		const size = u32be(c, 4);
		const body = pos + 8;
		if (body + size > src.size)
			malformed(`chunk '${id.replace(/[^\x20-\x7e]/g, '?')}' extends past end of file`);
		if (id === 'COMM') {
			if (size < (isAifc ? 22 : 18)) malformed('COMM chunk too short');
			const b = await src.read(body, isAifc ? 22 : 18);
			comm = {
				channels: u16be(b, 0),
				frames: u32be(b, 2),
				bits: u16be(b, 6),
				rate: readExtended(b, 8),
				compression: isAifc ? ascii(b, 18) : 'NONE'
			};
		} else if (id === 'SSND') {
			if (size < 8) malformed('SSND chunk too short');
			const offset = u32be(await src.read(body, 8), 0);
			if (offset > size - 8) malformed('SSND offset past chunk end');
			ssnd = body + 8 + offset;
			ssndBytes = size - 8 - offset;
		}
		if (comm && ssnd >= 0) break;
		pos = body + size + (size & 1);
	}
	if (!comm) malformed('no COMM chunk');
	if (ssnd < 0) malformed('no SSND chunk');
	checkChannels(comm.channels);
	const rate = Math.round(comm.rate);
	checkSampleRate(rate);
	const { encoding, codec, float } = encodingOf(comm.compression, comm.bits);
	const bps = float ? (encoding === Enc.f64be ? 8 : 4) : Math.ceil(comm.bits / 8);
	const blockAlign = bps * comm.channels;
	const frames = Math.min(comm.frames, Math.floor(ssndBytes / blockAlign));
	if (comm.frames * blockAlign > ssndBytes) malformed('COMM frame count exceeds SSND data');
	if (frames < 1) malformed('SSND holds no audio frames');
	return {
		format: formatOf(
			'aiff',
			codec,
			rate,
			float ? bps * 8 : comm.bits,
			float,
			comm.channels,
			frames
		),
		source: { kind: 'pcm', encoding, dataOffset: ssnd, dataBytes: frames * blockAlign, blockAlign }
	};
}
