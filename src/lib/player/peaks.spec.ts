import { describe, expect, it } from 'vitest';
import {
	pageStart,
	peakColumns,
	peaksDurationMs,
	peaksFromJson,
	windowMs,
	ZOOM_LEVELS,
	zoomForWindow
} from './peaks';

const json = (data: number[], channels = 1, spp = 480, sr = 48000, bits = 16) => ({
	version: 2,
	channels,
	sample_rate: sr,
	samples_per_pixel: spp,
	bits,
	length: data.length / (2 * channels),
	data
});

describe('peaksFromJson', () => {
	it('packs and validates', () => {
		const p = peaksFromJson(json([-100, 100, -200, 200]));
		expect(p.length).toBe(2);
		expect(p.scale).toBe(32768);
		expect(peaksDurationMs(p)).toBe(20); // 2 points × 480 samples at 48 kHz
		expect(() => peaksFromJson({ ...json([1, 2]), length: 5 })).toThrow();
		expect(() => peaksFromJson('nope')).toThrow();
	});
});

describe('peakColumns', () => {
	it('merges points into fewer columns with min of mins and max of maxes', () => {
		const p = peaksFromJson(json([-10, 10, -20, 5, -5, 30, -1, 1], 1, 480, 48000, 8));
		const c = peakColumns(p, 2);
		expect(Array.from(c)).toEqual([-20 / 128, 10 / 128, -5 / 128, 30 / 128]);
	});
	it('merges channels', () => {
		// one point, two channels: L (-10,10), R (-50, 40)
		const p = peaksFromJson(json([-10, 10, -50, 40], 2, 480, 48000, 8));
		expect(Array.from(peakColumns(p, 1))).toEqual([-50 / 128, 40 / 128]);
	});
	it('spreads points over more columns (zoomed in) and leaves columns past the end silent', () => {
		const p = peaksFromJson(json([-64, 64, -32, 32], 1, 480, 48000, 8));
		const c = peakColumns(p, 4);
		expect(Array.from(c)).toEqual([-0.5, 0.5, -0.5, 0.5, -0.25, 0.25, -0.25, 0.25]);
		const past = peakColumns(p, 2, 0, 40); // 40 ms window, data covers 20 ms
		expect(Array.from(past)).toEqual([-0.5, 0.5, 0, 0]);
	});
	it('covers a window in the middle', () => {
		const data: number[] = [];
		for (let i = 0; i < 100; i++) data.push(-i, i);
		const p = peaksFromJson(json(data, 1, 480, 48000)); // 10 ms per point
		const c = peakColumns(p, 10, 500, 600); // points 50..59
		expect(c[1] * 32768).toBeCloseTo(50);
		expect(c[19] * 32768).toBeCloseTo(59);
	});
	it('handles empty input', () => {
		const p = peaksFromJson(json([]));
		expect(peakColumns(p, 3).length).toBe(6);
		expect(peakColumns(p, 0).length).toBe(0);
	});
});

describe('zoom', () => {
	it('picks the level closest to a window', () => {
		// 20 s on 1000 px at 48 kHz wants 960 samples per pixel → 1024.
		expect(ZOOM_LEVELS[zoomForWindow(20, 1000, 48000)]).toBe(1024);
		expect(ZOOM_LEVELS[zoomForWindow(600, 300, 48000)]).toBe(8192);
		expect(ZOOM_LEVELS[zoomForWindow(0.5, 1000, 48000)]).toBe(256);
	});
	it('turns pages', () => {
		expect(windowMs(1024, 1000, 48000)).toBeCloseTo(21333.33, 1);
		expect(pageStart(45_000, 20_000)).toBe(40_000);
		expect(pageStart(-5, 20_000)).toBe(0);
		expect(pageStart(5, 0)).toBe(0);
	});
});
