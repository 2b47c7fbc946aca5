/**
 * Bounce server-side audio analysis. Pure TypeScript + node built-ins (+ wasm decoders for
 * FLAC/MP3); no SvelteKit imports, so it runs in workers and plain node scripts.
 */
export type {
	Container,
	AudioFormat,
	Loudness,
	AudiowaveformJson,
	AnalysisWarning
} from './types.js';
export { AudioFormatError } from './types.js';
export { probeFile, probeBuffer } from './probe.js';
export { analyseFile, type AnalysisResult, type AnalyseOptions } from './analysis.js';
export {
	PeaksData,
	peaksToDat,
	peaksFromDat,
	peaksToJson,
	BASE_SAMPLES_PER_PIXEL
} from './peaks.js';
export { readPcm } from './pcm.stream.js';
export { analysePeaks } from './peaks.pass.js';
