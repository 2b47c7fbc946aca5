/** A note as the exports see it: plain data, so the formats are pure functions of a list. */
export interface ExportNote {
	atMs: number;
	endMs: number | null;
	body: string;
	author: string;
	status: string;
	/** The brief's key element the note is about (its text), if any. */
	briefItem: string | null;
	replies?: { author: string; body: string }[];
}

export { timecode as formatTime } from '$lib/decisions/time';

/** Notes in timeline order (stable for notes at the same moment). */
export const byTime = (notes: ExportNote[]) =>
	notes
		.map((n, i) => ({ n, i }))
		.sort((a, b) => a.n.atMs - b.n.atMs || a.i - b.i)
		.map((x) => x.n);

/** One line of text: newlines and tabs become spaces, runs of spaces collapse. */
export const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
