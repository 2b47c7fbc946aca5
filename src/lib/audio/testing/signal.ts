/** Test signal generators (deterministic; no binary fixtures anywhere). */

export const dbToGain = (db: number): number => Math.pow(10, db / 20);

export interface SineOptions {
	frequency: number;
	sampleRate: number;
	seconds?: number;
	frames?: number;
	/** Peak amplitude in dBFS (default -20) — or give `amplitude` linearly. */
	dbfs?: number;
	amplitude?: number;
	/** Start phase in radians. */
	phase?: number;
}

export function sine(o: SineOptions): Float32Array {
	const frames = o.frames ?? Math.round((o.seconds ?? 1) * o.sampleRate);
	const a = o.amplitude ?? dbToGain(o.dbfs ?? -20);
	const w = (2 * Math.PI * o.frequency) / o.sampleRate;
	const out = new Float32Array(frames);
	for (let i = 0; i < frames; i++) out[i] = a * Math.sin(w * i + (o.phase ?? 0));
	return out;
}

/** Consecutive tone segments, phase-continuous: e.g. EBU Tech 3341/3342 test sequences. */
export function toneSequence(
	frequency: number,
	sampleRate: number,
	segments: { dbfs: number; seconds: number }[]
): Float32Array {
	const total = segments.reduce((n, s) => n + Math.round(s.seconds * sampleRate), 0);
	const out = new Float32Array(total);
	const w = (2 * Math.PI * frequency) / sampleRate;
	let i = 0;
	for (const s of segments) {
		const a = dbToGain(s.dbfs);
		const end = i + Math.round(s.seconds * sampleRate);
		for (; i < end; i++) out[i] = a * Math.sin(w * i);
	}
	return out;
}

export function concat(...parts: Float32Array[]): Float32Array {
	const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}

/** Small deterministic PRNG (mulberry32) so noise-based tests are reproducible. */
export function rng(seed = 1): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) | 0;
		let t = Math.imul(s ^ (s >>> 15), 1 | s);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Music-like material: white noise through a one-pole low-pass (band-limiting, roughly pink-ish
 * energy tilt) with a slow amplitude envelope ("verses" and "choruses" plus a beat), scaled
 * so the peak is about `peakDbfs`.
 */
export function musicLike(
	frames: number,
	sampleRate: number,
	seed = 1,
	peakDbfs = -1
): Float32Array {
	const r = rng(seed);
	const out = new Float32Array(frames);
	const k = 1 - Math.exp((-2 * Math.PI * 4000) / sampleRate);
	let lp = 0;
	let peak = 0;
	for (let i = 0; i < frames; i++) {
		const t = i / sampleRate;
		const section = 0.55 + 0.45 * Math.sin((2 * Math.PI * t) / 40); // 40 s song form
		const beat = 0.7 + 0.3 * Math.pow(Math.abs(Math.sin(Math.PI * 2 * t)), 4); // 120 bpm pulse
		lp += k * (r() * 2 - 1 - lp);
		const v = lp * section * beat;
		out[i] = v;
		if (Math.abs(v) > peak) peak = Math.abs(v);
	}
	const g = peak > 0 ? dbToGain(peakDbfs) / peak : 0;
	for (let i = 0; i < frames; i++) out[i] *= g;
	return out;
}
