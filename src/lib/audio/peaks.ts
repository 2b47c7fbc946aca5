import type { AudiowaveformJson } from './types.js';
import { AudioFormatError } from './types.js';

/** Base level samples per pixel, at every sample rate. */
export const BASE_SAMPLES_PER_PIXEL = 256;
/** Default overview width for peaksToJson: whole song in ~2000 points. */
export const OVERVIEW_POINTS = 2000;
const DAT_HEADER = 24;

/**
 * Waveform min/max peaks (BBC audiowaveform model). `data` is interleaved per pixel and channel:
 * [min c0, max c0, min c1, max c1, ...] as signed 16-bit (or 8-bit when bits = 8) values.
 */
export class PeaksData {
	constructor(
		public readonly sampleRate: number,
		public readonly samplesPerPixel: number,
		public readonly channels: number,
		public readonly length: number,
		public readonly bits: 8 | 16,
		public readonly data: Int16Array | Int8Array
	) {}

	/** Merge `factor` pixels into one (min of mins, max of maxes). */
	resample(factor: number): PeaksData {
		const f = Math.max(1, Math.floor(factor));
		if (f === 1) return this;
		const { channels: ch, data } = this;
		const length = Math.ceil(this.length / f);
		const out = this.bits === 8 ? new Int8Array(length * ch * 2) : new Int16Array(length * ch * 2);
		for (let o = 0; o < length; o++) {
			const end = Math.min(this.length, (o + 1) * f);
			for (let c = 0; c < ch; c++) {
				let lo = Infinity;
				let hi = -Infinity;
				for (let p = o * f; p < end; p++) {
					const i = (p * ch + c) * 2;
					if (data[i] < lo) lo = data[i];
					if (data[i + 1] > hi) hi = data[i + 1];
				}
				out[(o * ch + c) * 2] = lo;
				out[(o * ch + c) * 2 + 1] = hi;
			}
		}
		return new PeaksData(this.sampleRate, this.samplesPerPixel * f, ch, length, this.bits, out);
	}
}

/** audiowaveform binary .dat, version 2 (little-endian header, then int16/int8 min,max pairs). */
export function peaksToDat(p: PeaksData): Uint8Array {
	const bytes = p.bits === 8 ? 1 : 2;
	const out = new Uint8Array(DAT_HEADER + p.length * p.channels * 2 * bytes);
	const dv = new DataView(out.buffer);
	dv.setInt32(0, 2, true);
	dv.setUint32(4, p.bits === 8 ? 1 : 0, true);
	dv.setInt32(8, p.sampleRate, true);
	dv.setInt32(12, p.samplesPerPixel, true);
	dv.setUint32(16, p.length, true);
	dv.setInt32(20, p.channels, true);
	const n = p.length * p.channels * 2;
	for (let i = 0; i < n; i++) {
		if (bytes === 1) dv.setInt8(DAT_HEADER + i, p.data[i]);
		else dv.setInt16(DAT_HEADER + i * 2, p.data[i], true);
	}
	return out;
}

const badDat = (m: string): never => {
	throw new AudioFormatError(422, 'malformed_peaks', m);
};

/** Parse .dat version 1 (mono, 20-byte header) or 2. Validates sizes against the buffer. */
export function peaksFromDat(b: Uint8Array): PeaksData {
	if (b.length < 20) badDat('peaks file too short');
	const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const version = dv.getInt32(0, true);
	if (version !== 1 && version !== 2) badDat(`unsupported peaks version ${version}`);
	const bits: 8 | 16 = dv.getUint32(4, true) & 1 ? 8 : 16;
	const sampleRate = dv.getInt32(8, true);
	const spp = dv.getInt32(12, true);
	const length = dv.getUint32(16, true);
	const header = version === 2 ? DAT_HEADER : 20;
	if (b.length < header) badDat('peaks header truncated');
	const channels = version === 2 ? dv.getInt32(20, true) : 1;
	if (channels < 1 || channels > 64 || sampleRate < 1 || spp < 1) badDat('invalid peaks header');
	const bytes = bits === 8 ? 1 : 2;
	if ((b.length - header) / (channels * 2 * bytes) < length)
		badDat('peaks data shorter than header claims');
	const n = length * channels * 2;
	const data = bits === 8 ? new Int8Array(n) : new Int16Array(n);
	for (let i = 0; i < n; i++)
		data[i] = bytes === 1 ? dv.getInt8(header + i) : dv.getInt16(header + i * 2, true);
	return new PeaksData(sampleRate, spp, channels, length, bits, data);
}

/**
 * audiowaveform JSON at `samplesPerPixel`, rounded to the nearest multiple of the base level
 * (at least the base). Default and non-finite/absurd requests give a ~2000-point overview;
 * the result always has at least one point.
 */
export function peaksToJson(p: PeaksData, samplesPerPixel?: number): AudiowaveformJson {
	let factor: number;
	if (samplesPerPixel === undefined || !Number.isFinite(samplesPerPixel) || samplesPerPixel <= 0)
		factor = Math.ceil(p.length / OVERVIEW_POINTS);
	else factor = Math.round(samplesPerPixel / p.samplesPerPixel);
	factor = Math.min(Math.max(1, factor), Math.max(1, p.length));
	const r = p.resample(factor);
	return {
		version: 2,
		channels: r.channels,
		sample_rate: r.sampleRate,
		samples_per_pixel: r.samplesPerPixel,
		bits: r.bits,
		length: r.length,
		data: Array.from(r.data)
	};
}
