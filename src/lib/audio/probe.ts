import type { AudioFormat } from './types.js';
import { AudioFormatError, malformed, unsupported } from './types.js';
import { ascii, bufferSource, fileSource, type ByteSource } from './byte-source.js';
import type { StreamSource } from './pcm-encoding.js';
import { readWavHeader } from './wav.reader.js';
import { readAiffHeader } from './aiff.reader.js';
import { isFlacMagic, readFlacHeader } from './flac.reader.js';
import { id3v2Size, readMp3Header } from './mp3.reader.js';

export interface Probed {
	format: AudioFormat;
	source: StreamSource;
}

/** Identify the container from its bytes (never the file name) and validate the header. */
export async function probeSource(src: ByteSource): Promise<Probed> {
	try {
		if (src.size < 12) unsupported('file too small to be audio');
		const h = await src.read(0, 12);
		const riff = ascii(h, 0);
		if (riff === 'RIFF' || riff === 'RF64' || riff === 'BW64') {
			if (ascii(h, 8) !== 'WAVE')
				unsupported(`RIFF form '${ascii(h, 8).replace(/[^\x20-\x7e]/g, '?')}' is not WAVE`);
			return await readWavHeader(src);
		}
		if (riff === 'FORM') {
			const form = ascii(h, 8);
			if (form !== 'AIFF' && form !== 'AIFC') unsupported('IFF form is not AIFF');
			return await readAiffHeader(src);
		}
		let at = 0;
		if (ascii(h, 0, 3) === 'ID3') {
			at = id3v2Size(await src.read(0, 10));
			if (at + 4 > src.size) malformed('ID3v2 tag extends past end of file');
		}
		if (isFlacMagic(await src.read(at, 4))) return await readFlacHeader(src, at);
		const mp3 = await readMp3Header(src, at);
		if (mp3) return mp3;
		if (at > 0) malformed('ID3 tag not followed by MPEG audio frames');
		unsupported('not a WAV, AIFF, FLAC or MP3 file');
	} catch (e) {
		// Anything unexpected from a hostile header is reported as malformed, never as a 500.
		if (e instanceof AudioFormatError) throw e;
		malformed(`unreadable header: ${(e as Error).message}`);
	}
}

export async function probeFileInternal(path: string): Promise<Probed> {
	const src = await fileSource(path);
	try {
		return await probeSource(src);
	} finally {
		await src.close();
	}
}

/** Public: probe a file by path. */
export async function probeFile(path: string): Promise<AudioFormat> {
	return (await probeFileInternal(path)).format;
}

/**
 * Public: probe from the first bytes of a file (e.g. the first chunk of an upload).
 * `readAt` lets the parser seek past `head` when chunks before 'data' are large.
 */
export async function probeBuffer(
	head: Uint8Array,
	totalSize: number,
	readAt?: (offset: number, length: number) => Promise<Uint8Array>
): Promise<AudioFormat> {
	return (await probeSource(bufferSource(head, totalSize, readAt))).format;
}
