import type { AudioFormat, Container } from './types.js';
import { malformed } from './types.js';

export const MIN_RATE = 8000;
export const MAX_RATE = 768000;
export const MAX_CHANNELS = 64;

export function checkSampleRate(rate: number): void {
	if (!Number.isFinite(rate) || rate < MIN_RATE || rate > MAX_RATE)
		malformed(`sample rate ${rate} outside ${MIN_RATE}–${MAX_RATE} Hz`);
}

export function checkChannels(n: number): void {
	if (!Number.isInteger(n) || n < 1 || n > MAX_CHANNELS)
		malformed(`channel count ${n} outside 1–${MAX_CHANNELS}`);
}

export function formatOf(
	container: Container,
	codec: string,
	sampleRate: number,
	bitDepth: number | null,
	float: boolean,
	channels: number,
	frames: number
): AudioFormat {
	return {
		container,
		codec,
		sampleRate,
		bitDepth,
		sampleFormat: float ? 'float' : 'int',
		channels,
		frames,
		durationMs: Math.round((frames / sampleRate) * 1000)
	};
}
