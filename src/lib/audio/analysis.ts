import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { AnalysisWarning, AudioFormat, Loudness } from './types.js';
import { probeFileInternal, type Probed } from './probe.js';
import { Enc, type PcmSource, type CodedSource } from './pcm-encoding.js';
import type { ChannelConfig, ChannelResult } from './dsp.kernel.js';
import { kWeightingCoefficients, channelWeights } from './k-weighting.js';
import { designTruePeakFilter } from './true-peak.js';
import { gatedLoudness } from './loudness.meter.js';
import { BASE_SAMPLES_PER_PIXEL, PeaksData } from './peaks.js';
import { PcmHasher } from './hash.js';
import { decodeCoded } from './coded.decoder.js';
import { inProcessBackend, type Backend } from './backend.js';
import { workerBackend } from './analysis.worker.js';

export interface AnalysisResult {
	format: AudioFormat;
	loudness: Loudness;
	/** Base level: 256 samples per pixel, 16-bit min/max per channel. */
	peaks: PeaksData;
	/** SHA-256 of the canonical decoded PCM; see hash.ts for the exact byte layout. */
	decodedSha256: string;
	/** Samples in same-sign runs of ≥ 3 consecutive full-scale samples, and the longest run. */
	clipping: { clippedSamples: number; longestRun: number };
	/** Sample peak below -90 dBFS. */
	silent: boolean;
	/** Stereo with bit-identical channels. */
	dualMono: boolean;
	warnings: AnalysisWarning[];
}

export interface AnalyseOptions {
	onProgress?: (fraction: number) => void;
	signal?: AbortSignal;
	/** Worker threads for the DSP; default: min(channels, cores). 0 = run on this thread. */
	threads?: number;
}

const SLOT_BYTES = 1 << 20;
/** Below this many samples, spawning workers costs more than it saves. */
const IN_PROCESS_SAMPLES = 4_000_000;

const db = (v: number): number | null => (v > 0 ? 20 * Math.log10(v) : null);

function channelConfig(p: Probed): ChannelConfig {
	const { format: f } = p;
	const tp = designTruePeakFilter();
	// Full scale: the largest positive code of fixed point formats; ±1.0 for float and mp3.
	// Left-justified ints top out at 1 - 2^(1-validBits) whatever the container width.
	const bits = f.sampleFormat === 'int' && f.bitDepth ? f.bitDepth : 0;
	const clipHi = bits ? Math.fround(1 - Math.pow(2, 1 - bits)) : 1;
	return {
		sampleRate: f.sampleRate,
		kw: kWeightingCoefficients(f.sampleRate),
		tp: tp.folded,
		tpGain: tp.gain,
		tpD1: tp.d1,
		tpD2: tp.d2,
		clipHi,
		clipLo: -1,
		expectedFrames: Math.max(f.frames, 1)
	};
}

async function pumpPcm(
	path: string,
	src: PcmSource,
	be: Backend,
	hasher: PcmHasher,
	progress: (done: number, total: number) => void,
	signal?: AbortSignal
): Promise<void> {
	const fh = await open(path, 'r');
	try {
		const step = Math.floor(be.slotBytes / src.blockAlign) * src.blockAlign;
		let pos = 0;
		while (pos < src.dataBytes) {
			signal?.throwIfAborted();
			const slot = await be.acquire();
			const want = Math.min(step, src.dataBytes - pos);
			let got = 0;
			while (got < want) {
				const { bytesRead } = await fh.read(slot, got, want - got, src.dataOffset + pos + got);
				if (bytesRead === 0) throw new Error('file shrank while reading');
				got += bytesRead;
			}
			hasher.updateRaw(slot.subarray(0, got));
			be.submit(slot, src.encoding, 0, got / src.blockAlign);
			pos += got;
			progress(pos, src.dataBytes);
		}
	} finally {
		await fh.close();
	}
}

async function pumpCoded(
	path: string,
	src: CodedSource,
	channels: number,
	be: Backend,
	hasher: PcmHasher,
	progress: (done: number, total: number) => void,
	total: number,
	signal?: AbortSignal
): Promise<void> {
	const stride = Math.floor(be.slotBytes / 4 / channels);
	await decodeCoded(
		path,
		src,
		channels,
		async (data, frames) => {
			hasher.updatePlanar(data, frames);
			for (let f0 = 0; f0 < frames; f0 += stride) {
				const n = Math.min(stride, frames - f0);
				const slot = await be.acquire();
				const planes = new Float32Array(slot.buffer, slot.byteOffset, stride * channels);
				for (let c = 0; c < channels; c++) planes.set(data[c].subarray(f0, f0 + n), c * stride);
				be.submit(slot, Enc.f32planar, stride, n);
			}
		},
		(consumed) => progress(consumed, total),
		signal
	);
}

