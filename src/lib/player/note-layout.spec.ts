import { describe, expect, it } from 'vitest';
import { layoutNotes } from './note-layout';

const lanesOf = (r: ReturnType<typeof layoutNotes>) =>
	Object.fromEntries(r.placed.map((p) => [p.id, p.lane]));

describe('layoutNotes', () => {
	it('stacks overlapping ranges so each stays clickable', () => {
		const r = layoutNotes(
			[
				{ id: 'a', atMs: 0, endMs: 10_000 },
				{ id: 'b', atMs: 5_000, endMs: 15_000 },
				{ id: 'c', atMs: 12_000, endMs: 20_000 },
				{ id: 'd', atMs: 6_000, endMs: 7_000 }
			],
			100
		);
		expect(lanesOf(r)).toEqual({ a: 0, b: 1, d: 2, c: 0 });
		expect(r.lanes).toBe(3);
	});
	it('gives points a width so near neighbours do not cover each other', () => {
		const r = layoutNotes(
			[
				{ id: 'p1', atMs: 1000, endMs: null },
				{ id: 'p2', atMs: 1200, endMs: null },
				{ id: 'p3', atMs: 5000, endMs: null }
			],
			500
		);
		expect(lanesOf(r)).toEqual({ p1: 0, p2: 1, p3: 0 });
		expect(r.placed.every((p) => p.point)).toBe(true);
	});
	it('never has two overlapping notes in one lane below the cap', () => {
		const notes = Array.from({ length: 200 }, (_, i) => ({
			id: String(i),
			atMs: (i * 7919) % 600_000,
			endMs: i % 3 ? null : ((i * 7919) % 600_000) + 20_000
		}));
		const { placed } = layoutNotes(notes, 1000, 100);
		const byLane = new Map<number, typeof placed>();
		for (const p of placed) byLane.set(p.lane, [...(byLane.get(p.lane) ?? []), p]);
		for (const lane of byLane.values()) {
			lane.sort((a, b) => a.startMs - b.startMs);
			for (let i = 1; i < lane.length; i++) {
				const prev = lane[i - 1];
				expect(Math.max(prev.endMs, prev.startMs + 1000)).toBeLessThanOrEqual(lane[i].startMs);
			}
		}
	});
	it('shares the last lane past the cap', () => {
		const notes = Array.from({ length: 10 }, (_, i) => ({ id: `${i}`, atMs: 0, endMs: 1000 }));
		const r = layoutNotes(notes, 10, 4);
		expect(r.lanes).toBe(4);
		expect(Math.max(...r.placed.map((p) => p.lane))).toBe(3);
	});
});
