import { createMp3Encoder } from 'wasm-media-encoders';
import { cat } from './writers.js';

/** A real MP3 (LAME via wasm-media-encoders, 192 kbps), as a DAW's bounce would produce. */
export async function encodeMp3(channels: Float32Array[], sampleRate = 44100): Promise<Uint8Array> {
	const enc = await createMp3Encoder();
	enc.configure({ sampleRate, channels: channels.length as 1 | 2, bitrate: 192 });
	const parts: Uint8Array[] = [];
	for (let i = 0; i < channels[0].length; i += 4608) {
		parts.push(enc.encode(channels.map((c) => c.subarray(i, i + 4608))).slice());
	}
	parts.push(enc.finalize().slice());
	return cat(parts);
}
