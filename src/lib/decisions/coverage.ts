/** "Against the brief": each key element with the notes tied to it, and their states. */
export interface CoverageNote {
	id: string;
	body: string;
	atMs: number;
	status: string;
	briefItemId: string | null;
	author: { name: string };
}

export interface CoverageRow<N extends CoverageNote> {
	element: { id: string; text: string } | null;
	notes: N[];
	open: number;
	done: number;
}

/**
 * One row per key element (in the brief's order) with its notes in time order, then a row with
 * `element: null` for notes tied to no element (or to one the brief no longer has).
 */
export function briefCoverage<N extends CoverageNote>(
	keyElements: { id: string; text: string }[],
	notes: N[]
): CoverageRow<N>[] {
	const ids = new Set(keyElements.map((k) => k.id));
	const row = (element: CoverageRow<N>['element'], list: N[]): CoverageRow<N> => {
		const sorted = [...list].sort((a, b) => a.atMs - b.atMs);
		const open = sorted.filter((n) => n.status === 'open').length;
		return { element, notes: sorted, open, done: sorted.length - open };
	};
	const rows = keyElements.map((k) =>
		row(
			k,
			notes.filter((n) => n.briefItemId === k.id)
		)
	);
	const loose = notes.filter((n) => !n.briefItemId || !ids.has(n.briefItemId));
	return loose.length ? [...rows, row(null, loose)] : rows;
}
