/** Public types of the audio analysis library (re-exported from index.ts). */

export type Container = 'wav' | 'aiff' | 'flac' | 'mp3';

export interface AudioFormat {
	container: Container;
	/** ffmpeg-style codec name: 'pcm_s24le', 'pcm_f32le', 'pcm_s16be', 'pcm_u8', 'flac', 'mp3', ... */
	codec: string;
	sampleRate: number;
	/** Significant bits per sample (valid bits for extensible WAV); null for mp3. */
	bitDepth: number | null;
	sampleFormat: 'int' | 'float';
	channels: number;
	/** Frames (samples per channel). For mp3 an estimate until decoded; analyseFile reports the decoded count. */
	frames: number;
	durationMs: number;
}

export interface Loudness {
	/** null when every block is gated (silence or < 400 ms of audio). */
	integratedLufs: number | null;
	truePeakDbtp: number | null;
	lra: number | null;
	samplePeakDbfs: number | null;
}

export interface AudiowaveformJson {
	version: 2;
	channels: number;
	sample_rate: number;
	samples_per_pixel: number;
	bits: 8 | 16;
	length: number;
	data: number[];
}

export interface AnalysisWarning {
	code: 'clipping' | 'true_peak_over' | 'low_bit_depth' | 'lossy' | 'silent';
	message: string;
}

export class AudioFormatError extends Error {
	constructor(
		public status: 415 | 422,
		public code: string,
		message: string
	) {
		super(message);
		this.name = 'AudioFormatError';
	}
}

/** Throw helpers keep the readers terse. */
export function unsupported(message: string): never {
	throw new AudioFormatError(415, 'unsupported_media_type', message);
}
export function malformed(message: string): never {
	throw new AudioFormatError(422, 'malformed_audio', message);
}
