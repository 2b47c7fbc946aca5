/**
 * Waveform peaks for the canvas, from the server's BBC audiowaveform JSON (version 2: min,max pairs,
 * channels interleaved). The browser never decodes the song; it only maps peaks onto pixels.
 */

export interface Peaks {
	sampleRate: number;
	samplesPerPixel: number;
	channels: number;
	/** Number of points (each holds a min,max pair per channel). */
	length: number;
	/** Full scale of a value (128 for 8-bit, 32768 for 16-bit data). */
	scale: number;
	data: Int16Array;
}

/** The server's resolution step: detail levels are whole multiples of it. */
export const BASE_SAMPLES_PER_PIXEL = 256;

/** Validates and packs the JSON; throws on anything that is not audiowaveform data. */
export function peaksFromJson(json: unknown): Peaks {
	const j = json as Record<string, unknown>;
	const num = (k: string) => {
		const v = j?.[k];
		if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`peaks: ${k} missing`);
		return v;
	};
	const channels = Math.max(1, num('channels'));
	const length = num('length');
	const data = j.data;
	if (!Array.isArray(data) || data.length < length * channels * 2) {
		throw new Error('peaks: data shorter than length');
	}
	return {
		sampleRate: num('sample_rate'),
		samplesPerPixel: num('samples_per_pixel'),
		channels,
		length,
		scale: num('bits') === 8 ? 128 : 32768,
		data: Int16Array.from(data as number[])
	};
}

export const peaksDurationMs = (p: Peaks) => (p.length * p.samplesPerPixel * 1000) / p.sampleRate;

/**
 * Min and max (−1..1, channels merged) for each of `columns` pixel columns covering
 * [startMs, endMs). Returns [min0, max0, min1, max1, ...]; columns past the end are 0.
 * When there are more columns than points each column takes the point under it, so zooming in
 * past the data's resolution stays a stepped but honest picture.
 */
export function peakColumns(
	p: Peaks,
	columns: number,
	startMs = 0,
	endMs = peaksDurationMs(p)
): Float32Array {
	const n = Math.max(0, Math.floor(columns));
	const out = new Float32Array(n * 2);
	if (n === 0 || p.length === 0 || endMs <= startMs) return out;
	const pointsPerMs = p.sampleRate / p.samplesPerPixel / 1000;
	const first = startMs * pointsPerMs;
	const step = ((endMs - startMs) * pointsPerMs) / n;
	const { channels: ch, data, scale } = p;
	for (let c = 0; c < n; c++) {
		const from = Math.floor(first + c * step);
		const to = Math.max(from + 1, Math.floor(first + (c + 1) * step));
		if (from >= p.length || to <= 0) continue;
		let lo = Infinity;
		let hi = -Infinity;
		for (let i = Math.max(0, from); i < Math.min(p.length, to); i++) {
			const base = i * ch * 2;
			for (let k = 0; k < ch; k++) {
				const mn = data[base + k * 2];
				const mx = data[base + k * 2 + 1];
				if (mn < lo) lo = mn;
				if (mx > hi) hi = mx;
			}
		}
		out[c * 2] = Math.max(-1, lo / scale);
		out[c * 2 + 1] = Math.min(1, hi / scale);
	}
	return out;
}

/** Detail zoom levels, as samples per pixel (coarse → fine); the server serves whole multiples of 256. */
export const ZOOM_LEVELS = [8192, 4096, 2048, 1024, 512, 256] as const;

/** The level whose window is closest to `seconds` on a view `width` pixels wide. */
export function zoomForWindow(seconds: number, width: number, sampleRate: number): number {
	const want = (seconds * sampleRate) / Math.max(1, width);
	let best = 0;
	for (let i = 1; i < ZOOM_LEVELS.length; i++) {
		if (Math.abs(Math.log(ZOOM_LEVELS[i] / want)) < Math.abs(Math.log(ZOOM_LEVELS[best] / want)))
			best = i;
	}
	return best;
}

/** Milliseconds shown by a detail view at `samplesPerPixel` and `width` CSS pixels. */
export const windowMs = (samplesPerPixel: number, width: number, sampleRate: number) =>
	(samplesPerPixel * width * 1000) / sampleRate;

/**
 * The detail view turns pages like a DAW's timeline: the window holding `positionMs`, so the static
 * waveform is drawn once per page and only the playhead moves between pages.
 */
export function pageStart(positionMs: number, spanMs: number): number {
	if (spanMs <= 0) return 0;
	return Math.floor(Math.max(0, positionMs) / spanMs) * spanMs;
}
