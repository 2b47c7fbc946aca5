import { describe, expect, it } from 'vitest';
import { designTruePeakFilter, phaseTaps, truePeakReference } from './true-peak.js';
import { dspKernel } from './dsp.kernel.js';
import { pcmDecodeKernel } from './pcm-decode.kernel.js';
import { truePeakKernel } from './true-peak.kernel.js';
import { kWeightingCoefficients } from './k-weighting.js';
import { Enc } from './pcm-encoding.js';
import { rng, sine } from './testing/index.js';

/** Run the streaming kernel over one float32 channel, in chunks of `chunk` frames. */
function kernelTruePeak(x: Float32Array, fs: number, chunk = 1000): { tp: number; sp: number } {
	const tp = designTruePeakFilter();
	const k = dspKernel(pcmDecodeKernel(), truePeakKernel());
	const p = k.createChannel({
		sampleRate: fs,
		kw: kWeightingCoefficients(fs),
		tp: tp.folded,
		tpGain: tp.gain,
		tpD1: tp.d1,
		tpD2: tp.d2,
		clipHi: 1,
		clipLo: -1,
		expectedFrames: x.length
	});
	for (let f0 = 0; f0 < x.length; f0 += chunk) {
		const part = x.slice(f0, Math.min(x.length, f0 + chunk));
		p.process(new Uint8Array(part.buffer), Enc.f32le, 0, 1, 0, part.length);
	}
	const r = p.finish();
	return { tp: r.truePeak, sp: r.samplePeak };
}

const db = (v: number) => 20 * Math.log10(v);

describe('true peak', () => {
	it('fs/4 sine at 45° phase: sample peak is 3.01 dB under the true peak', () => {
		for (const fs of [44100, 48000, 96000, 192000]) {
			const x = sine({
				frequency: fs / 4,
				sampleRate: fs,
				frames: fs / 10,
				amplitude: 0.5,
				phase: Math.PI / 4
			});
			// Fade in/out: an abrupt onset rings (Gibbs) above the steady-state peak.
			for (let i = 0; i < 200; i++) {
				const g = Math.sin((i / 200) * (Math.PI / 2)) ** 2;
				x[i] *= g;
				x[x.length - 1 - i] *= g;
			}
			const { tp, sp } = kernelTruePeak(x, fs);
			expect(db(sp)).toBeCloseTo(db(0.5) - 3.0103, 2);
			expect(Math.abs(db(tp) - db(0.5))).toBeLessThan(0.1); // filter passband error at fs/4
		}
	});

	it('reads a 997 Hz full-scale sine at 0 dBTP and a near-Nyquist sine within 0.7 dB', () => {
		const fs = 48000;
		expect(
			Math.abs(
				db(
					kernelTruePeak(sine({ frequency: 997, sampleRate: fs, frames: 48000, amplitude: 1 }), fs)
						.tp
				)
			)
		).toBeLessThan(0.05);
		const hf = sine({ frequency: 19000, sampleRate: fs, frames: 48000, amplitude: 1, phase: 0.3 });
		expect(Math.abs(db(kernelTruePeak(hf, fs).tp))).toBeLessThan(0.7);
	});

	it('block skipping never changes the answer (matches the brute-force reference)', () => {
		const r = rng(42);
		for (let t = 0; t < 20; t++) {
			const n = 500 + Math.floor(r() * 5000);
			const x = new Float32Array(n);
			// Mix of noise bursts, quiet parts, smooth tones and isolated spikes.
			let lp = 0;
			for (let i = 0; i < n; i++) {
				lp += 0.2 * (r() * 2 - 1 - lp);
				const env = Math.sin((i / n) * Math.PI * (1 + t)) ** 2;
				x[i] = (t % 3 === 0 ? r() * 2 - 1 : lp) * env + (r() < 0.001 ? (r() - 0.5) * 1.8 : 0);
			}
			const ref = truePeakReference(x);
			const got = kernelTruePeak(x, 48000, 1 + Math.floor(r() * 3000)).tp;
			expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-6 * ref + 1e-9);
		}
	});

	it('each phase has unity DC gain and the bound constants are positive', () => {
		for (const d of [0.25, 0.5, 0.75])
			expect(phaseTaps(d).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
		const f = designTruePeakFilter();
		expect(f.gain).toBeGreaterThan(1);
		expect(f.d2).toBeGreaterThan(0);
	});
});
