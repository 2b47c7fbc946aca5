/**
 * The 4× true-peak scan over a channel buffer (x[0..n+11) with 11 samples of history), used by
 * dsp.kernel.ts. SELF-CONTAINED for the same reason: it is stringified into the workers.
 * Filter design and the skip bounds are explained in true-peak.ts.
 */
export function truePeakKernel() {
	const TB = 64; // skip-test block

	return truePeak;

	/**
	 * Inter-sample peaks between x[j] and x[j+1] for j in [5, n+5), at offsets ¼, ½, ¾.
	 * Blocks that provably can't beat the running maximum are skipped, so the result is
	 * identical to evaluating every point: first by gain × max|x| (any signal), then by the
	 * smoothness bound max|x| + d1·max|Δx| + d2·max|Δ²x| (tight for oversampled music, where
	 * second differences are small). Typically < 5 % of blocks need the filter.
	 */
	function truePeak(
		x: Float32Array,
		f: Float64Array,
		n: number,
		gain: number,
		d1: number,
		d2: number,
		coefAt: number,
		peakAt: number
	): void {
		let m = f[peakAt];
		for (let s = 5; s < n + 5; s += TB) {
			const e = s + TB < n + 5 ? s + TB : n + 5;
			let r = 0;
			for (let q = s - 5; q < e + 6; q++) {
				// Math.abs compiles branch-free; a sign test would mispredict on every other sample.
				const a = Math.abs(x[q]);
				if (a > r) r = a;
			}
			if (r > m) m = r;
			if (r * gain <= m) continue;
			let m1 = 0;
			let m2 = 0;
			for (let q = s - 4; q < e + 5; q++) {
				const p = x[q - 1], v = x[q], u = x[q + 1]; // prettier-ignore
				const dd = u - v - v + p;
				const ad = Math.abs(dd);
				const af = Math.abs(u - v);
				if (ad > m2) m2 = ad;
				if (af > m1) m1 = af;
			}
			if ((r + d1 * m1 + d2 * m2) * 1.000001 <= m) continue;
			m = interpolateMax(x, f, coefAt, s, e, m);
		}
		f[peakAt] = m;
	}

	/**
	 * The polyphase filter proper, kept out of truePeak's block loop so its ~30 live doubles
	 * don't fight the block bookkeeping for registers. Coefficients come straight from the
	 * state array (memory operands are free; spilled locals are not).
	 */
	function interpolateMax(
		x: Float32Array,
		f: Float64Array,
		T: number,
		s: number,
		e: number,
		m: number
	): number {
		for (let j = s; j < e; j++) {
			const x0 = x[j - 5], x1 = x[j - 4], x2 = x[j - 3], x3 = x[j - 2], x4 = x[j - 1], x5 = x[j]; // prettier-ignore
			const x6 = x[j + 1], x7 = x[j + 2], x8 = x[j + 3], x9 = x[j + 4], x10 = x[j + 5], x11 = x[j + 6]; // prettier-ignore
			const t0 = x0 + x11, t1 = x1 + x10, t2 = x2 + x9, t3 = x3 + x8, t4 = x4 + x7, t5 = x5 + x6; // prettier-ignore
			const P =
				f[T] * t0 + f[T + 1] * t1 + f[T + 2] * t2 + f[T + 3] * t3 + f[T + 4] * t4 + f[T + 5] * t5;
			const Q =
				f[T + 6] * (x0 - x11) +
				f[T + 7] * (x1 - x10) +
				f[T + 8] * (x2 - x9) +
				f[T + 9] * (x3 - x8) +
				f[T + 10] * (x4 - x7) +
				f[T + 11] * (x5 - x6);
			const R =
				f[T + 12] * t0 +
				f[T + 13] * t1 +
				f[T + 14] * t2 +
				f[T + 15] * t3 +
				f[T + 16] * t4 +
				f[T + 17] * t5;
			// max(|y¼|, |y¾|) = |P| + |Q| because y¼ = P + Q and y¾ = P − Q.
			const m13 = Math.abs(P) + Math.abs(Q);
			const m2 = Math.abs(R);
			if (m13 > m) m = m13;
			if (m2 > m) m = m2;
		}
		return m;
	}
}
