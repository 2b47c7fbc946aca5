/**
 * Gating per ITU-R BS.1770-4 (integrated) and EBU Tech 3342 (LRA), computed from the
 * per-channel sums of squared K-weighted samples over consecutive 100 ms sub-blocks that the
 * DSP kernel produces. 400 ms blocks with 75 % overlap and 3 s windows with a 100 ms hop are
 * both exact sums of sub-blocks, so one pass over the audio serves both measures.
 * The sub-block list is 10 numbers per second per channel (≈ 0.3 MB per channel-hour).
 */

const ABS_GATE = -70;
const LUFS_OFFSET = -0.691;

/** Frames in the k-th 100 ms sub-block; exact partition even when fs is not a multiple of 10. */
export const subBlockFrames = (k: number, fs: number): number =>
	Math.floor(((k + 1) * fs) / 10) - Math.floor((k * fs) / 10);

const toLufs = (meanSquare: number): number => LUFS_OFFSET + 10 * Math.log10(meanSquare);

/** Weighted mean-square of windows of `span` sub-blocks, hop 1 sub-block. */
function windows(
	energies: ArrayLike<number>[],
	weights: number[],
	fs: number,
	span: number
): Float64Array {
	const n = energies.reduce((m, e) => Math.min(m, e.length), Infinity);
	const count = Number.isFinite(n) ? Math.max(0, n - span + 1) : 0;
	const out = new Float64Array(count);
	if (count === 0) return out;
	const sub = new Float64Array(n);
	for (let c = 0; c < energies.length; c++) {
		const w = weights[c];
		if (w === 0) continue;
		const e = energies[c];
		for (let k = 0; k < n; k++) sub[k] += w * e[k];
	}
	// Running sums keep this O(n) for the 30-sub-block windows.
	let sum = 0;
	let frames = 0;
	for (let k = 0; k < n; k++) {
		sum += sub[k];
		frames += subBlockFrames(k, fs);
		if (k >= span) {
			sum -= sub[k - span];
			frames -= subBlockFrames(k - span, fs);
		}
		if (k >= span - 1) out[k - span + 1] = Math.max(0, sum) / frames;
	}
	return out;
}

export interface GatedLoudness {
	integratedLufs: number | null;
	lra: number | null;
}

export function integratedFromBlocks(z: Float64Array): number | null {
	let sum = 0;
	let n = 0;
	for (const v of z)
		if (v > 0 && toLufs(v) > ABS_GATE) {
			sum += v;
			n++;
		}
	if (n === 0) return null;
	const rel = toLufs(sum / n) - 10;
	let s2 = 0;
	let n2 = 0;
	for (const v of z) {
		if (v <= 0) continue;
		const l = toLufs(v);
		if (l > ABS_GATE && l > rel) {
			s2 += v;
			n2++;
		}
	}
	return n2 ? toLufs(s2 / n2) : null;
}

export function lraFromShortTerm(st: Float64Array): number | null {
	let sum = 0;
	let n = 0;
	for (const v of st)
		if (v > 0 && toLufs(v) > ABS_GATE) {
			sum += v;
			n++;
		}
	if (n === 0) return null;
	const rel = toLufs(sum / n) - 20;
	const kept: number[] = [];
	for (const v of st) {
		if (v <= 0) continue;
		const l = toLufs(v);
		if (l > ABS_GATE && l > rel) kept.push(l);
	}
	if (kept.length === 0) return null;
	const sorted = Float64Array.from(kept).sort();
	const at = (p: number): number => sorted[Math.round((sorted.length - 1) * p)];
	return at(0.95) - at(0.1);
}

export function gatedLoudness(
	energies: ArrayLike<number>[],
	weights: number[],
	fs: number
): GatedLoudness {
	return {
		integratedLufs: integratedFromBlocks(windows(energies, weights, fs, 4)),
		lra: lraFromShortTerm(windows(energies, weights, fs, 30))
	};
}
