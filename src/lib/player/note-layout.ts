/**
 * Lays notes out in lanes under the waveform so overlapping ranges (and points that sit close
 * together) each keep a visible, clickable strip: greedy interval partitioning, earliest start first,
 * each note into the first lane that is free by then.
 */

export interface Span {
	id: string;
	atMs: number;
	endMs: number | null;
}

export interface Placed {
	id: string;
	lane: number;
	startMs: number;
	endMs: number;
	/** true for a note on one moment (drawn as a marker), false for a range. */
	point: boolean;
}

/**
 * @param minSpanMs the time a marker occupies on screen (its pixel width at the current scale), so
 *   two points closer than that go to different lanes rather than on top of each other.
 * @param maxLanes beyond this the last lane is shared (still reachable from the notes list).
 */
export function layoutNotes(
	notes: readonly Span[],
	minSpanMs: number,
	maxLanes = 6
): { placed: Placed[]; lanes: number } {
	const items = notes
		.map((n) => {
			const point = n.endMs == null || n.endMs <= n.atMs;
			const end = point ? n.atMs : (n.endMs as number);
			return {
				id: n.id,
				point,
				startMs: n.atMs,
				endMs: end,
				busyUntil: Math.max(end, n.atMs + minSpanMs)
			};
		})
		.sort((a, b) => a.startMs - b.startMs || b.endMs - a.endMs);
	const laneEnds: number[] = [];
	const placed: Placed[] = [];
	for (const it of items) {
		let lane = laneEnds.findIndex((end) => end <= it.startMs);
		if (lane === -1) lane = laneEnds.length < maxLanes ? laneEnds.length : maxLanes - 1;
		laneEnds[lane] = Math.max(laneEnds[lane] ?? 0, it.busyUntil);
		placed.push({ id: it.id, lane, startMs: it.startMs, endMs: it.endMs, point: it.point });
	}
	return { placed, lanes: Math.max(1, laneEnds.length) };
}
