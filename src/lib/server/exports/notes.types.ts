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

/** 83250 → "1:23.250"; an hour or more → "1:02:03.004". Exact to the millisecond. */
export function formatTime(ms: number): string {
	const t = Math.max(0, Math.round(ms));
	const h = Math.floor(t / 3_600_000);
	const m = Math.floor((t % 3_600_000) / 60_000);
	const s = Math.floor((t % 60_000) / 1000);
	const rest = `${String(s).padStart(2, '0')}.${String(t % 1000).padStart(3, '0')}`;
	return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** Notes in timeline order (stable for notes at the same moment). */
export const byTime = (notes: ExportNote[]) =>
	notes
		.map((n, i) => ({ n, i }))
		.sort((a, b) => a.n.atMs - b.n.atMs || a.i - b.i)
		.map((x) => x.n);

/** One line of text: newlines and tabs become spaces, runs of spaces collapse. */
export const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
