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
	/** Smoothness bound (see true-peak.ts): |y| ≤ max|x| + d1·max|Δx| + d2·max|Δ²x|. */
	tpD1: number;
	tpD2: number;
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

/** Signature of the true-peak scan from true-peak.kernel.ts. */
export type TruePeakScan = (
	x: Float32Array,
	f: Float64Array,
	n: number,
	gain: number,
	d1: number,
	d2: number,
	coefAt: number,
	peakAt: number
) => void;

export interface DspKernel {
	createChannel(cfg: ChannelConfig): ChannelProcessor;
}

export function dspKernel(decode: PcmDecode, truePeak: TruePeakScan): DspKernel {
	const SUB = 8192; // frames decoded at a time: the working set stays in L1/L2
	const H = 11; // history kept for the 12-tap interpolator
	const SPP = 256; // base level samples per pixel

	// Float state slots (Float64Array) and int state slots (Int32Array). Hot functions are
	// shared by all channels and take this state explicitly: per-channel closures would make
	// V8 deoptimise on "wrong call target" and box every double it writes to a closure.
	const F_Z11 = 0, F_Z12 = 1, F_Z21 = 2, F_Z22 = 3, F_MN = 4, F_MX = 5, F_ACC = 6; // prettier-ignore
	const F_SPEAK = 7, F_TP = 8, F_CLIPPED = 9, F_FRAMES = 10, F_KW = 16, F_TPC = 26; // prettier-ignore
	const I_H2 = 1, I_RUN = 2, I_RSIGN = 3, I_LONGEST = 4, I_PIXREM = 5, I_BLKREM = 6; // prettier-ignore
	const I_PIXELS = 7, I_BLOCKS = 8; // prettier-ignore

	interface State {
		x: Float32Array;
		xi: Int32Array;
		f: Float64Array;
		i: Int32Array;
		fs: number;
		gain: number;
		d1: number;
		d2: number;
		clipHi: number;
		clipLo: number;
		peakMin: Int16Array;
		peakMax: Int16Array;
		energy: Float64Array;
	}

	function pushPixel(st: State): void {
		const f = st.f;
		const p = st.i[I_PIXELS];
		if (p >= st.peakMin.length) {
			const a = new Int16Array(st.peakMin.length * 2 + 16);
			const b = new Int16Array(a.length);
			a.set(st.peakMin);
			b.set(st.peakMax);
			st.peakMin = a;
			st.peakMax = b;
		}
		const mn = f[F_MN];
		const mx = f[F_MX];
		const lo = Math.floor(mn * 32768);
		const hi = Math.floor(mx * 32768);
		st.peakMin[p] = lo < -32768 ? -32768 : lo > 32767 ? 32767 : lo;
		st.peakMax[p] = hi < -32768 ? -32768 : hi > 32767 ? 32767 : hi;
		st.i[I_PIXELS] = p + 1;
		const a = -mn > mx ? -mn : mx;
		if (a > f[F_SPEAK]) f[F_SPEAK] = a;
		f[F_MN] = Infinity;
		f[F_MX] = -Infinity;
	}

	function pushBlock(st: State, acc: number): void {
		const b = st.i[I_BLOCKS];
		if (b >= st.energy.length) {
			const g = new Float64Array(st.energy.length * 2 + 16);
			g.set(st.energy);
			st.energy = g;
		}
		st.energy[b] = acc;
		st.i[I_BLOCKS] = b + 1;
		st.i[I_BLKREM] = Math.floor(((b + 2) * st.fs) / 10) - Math.floor(((b + 1) * st.fs) / 10);
	}

	/** Fused per-sample pass over x[H, H+n): min/max, K-weighted energy, fingerprint, clip runs. */
	function scan(st: State, n: number): void {
		const x = st.x, xi = st.xi, f = st.f, I = st.i; // prettier-ignore
		const kb0 = f[F_KW], kb1 = f[F_KW + 1], kb2 = f[F_KW + 2], ka1 = f[F_KW + 3], ka2 = f[F_KW + 4]; // prettier-ignore
		const hb0 = f[F_KW + 5], hb1 = f[F_KW + 6], hb2 = f[F_KW + 7], ha1 = f[F_KW + 8], ha2 = f[F_KW + 9]; // prettier-ignore
		const cHi = st.clipHi, cLo = st.clipLo; // prettier-ignore
		let z11 = f[F_Z11], z12 = f[F_Z12], z21 = f[F_Z21], z22 = f[F_Z22]; // prettier-ignore
		let h2 = I[I_H2], r = I[I_RUN], rs = I[I_RSIGN], lg = I[I_LONGEST], cl = f[F_CLIPPED]; // prettier-ignore
		let i = 0;
		while (i < n) {
			let seg = n - i;
			if (I[I_PIXREM] < seg) seg = I[I_PIXREM];
			if (I[I_BLKREM] < seg) seg = I[I_BLKREM];
			const end = H + i + seg;
			let lo = f[F_MN], hi = f[F_MX], sum = f[F_ACC]; // prettier-ignore
			for (let j = H + i; j < end; j++) {
				const v = x[j];
				if (v < lo) lo = v;
				if (v > hi) hi = v;
				// K-weighting: shelf then RLB high-pass, transposed direct form II.
				const y1 = kb0 * v + z11;
				z11 = kb1 * v - ka1 * y1 + z12;
				z12 = kb2 * v - ka2 * y1;
				const y2 = hb0 * y1 + z21;
				z21 = hb1 * y1 - ha1 * y2 + z22;
				z22 = hb2 * y1 - ha2 * y2;
				sum += y2 * y2;
				// 32-bit hash of the float bit patterns (dual-mono check, together with peaks and energies).
				h2 = (Math.imul(h2, 31) + xi[j]) | 0;
				// Same-sign runs of full-scale samples.
				if (v >= cHi) {
					if (rs !== 1) {
						if (r >= 3) {
							cl += r;
							if (r > lg) lg = r;
						}
						r = 0;
						rs = 1;
					}
					r++;
				} else if (v <= cLo) {
					if (rs !== -1) {
						if (r >= 3) {
							cl += r;
							if (r > lg) lg = r;
						}
						r = 0;
						rs = -1;
					}
					r++;
				} else if (r !== 0) {
					if (r >= 3) {
						cl += r;
						if (r > lg) lg = r;
					}
					r = 0;
					rs = 0;
				}
			}
			f[F_MN] = lo;
			f[F_MX] = hi;
			f[F_ACC] = sum;
			i += seg;
			I[I_PIXREM] -= seg;
			I[I_BLKREM] -= seg;
			if (I[I_PIXREM] === 0) {
				pushPixel(st);
				I[I_PIXREM] = SPP;
			}
			if (I[I_BLKREM] === 0) {
				pushBlock(st, f[F_ACC]);
				f[F_ACC] = 0;
			}
		}
		f[F_Z11] = z11;
		f[F_Z12] = z12;
		f[F_Z21] = z21;
		f[F_Z22] = z22;
		I[I_H2] = h2;
		I[I_RUN] = r;
		I[I_RSIGN] = rs;
		I[I_LONGEST] = lg;
		f[F_CLIPPED] = cl;
	}

	function processChunk(
		st: State,
		src: Uint8Array,
		enc: number,
		ch: number,
		channels: number,
		planeStride: number,
		count: number
	): void {
		for (let f0 = 0; f0 < count; f0 += SUB) {
			const n = count - f0 < SUB ? count - f0 : SUB;
			decode(src, enc, ch, channels, planeStride, f0, n, st.x, H);
			scan(st, n);
			truePeak(st.x, st.f, n, st.gain, st.d1, st.d2, F_TPC, F_TP);
			st.x.copyWithin(0, n, n + H);
			st.f[F_FRAMES] += n;
		}
	}

	function finish(st: State): ChannelResult {
		const f = st.f;
		const I = st.i;
		const r = I[I_RUN];
		if (r >= 3) {
			f[F_CLIPPED] += r;
			if (r > I[I_LONGEST]) I[I_LONGEST] = r;
		}
		if (I[I_PIXREM] < SPP) pushPixel(st);
		// Flush the interpolator with silence so the last samples' inter-sample points count.
		st.x.fill(0, H, H + 6);
		truePeak(st.x, st.f, 6, st.gain, st.d1, st.d2, F_TPC, F_TP);
		const pixels = I[I_PIXELS];
		const blocks = I[I_BLOCKS];
		return {
			frames: f[F_FRAMES],
			pixels,
			peakMin: st.peakMin.slice(0, pixels),
			peakMax: st.peakMax.slice(0, pixels),
			blocks,
			energy: st.energy.slice(0, blocks),
			samplePeak: f[F_SPEAK],
			truePeak: f[F_TP] > f[F_SPEAK] ? f[F_TP] : f[F_SPEAK],
			clippedSamples: f[F_CLIPPED],
			longestRun: I[I_LONGEST],
			fingerprint: (I[I_H2] >>> 0).toString(16)
		};
	}

	function createChannel(cfg: ChannelConfig): ChannelProcessor {
		const x = new Float32Array(H + SUB);
		const f = new Float64Array(F_TPC + 18);
		const I = new Int32Array(16);
		f.set(cfg.kw, F_KW);
		f.set(cfg.tp, F_TPC);
		f[F_MN] = Infinity;
		f[F_MX] = -Infinity;
		I[I_PIXREM] = SPP;
		I[I_BLKREM] = Math.floor(cfg.sampleRate / 10);
		const st: State = {
			x,
			xi: new Int32Array(x.buffer),
			f,
			i: I,
			fs: cfg.sampleRate,
			gain: cfg.tpGain,
			d1: cfg.tpD1,
			d2: cfg.tpD2,
			clipHi: cfg.clipHi,
			clipLo: cfg.clipLo,
			peakMin: new Int16Array(Math.ceil(cfg.expectedFrames / SPP) + 1),
			peakMax: new Int16Array(Math.ceil(cfg.expectedFrames / SPP) + 1),
			energy: new Float64Array(Math.ceil(cfg.expectedFrames / (cfg.sampleRate / 10)) + 2)
		};
		return {
			process: (src, enc, ch, channels, planeStride, count) =>
				processChunk(st, src, enc, ch, channels, planeStride, count),
			finish: () => finish(st)
		};
	}

	return { createChannel };
}
