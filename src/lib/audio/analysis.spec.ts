import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseFile, analysePeaks, peaksToJson, probeFile, readPcm } from './index.js';
import {
	encodeFlac,
	musicLike,
	sine,
	tempDir,
	writeAiff,
	writeFlac,
	writeWav
} from './testing/index.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => (dir = await tempDir()));
afterAll(() => dir.cleanup());

const FS = 48000;
const L = musicLike(FS * 6, FS, 1, -3);
const R = musicLike(FS * 6, FS, 2, -4);

describe('analyseFile', () => {
	it('gives identical results in-process and in worker threads', async () => {
		const path = dir.file('music.wav');
		await writeWav(path, { sampleRate: FS, bitDepth: 24, channels: [L, R] });
		const a = await analyseFile(path, { threads: 0 });
		const b = await analyseFile(path, { threads: 2 });
		const c = await analyseFile(path, { threads: 1 });
		for (const other of [b, c]) {
			expect(other.loudness).toEqual(a.loudness);
			expect(other.decodedSha256).toBe(a.decodedSha256);
			expect(Array.from(other.peaks.data)).toEqual(Array.from(a.peaks.data));
			expect(other.clipping).toEqual(a.clipping);
		}
		expect(a.format).toMatchObject({ frames: FS * 6, durationMs: 6000 });
		expect(a.peaks).toMatchObject({
			samplesPerPixel: 256,
			channels: 2,
			length: Math.ceil((FS * 6) / 256),
			bits: 16
		});
		expect(a.loudness.samplePeakDbfs).toBeCloseTo(-3, 1);
		expect(a.loudness.truePeakDbtp as number).toBeGreaterThanOrEqual(
			a.loudness.samplePeakDbfs as number
		);
		expect(a.dualMono).toBe(false);
		expect(a.silent).toBe(false);
		expect(a.warnings.map((w) => w.code)).toEqual([]);
	});

	it('peaks are min/max per 256 frames, per channel, as 16-bit', async () => {
		const path = dir.file('peaks.wav');
		await writeWav(path, { sampleRate: FS, bitDepth: 16, channels: [L, R] });
		const { peaks } = await analyseFile(path, { threads: 0 });
		const q = (v: number) => Math.max(-32768, Math.min(32767, Math.round(v * 32768)));
		for (const p of [0, 5, 100, peaks.length - 1]) {
			const s = L.subarray(p * 256, (p + 1) * 256);
			expect(peaks.data[p * 4]).toBe(Math.min(...Array.from(s, q)));
			expect(peaks.data[p * 4 + 1]).toBe(Math.max(...Array.from(s, q)));
		}
		const fast = await analysePeaks(path);
		expect(Array.from(fast.data)).toEqual(Array.from(peaks.data));
		expect(peaksToJson(peaks).length).toBeLessThanOrEqual(2000);
	});

	it('hashes the same audio the same in WAV, AIFF, AIFF-C sowt and FLAC', async () => {
		const spec = {
			sampleRate: FS,
			bitDepth: 24 as const,
			channels: [L.subarray(0, 50000), R.subarray(0, 50000)]
		};
		await writeWav(dir.file('h.wav'), spec);
		await writeAiff(dir.file('h.aiff'), spec);
		await writeAiff(dir.file('h-sowt.aifc'), { ...spec, compression: 'sowt' });
		await writeFlac(dir.file('h.flac'), spec);
		const hashes = await Promise.all(
			['h.wav', 'h.aiff', 'h-sowt.aifc', 'h.flac'].map(
				async (f) => (await analyseFile(dir.file(f))).decodedSha256
			)
		);
		expect(new Set(hashes).size).toBe(1);
		await writeWav(dir.file('h16.wav'), { ...spec, bitDepth: 16 });
		expect((await analyseFile(dir.file('h16.wav'))).decodedSha256).not.toBe(hashes[0]);
	});

	it('detects dual mono, silence, clipping and low bit depth', async () => {
		await writeWav(dir.file('dual.wav'), { sampleRate: FS, bitDepth: 16, channels: [L, L] });
		const dual = await analyseFile(dir.file('dual.wav'));
		expect(dual.dualMono).toBe(true);
		expect(dual.warnings.map((w) => w.code)).toContain('low_bit_depth');

		await writeWav(dir.file('silent.wav'), {
			sampleRate: FS,
			bitDepth: 24,
			channels: 2,
			frames: FS
		});
		const silent = await analyseFile(dir.file('silent.wav'));
		expect(silent.silent).toBe(true);
		expect(silent.loudness).toEqual({
			integratedLufs: null,
			lra: null,
			truePeakDbtp: null,
			samplePeakDbfs: null
		});
		expect(silent.warnings.map((w) => w.code)).toContain('silent');

		const hot = sine({ frequency: 100, sampleRate: FS, seconds: 2, amplitude: 1.3 }); // clipped at full scale
		await writeWav(dir.file('clip.wav'), { sampleRate: FS, bitDepth: 24, channels: [hot] });
		const clip = await analyseFile(dir.file('clip.wav'));
		expect(clip.clipping.clippedSamples).toBeGreaterThan(1000);
		expect(clip.clipping.longestRun).toBeGreaterThan(3);
		expect(clip.warnings.map((w) => w.code)).toEqual(
			expect.arrayContaining(['clipping', 'true_peak_over'])
		);

		const two = new Float32Array(FS).fill(0.2);
		two[1000] = two[1001] = 1; // a run of 2 is not clipping
		await writeWav(dir.file('run2.wav'), { sampleRate: FS, bitDepth: 16, channels: [two] });
		expect((await analyseFile(dir.file('run2.wav'))).clipping).toEqual({
			clippedSamples: 0,
			longestRun: 0
		});
	});

	it('reports progress up to 1 and honours an abort signal', async () => {
		const path = dir.file('long.wav');
		await writeWav(path, { sampleRate: FS, bitDepth: 24, channels: [L, R, L, R] });
		const seen: number[] = [];
		await analyseFile(path, { onProgress: (f) => seen.push(f), threads: 2 });
		expect(seen.at(-1)).toBe(1);
		expect(seen.every((v, i) => i === 0 || v >= seen[i - 1])).toBe(true);
		const ac = new AbortController();
		ac.abort();
		await expect(analyseFile(path, { signal: ac.signal, threads: 2 })).rejects.toThrow();
		const ac2 = new AbortController();
		const p = analyseFile(path, { signal: ac2.signal, threads: 0, onProgress: () => ac2.abort() });
		await expect(p).rejects.toThrow();
	});

	it('analyses FLAC and weights 5.1 channels (LFE excluded)', async () => {
		const tone = sine({ frequency: 1000, sampleRate: FS, seconds: 5, dbfs: -23 });
		const zero = new Float32Array(tone.length);
		await writeFlac(dir.file('t.flac'), { sampleRate: FS, bitDepth: 24, channels: [tone, tone] });
		const f = await analyseFile(dir.file('t.flac'));
		expect(f.format).toMatchObject({
			container: 'flac',
			codec: 'flac',
			bitDepth: 24,
			frames: tone.length
		});
		expect(f.loudness.integratedLufs as number).toBeCloseTo(-23, 1);
		// 5.1 with the tone only in the LFE channel: gated away entirely.
		await writeWav(dir.file('lfe.wav'), {
			sampleRate: FS,
			bitDepth: 24,
			channels: [zero, zero, zero, tone, zero, zero]
		});
		expect((await analyseFile(dir.file('lfe.wav'))).loudness.integratedLufs).toBeNull();
		// Surround channel weighted +1.5 dB (1.41).
		await writeWav(dir.file('ls.wav'), {
			sampleRate: FS,
			bitDepth: 24,
			channels: [zero, zero, zero, zero, tone, zero]
		});
		const ls = (await analyseFile(dir.file('ls.wav'))).loudness.integratedLufs as number;
		expect(ls).toBeCloseTo(-26.01 + 10 * Math.log10(1.41), 1);
	});
});

describe('readPcm', () => {
	it('streams planar float32 blocks for WAV and FLAC alike', async () => {
		const spec = {
			sampleRate: FS,
			bitDepth: 16 as const,
			channels: [L.subarray(0, 100_000), R.subarray(0, 100_000)]
		};
		await writeWav(dir.file('s.wav'), spec);
		await writeFlac(dir.file('s.flac'), spec);
		const collect = async (f: string) => {
			const out: Float32Array[] = [new Float32Array(100_000), new Float32Array(100_000)];
			let at = 0;
			const fmt = await readPcm(f, (chs, n) => {
				chs.forEach((c, i) => out[i].set(c.subarray(0, n), at));
				at += n;
			});
			expect(at).toBe(100_000);
			expect(fmt.frames).toBe(100_000);
			return out;
		};
		const [w, f] = [await collect(dir.file('s.wav')), await collect(dir.file('s.flac'))];
		expect(Array.from(w[1].subarray(0, 5000))).toEqual(Array.from(f[1].subarray(0, 5000)));
		expect(encodeFlac(spec).length).toBeGreaterThan(0);
		expect((await probeFile(dir.file('s.flac'))).frames).toBe(100_000);
	});
});
