/**
 * The hot per-channel DSP loop: decode → sample peak, 256-frame min/max peaks, clipping runs,
 * K-weighted 100 ms energies, channel fingerprint, and 4× true peak.
 *
 * `dspKernel` must stay SELF-CONTAINED (no references to anything outside its body, no
 * imports, only plain syntax): analysis.worker.ts stringifies it with Function#toString and
 * evaluates it inside `new Worker(code, { eval: true })`. That way the same code runs in-process
 * (tests, small files), in workers from plain node, from vitest and from the Vite-bundled app,
 * with no separate worker file to ship. Types are erased, so type imports are fine.
 */

export interface ChannelConfig {
	sampleRate: number;
	/** K-weighting: [b0, b1, b2, a1, a2] of the shelf, then of the high-pass. */
	kw: number[];
	/** True-peak polyphase folding (see true-peak.ts): A[6], B[6], C[6]. */
	tp: number[];
	/** Upper bound of |interpolated| / max|input| over the filter support (sum of |taps|). */
	tpGain: number;
	/** Full-scale thresholds for clipping runs. */
	clipHi: number;
	clipLo: number;
	/** Frames expected, to size the result arrays once (they grow if the estimate is short). */
	expectedFrames: number;
}

export interface ChannelResult {
	frames: number;
	pixels: number;
	peakMin: Int16Array;
	peakMax: Int16Array;
	blocks: number;
	/** Sum of squared K-weighted samples per 100 ms sub-block. */
	energy: Float64Array;
	samplePeak: number;
	truePeak: number;
	clippedSamples: number;
	longestRun: number;
	fingerprint: string;
}

export interface ChannelProcessor {
	/** `src` holds `frames` interleaved frames (or planar float32 when enc = 12) starting at byte 0. */
	process(
		src: Uint8Array,
		enc: number,
		ch: number,
		channels: number,
		planeStride: number,
		frames: number
	): void;
	finish(): ChannelResult;
}

/** Signature of the decoder from pcm-decode.kernel.ts (passed in to keep both self-contained). */
export type PcmDecode = (
	src: Uint8Array,
	enc: number,
	ch: number,
	channels: number,
	planeStride: number,
	f0: number,
	n: number,
	out: Float32Array,
	o: number
) => void;

export interface DspKernel {
	createChannel(cfg: ChannelConfig): ChannelProcessor;
}