function warningsFor(format: AudioFormat, r: Omit<AnalysisResult, 'warnings'>): AnalysisWarning[] {
	const w: AnalysisWarning[] = [];
	if (r.silent) w.push({ code: 'silent', message: 'The file is silent (peak below -90 dBFS).' });
	if (r.clipping.clippedSamples > 0)
		w.push({
			code: 'clipping',
			message: `${r.clipping.clippedSamples} samples in clipped runs (longest ${r.clipping.longestRun} samples).`
		});
	const tp = r.loudness.truePeakDbtp;
	if (tp !== null && tp > -1)
		w.push({ code: 'true_peak_over', message: `True peak ${tp.toFixed(1)} dBTP exceeds -1 dBTP.` });
	if (format.container === 'mp3')
		w.push({
			code: 'lossy',
			message: 'MP3 is a lossy format; deliver a WAV, AIFF or FLAC master.'
		});
	else if (format.sampleFormat === 'int' && (format.bitDepth ?? 0) < 24)
		w.push({
			code: 'low_bit_depth',
			message: `${format.bitDepth}-bit audio; masters should be 24-bit or float.`
		});
	return w;
}

/** Identical channels: same hash of every sample's bits, same peaks, same energies. */
function sameChannel(a: ChannelResult, b: ChannelResult): boolean {
	if (a.fingerprint !== b.fingerprint || a.samplePeak !== b.samplePeak || a.truePeak !== b.truePeak)
		return false;
	for (let i = 0; i < a.pixels; i++)
		if (a.peakMin[i] !== b.peakMin[i] || a.peakMax[i] !== b.peakMax[i]) return false;
	for (let i = 0; i < a.blocks; i++) if (a.energy[i] !== b.energy[i]) return false;
	return true;
}

/** Merge per-channel kernel results into the public result. */
export function mergeResults(
	format: AudioFormat,
	results: ChannelResult[],
	sha: string
): AnalysisResult {
	const ch = results.length;
	const frames = results[0].frames;
	const fmt = { ...format, frames, durationMs: Math.round((frames / format.sampleRate) * 1000) };
	const pixels = Math.min(...results.map((r) => r.pixels));
	const data = new Int16Array(pixels * ch * 2);
	for (let c = 0; c < ch; c++) {
		const { peakMin, peakMax } = results[c];
		for (let p = 0; p < pixels; p++) {
			data[(p * ch + c) * 2] = peakMin[p];
			data[(p * ch + c) * 2 + 1] = peakMax[p];
		}
	}
	const samplePeak = Math.max(...results.map((r) => r.samplePeak));
	const truePeak = Math.max(...results.map((r) => r.truePeak));
	const gl = gatedLoudness(
		results.map((r) => r.energy),
		channelWeights(ch),
		format.sampleRate
	);
	const partial = {
		format: fmt,
		loudness: {
			integratedLufs: gl.integratedLufs,
			lra: gl.lra,
			truePeakDbtp: db(truePeak),
			samplePeakDbfs: db(samplePeak)
		},
		peaks: new PeaksData(format.sampleRate, BASE_SAMPLES_PER_PIXEL, ch, pixels, 16, data),
		decodedSha256: sha,
		clipping: {
			clippedSamples: results.reduce((s, r) => s + r.clippedSamples, 0),
			longestRun: Math.max(...results.map((r) => r.longestRun))
		},
		silent: samplePeak < Math.pow(10, -90 / 20),
		dualMono: ch === 2 && sameChannel(results[0], results[1])
	};
	return { ...partial, warnings: warningsFor(fmt, partial) };
}

/** One streaming pass: loudness, LRA, true peak, peaks, hash, clipping, dual-mono. */
export async function analyseFile(
	path: string,
	opts: AnalyseOptions = {}
): Promise<AnalysisResult> {
	const probed = await probeFileInternal(path);
	const { format, source } = probed;
	const cfg = channelConfig(probed);
	const samples = format.frames * format.channels;
	const threads = Math.min(
		format.channels,
		opts.threads ?? (samples < IN_PROCESS_SAMPLES ? 0 : availableParallelism())
	);
	const be =
		threads > 0
			? workerBackend(cfg, format.channels, threads, SLOT_BYTES)
			: inProcessBackend(cfg, format.channels, SLOT_BYTES);
	const hasher =
		source.kind === 'pcm'
			? new PcmHasher(source.encoding)
			: new PcmHasher(source.kind, source.bits);
	let last = -1;
	const progress = (done: number, total: number): void => {
		const f = total > 0 ? Math.min(1, done / total) : 0;
		if (opts.onProgress && f - last >= 0.01) {
			last = f;
			opts.onProgress(f);
		}
	};
	try {
		if (source.kind === 'pcm') await pumpPcm(path, source, be, hasher, progress, opts.signal);
		else {
			const { size } = await stat(path);
			await pumpCoded(path, source, format.channels, be, hasher, progress, size, opts.signal);
		}
		const results = await be.finish();
		opts.onProgress?.(1);
		return mergeResults(format, results, hasher.digest());
	} finally {
		be.dispose();
	}
}
