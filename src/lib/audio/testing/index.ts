/** Test helpers for the audio library and other engineers' integration tests. */
export {
	sine,
	toneSequence,
	concat,
	rng,
	musicLike,
	dbToGain,
	type SineOptions
} from './signal.js';
export {
	encodeWav,
	encodeAiff,
	writeWav,
	writeAiff,
	interleave,
	type PcmSpec,
	type WavSpec,
	type AiffSpec
} from './writers.js';
export { encodeFlac, writeFlac, type FlacSpec } from './flac.writer.js';
export { encodeMp3 } from './mp3.writer.js';
export { tempDir } from './temp.js';