export function dspKernel(decode: PcmDecode): DspKernel {
	const SUB = 8192; // frames decoded at a time: the working set stays in L1/L2
	const H = 11; // history kept for the 12-tap interpolator
	const SPP = 256; // base level samples per pixel
	const TB = 64; // true-peak skip-test block

	function grow16(a: Int16Array, need: number): Int16Array {
		if (need <= a.length) return a;
		const g = new Int16Array(Math.max(need, a.length * 2));
		g.set(a);
		return g;
	}

	function createChannel(cfg: ChannelConfig): ChannelProcessor {
		const fs = cfg.sampleRate;
		const buf = new Float32Array(H + SUB);
		const bufBits = new Int32Array(buf.buffer); // bit patterns for the fingerprint
		const [kb0, kb1, kb2, ka1, ka2, hb0, hb1, hb2, ha1, ha2] = cfg.kw;
		const [A0, A1, A2, A3, A4, A5, B0, B1, B2, B3, B4, B5, C0, C1, C2, C3, C4, C5] = cfg.tp;
		const G = cfg.tpGain;
		const clipHi = cfg.clipHi;
		const clipLo = cfg.clipLo;
		let peakMin = new Int16Array(Math.ceil(cfg.expectedFrames / SPP) + 1);
		let peakMax = new Int16Array(peakMin.length);
		let energy = new Float64Array(Math.ceil(cfg.expectedFrames / (fs / 10)) + 2);
		let pixels = 0;
		let blocks = 0;
		let frames = 0;
		let pixRemain = SPP;
		let blkRemain = Math.floor(fs / 10);
		let mn = Infinity;
		let mx = -Infinity;
		let acc = 0;
		let s11 = 0, s12 = 0, s21 = 0, s22 = 0; // prettier-ignore
		let h1 = 0x811c9dc5 | 0;
		let h2 = 0;
		let run = 0;
		let runSign = 0;
		let clipped = 0;
		let longest = 0;
		let samplePeak = 0;
		let tp = 0;

		function endRun(): void {
			if (run >= 3) {
				clipped += run;
				if (run > longest) longest = run;
			}
			run = 0;
			runSign = 0;
		}

		function pushPixel(): void {
			peakMin = grow16(peakMin, pixels + 1);
			peakMax = grow16(peakMax, pixels + 1);
			const lo = Math.floor(mn * 32768);
			const hi = Math.floor(mx * 32768);
			peakMin[pixels] = lo < -32768 ? -32768 : lo > 32767 ? 32767 : lo;
			peakMax[pixels] = hi < -32768 ? -32768 : hi > 32767 ? 32767 : hi;
			pixels++;
			const a = -mn > mx ? -mn : mx;
			if (a > samplePeak) samplePeak = a;
			mn = Infinity;
			mx = -Infinity;
		}

		/** Fused per-sample pass over x[H, H+n). */
		function scan(n: number): void {
			// Closure state copied into locals: V8 keeps locals in registers, context slots in memory.
			const kb0_ = kb0, kb1_ = kb1, kb2_ = kb2, ka1_ = ka1, ka2_ = ka2; // prettier-ignore
			const hb0_ = hb0, hb1_ = hb1, hb2_ = hb2, ha1_ = ha1, ha2_ = ha2; // prettier-ignore
			let z11 = s11, z12 = s12, z21 = s21, z22 = s22, f1 = h1, f2 = h2; // prettier-ignore
			const x = buf, xi = bufBits; // prettier-ignore
			let i = 0;
			while (i < n) {
				let seg = n - i;
				if (pixRemain < seg) seg = pixRemain;
				if (blkRemain < seg) seg = blkRemain;
				const end = H + i + seg;
				let lo = mn, hi = mx, sum = acc; // prettier-ignore
				for (let j = H + i; j < end; j++) {
					const v = x[j];
					if (v < lo) lo = v;
					if (v > hi) hi = v;
					// K-weighting: two biquads, transposed direct form II.
					const y1 = kb0_ * v + z11;
					z11 = kb1_ * v - ka1_ * y1 + z12;
					z12 = kb2_ * v - ka2_ * y1;
					const y2 = hb0_ * y1 + z21;
					z21 = hb1_ * y1 - ha1_ * y2 + z22;
					z22 = hb2_ * y1 - ha2_ * y2;
					sum += y2 * y2;
					const bits = xi[j];
					f1 = Math.imul(f1 ^ bits, 16777619);
					f2 = (Math.imul(f2, 31) + bits) | 0;
					if (v >= clipHi) {
						if (runSign !== 1) {
							endRun();
							runSign = 1;
						}
						run++;
					} else if (v <= clipLo) {
						if (runSign !== -1) {
							endRun();
							runSign = -1;
						}
						run++;
					} else if (run !== 0) endRun();
				}
				mn = lo;
				mx = hi;
				acc = sum;
				i += seg;
				pixRemain -= seg;
				blkRemain -= seg;
				if (pixRemain === 0) {
					pushPixel();
					pixRemain = SPP;
				}
				if (blkRemain === 0) {
					if (blocks >= energy.length) {
						const g = new Float64Array(energy.length * 2 + 16);
						g.set(energy);
						energy = g;
					}
					energy[blocks++] = acc;
					acc = 0;
					blkRemain = Math.floor(((blocks + 1) * fs) / 10) - Math.floor((blocks * fs) / 10);
				}
			}
			s11 = z11;
			s12 = z12;
			s21 = z21;
			s22 = z22;
			h1 = f1;
			h2 = f2;
		}

		/**
		 * Inter-sample peaks between x[j] and x[j+1] for j in [5, n+5), at offsets 1/4, 1/2, 3/4.
		 * A block is skipped when even the worst case (gain × its largest |sample|) can't beat the
		 * running maximum; the result is identical to evaluating every point.
		 */
		function truePeak(n: number): void {
			const a0 = A0, a1 = A1, a2 = A2, a3 = A3, a4 = A4, a5 = A5, b0 = B0, b1 = B1, b2 = B2, b3 = B3, b4 = B4, b5 = B5; // prettier-ignore
			const c0 = C0, c1 = C1, c2 = C2, c3 = C3, c4 = C4, c5 = C5, gain = G; // prettier-ignore
			const x = buf;
			for (let s = 5; s < n + 5; s += TB) {
				const e = s + TB < n + 5 ? s + TB : n + 5;
				let r = 0;
				for (let q = s - 5; q < e + 6; q++) {
					const a = x[q] < 0 ? -x[q] : x[q];
					if (a > r) r = a;
				}
				if (r > tp) tp = r;
				if (r * gain <= tp) continue;
				let m = tp;
				for (let j = s; j < e; j++) {
					const x0 = x[j - 5], x1 = x[j - 4], x2 = x[j - 3], x3 = x[j - 2], x4 = x[j - 1], x5 = x[j]; // prettier-ignore
					const x6 = x[j + 1], x7 = x[j + 2], x8 = x[j + 3], x9 = x[j + 4], x10 = x[j + 5], x11 = x[j + 6]; // prettier-ignore
					const t0 = x0 + x11, t1 = x1 + x10, t2 = x2 + x9, t3 = x3 + x8, t4 = x4 + x7, t5 = x5 + x6; // prettier-ignore
					const P = a0 * t0 + a1 * t1 + a2 * t2 + a3 * t3 + a4 * t4 + a5 * t5;
					const Q =
						b0 * (x0 - x11) +
						b1 * (x1 - x10) +
						b2 * (x2 - x9) +
						b3 * (x3 - x8) +
						b4 * (x4 - x7) +
						b5 * (x5 - x6);
					const R = c0 * t0 + c1 * t1 + c2 * t2 + c3 * t3 + c4 * t4 + c5 * t5;
					// max(|y¼|, |y¾|) = |P| + |Q| because y¼ = P + Q and y¾ = P − Q.
					const m13 = (P < 0 ? -P : P) + (Q < 0 ? -Q : Q);
					const m2 = R < 0 ? -R : R;
					if (m13 > m) m = m13;
					if (m2 > m) m = m2;
				}
				tp = m;
			}
		}

		return {
			process(src, enc, ch, channels, planeStride, count) {
				for (let f0 = 0; f0 < count; f0 += SUB) {
					const n = count - f0 < SUB ? count - f0 : SUB;
					decode(src, enc, ch, channels, planeStride, f0, n, buf, H);
					scan(n);
					truePeak(n);
					buf.copyWithin(0, n, n + H);
					frames += n;
				}
			},
			finish() {
				endRun();
				if (pixRemain < SPP) pushPixel();
				// Flush the interpolator with silence so the last samples' inter-sample points count.
				buf.fill(0, H, H + 6);
				truePeak(6);
				return {
					frames,
					pixels,
					peakMin: peakMin.slice(0, pixels),
					peakMax: peakMax.slice(0, pixels),
					blocks,
					energy: energy.slice(0, blocks),
					samplePeak,
					truePeak: tp > samplePeak ? tp : samplePeak,
					clippedSamples: clipped,
					longestRun: longest,
					fingerprint: (h1 >>> 0).toString(16) + ':' + (h2 >>> 0).toString(16)
				};
			}
		};
	}

	return { createChannel };
}
