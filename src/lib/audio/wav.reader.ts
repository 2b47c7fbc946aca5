import type { AudioFormat } from './types.js';
import { malformed, unsupported } from './types.js';
import { ascii, u16le, u32le, u64le, type ByteSource } from './byte-source.js';
import { Enc, type Encoding, type PcmSource } from './pcm-encoding.js';
import { checkChannels, checkSampleRate, formatOf } from './format-checks.js';

/** Bound on chunks walked before 'data' so a file of tiny chunks can't keep us busy. */
const MAX_CHUNKS = 4096;
const KSDATAFORMAT_TAIL = [
	0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71
];

interface Fmt {
	tag: number;
	channels: number;
	sampleRate: number;
	blockAlign: number;
	bits: number;
	validBits: number;
}

async function readFmt(src: ByteSource, at: number, size: number): Promise<Fmt> {
	if (size < 16) malformed('fmt chunk too short');
	const b = await src.read(at, Math.min(size, 40));
	let tag = u16le(b, 0);
	const bits = u16le(b, 14);
	let validBits = bits;
	if (tag === 0xfffe) {
		// WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the SubFormat GUID.
		if (size < 40) malformed('extensible fmt chunk too short');
		const vb = u16le(b, 18);
		if (vb > bits) malformed('valid bits exceed container bits');
		if (vb > 0) validBits = vb;
		for (let i = 0; i < KSDATAFORMAT_TAIL.length; i++)
			if (b[26 + i] !== KSDATAFORMAT_TAIL[i])
				unsupported('unknown WAVE_FORMAT_EXTENSIBLE subformat');
		tag = u16le(b, 24);
	}
	return {
		tag,
		channels: u16le(b, 2),
		sampleRate: u32le(b, 4),
		blockAlign: u16le(b, 12),
		bits,
		validBits
	};
}

function encodingOf(f: Fmt): { encoding: Encoding; codec: string; float: boolean } {
	if (f.tag === 1) {
		if (f.bits === 8) return { encoding: Enc.u8, codec: 'pcm_u8', float: false };
		if (f.bits === 16) return { encoding: Enc.s16le, codec: 'pcm_s16le', float: false };
		if (f.bits === 24) return { encoding: Enc.s24le, codec: 'pcm_s24le', float: false };
		if (f.bits === 32) return { encoding: Enc.s32le, codec: 'pcm_s32le', float: false };
		malformed(`unsupported PCM bit depth ${f.bits}`);
	}
	if (f.tag === 3) {
		if (f.bits === 32) return { encoding: Enc.f32le, codec: 'pcm_f32le', float: true };
		if (f.bits === 64) return { encoding: Enc.f64le, codec: 'pcm_f64le', float: true };
		malformed(`unsupported float bit depth ${f.bits}`);
	}
	unsupported(`WAV codec 0x${f.tag.toString(16)} is not supported (PCM or float only)`);
}

/**
 * RIFF/RF64/BW64 WAVE. Chunks may come in any order (LIST, bext, JUNK, ...); odd sizes are
 * padded. A data size of 0xFFFFFFFF in plain RIFF means "written while streaming": use to EOF.
 */
export async function readWavHeader(
	src: ByteSource
): Promise<{ format: AudioFormat; source: PcmSource }> {
	const h = await src.read(0, 12);
	const riff = ascii(h, 0);
	const is64 = riff === 'RF64' || riff === 'BW64';
	let ds64Data = -1;
	let fmt: Fmt | null = null;
	let dataOffset = -1;
	let dataBytes = -1;
	let pos = 12;
	for (let n = 0; n < MAX_CHUNKS && dataOffset < 0; n++) {
		if (pos + 8 > src.size) break;
		const c = await src.read(pos, 8);
		const id = ascii(c, 0);
		let size = u32le(c, 4);
		const body = pos + 8;
		if (id === 'ds64') {
			if (!is64) malformed('ds64 chunk in a RIFF file');
			if (size < 24) malformed('ds64 chunk too short');
			ds64Data = u64le(await src.read(body, 24), 8);
		} else if (id === 'fmt ') {
			fmt = await readFmt(src, body, size);
		} else if (id === 'data') {
			if (is64 && size === 0xffffffff) {
				if (ds64Data < 0) malformed('RF64 data chunk without ds64');
				size = ds64Data;
			} else if (!is64 && size === 0xffffffff) {
				size = src.size - body; // streaming writer never patched the size
			}
			if (body + size > src.size) malformed('data chunk extends past end of file');
			dataOffset = body;
			dataBytes = size;
			break;
		}
		if (body + size > src.size)
			malformed(`chunk '${id.replace(/[^\x20-\x7e]/g, '?')}' extends past end of file`);
		pos = body + size + (size & 1);
	}
	if (!fmt) malformed('no fmt chunk');
	if (dataOffset < 0) malformed('no data chunk');
	checkChannels(fmt.channels);
	checkSampleRate(fmt.sampleRate);
	const { encoding, codec, float } = encodingOf(fmt);
	if (fmt.blockAlign !== (fmt.channels * fmt.bits) / 8)
		malformed('block align does not match channels × bit depth');
	const frames = Math.floor(dataBytes / fmt.blockAlign);
	if (frames < 1) malformed('data chunk holds no audio frames');
	return {
		format: formatOf('wav', codec, fmt.sampleRate, fmt.validBits, float, fmt.channels, frames),
		source: {
			kind: 'pcm',
			encoding,
			dataOffset,
			dataBytes: frames * fmt.blockAlign,
			blockAlign: fmt.blockAlign
		}
	};
}
