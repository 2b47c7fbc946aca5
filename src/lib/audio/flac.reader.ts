import type { AudioFormat } from './types.js';
import { malformed } from './types.js';
import { ascii, type ByteSource } from './byte-source.js';
import type { CodedSource } from './pcm-encoding.js';
import { checkChannels, checkSampleRate, formatOf } from './format-checks.js';

const MAX_BLOCKS = 1024;

/** FLAC: 'fLaC' at `at` (after any ID3v2 tag), STREAMINFO first, then other metadata blocks. */
export async function readFlacHeader(
	src: ByteSource,
	at: number
): Promise<{ format: AudioFormat; source: CodedSource }> {
	let pos = at + 4;
	let info: Uint8Array | null = null;
	for (let n = 0; n < MAX_BLOCKS; n++) {
		const h = await src.read(pos, 4);
		const last = (h[0] & 0x80) !== 0;
		const type = h[0] & 0x7f;
		const len = (h[1] << 16) | (h[2] << 8) | h[3];
		if (n === 0) {
			if (type !== 0 || len < 34) malformed('FLAC stream does not start with STREAMINFO');
			info = (await src.read(pos + 4, 34)).slice();
		} else if (type === 127) malformed('invalid FLAC metadata block type');
		pos += 4 + len;
		if (pos > src.size) malformed('FLAC metadata block extends past end of file');
		if (last) break;
		if (n === MAX_BLOCKS - 1) malformed('too many FLAC metadata blocks');
	}
	if (!info) malformed('no STREAMINFO');
	const rate = (info[10] << 12) | (info[11] << 4) | (info[12] >> 4);
	const channels = ((info[12] >> 1) & 7) + 1;
	const bits = (((info[12] & 1) << 4) | (info[13] >> 4)) + 1;
	const total =
		(info[13] & 0x0f) * 0x100000000 +
		(((info[14] << 24) >>> 0) | (info[15] << 16) | (info[16] << 8) | info[17]);
	const minBlock = (info[0] << 8) | info[1];
	const maxBlock = (info[2] << 8) | info[3];
	if (minBlock < 16 || maxBlock < minBlock) malformed('invalid FLAC block sizes');
	checkSampleRate(rate);
	checkChannels(channels);
	if (bits < 4) malformed(`unsupported FLAC bit depth ${bits}`);
	if (pos >= src.size) malformed('FLAC file has no audio frames');
	return {
		// total = 0 means "unknown" in STREAMINFO; analyseFile reports the decoded count.
		format: formatOf('flac', 'flac', rate, bits, false, channels, total),
		source: { kind: 'flac', streamOffset: at, bits }
	};
}

export const isFlacMagic = (b: Uint8Array): boolean => ascii(b, 0) === 'fLaC';
