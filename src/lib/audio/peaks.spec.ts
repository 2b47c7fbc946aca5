import { describe, expect, it } from 'vitest';
import { AudioFormatError, PeaksData, peaksFromDat, peaksToDat, peaksToJson } from './index.js';

function ramp(length: number, channels = 2): PeaksData {
	const data = new Int16Array(length * channels * 2);
	for (let p = 0; p < length; p++)
		for (let c = 0; c < channels; c++) {
			data[(p * channels + c) * 2] = -((p * 7 + c) % 30000);
			data[(p * channels + c) * 2 + 1] = (p * 13 + c) % 30000;
		}
	return new PeaksData(48000, 256, channels, length, 16, data);
}

describe('peaks', () => {
	it('round-trips the audiowaveform .dat v2 format', () => {
		const p = ramp(1234);
		const b = peaksToDat(p);
		const dv = new DataView(b.buffer);
		expect([
			dv.getInt32(0, true),
			dv.getUint32(4, true),
			dv.getInt32(8, true),
			dv.getInt32(12, true),
			dv.getUint32(16, true),
			dv.getInt32(20, true)
		]).toEqual([2, 0, 48000, 256, 1234, 2]);
		expect(b.length).toBe(24 + 1234 * 2 * 2 * 2);
		const q = peaksFromDat(b);
		expect(q).toMatchObject({
			sampleRate: 48000,
			samplesPerPixel: 256,
			channels: 2,
			length: 1234,
			bits: 16
		});
		expect(Array.from(q.data)).toEqual(Array.from(p.data));
	});

	it('reads 8-bit and version 1 files and rejects lying headers', () => {
		const v1 = new Uint8Array(20 + 4);
		const dv = new DataView(v1.buffer);
		dv.setInt32(0, 1, true);
		dv.setUint32(4, 1, true);
		dv.setInt32(8, 44100, true);
		dv.setInt32(12, 512, true);
		dv.setUint32(16, 2, true);
		v1.set([0xf0, 0x10, 0xe0, 0x20], 20);
		const p = peaksFromDat(v1);
		expect(p).toMatchObject({ channels: 1, bits: 8, length: 2 });
		expect(Array.from(p.data)).toEqual([-16, 16, -32, 32]);
		dv.setUint32(16, 0xffffffff, true);
		expect(() => peaksFromDat(v1)).toThrow(AudioFormatError);
		expect(() => peaksFromDat(new Uint8Array(5))).toThrow(AudioFormatError);
	});

	it('resamples to JSON at a multiple of the base level', () => {
		const p = ramp(1000);
		const j = peaksToJson(p, 1000); // rounds to 4 × 256
		expect(j).toMatchObject({
			version: 2,
			channels: 2,
			sample_rate: 48000,
			samples_per_pixel: 1024,
			bits: 16,
			length: 250
		});
		expect(j.data.length).toBe(250 * 2 * 2);
		// first output pixel = min of mins / max of maxes over pixels 0..3
		expect(j.data[0]).toBe(Math.min(...[0, 1, 2, 3].map((i) => p.data[i * 4])));
		expect(j.data[1]).toBe(Math.max(...[0, 1, 2, 3].map((i) => p.data[i * 4 + 1])));
	});

	it('defaults to a ~2000 point overview and clamps absurd requests', () => {
		const p = ramp(100_000);
		const j = peaksToJson(p);
		expect(j.length).toBeGreaterThan(1500);
		expect(j.length).toBeLessThanOrEqual(2000);
		for (const bad of [0, -5, NaN, Infinity, 1e15]) {
			const k = peaksToJson(p, bad);
			expect(k.length).toBeGreaterThanOrEqual(1);
			expect(k.samples_per_pixel % 256).toBe(0);
		}
		expect(peaksToJson(p, 10).samples_per_pixel).toBe(256); // never below the base level
		expect(peaksToJson(p, 1e15).length).toBe(1);
	});
});
