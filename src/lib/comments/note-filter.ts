import type { Note } from './note.types';

export interface NoteFilter {
	/** "open" includes notes a later version addressed until their author resolves or reopens them. */
	status: 'all' | 'open' | 'resolved';
	mine: boolean;
	/** A brief key element's id, or null for any. */
	briefItemId: string | null;
}

export const ALL_NOTES: NoteFilter = { status: 'all', mine: false, briefItemId: null };

export function matchesFilter(n: Note, f: NoteFilter, meId: string | null): boolean {
	if (f.status === 'open' && n.status === 'resolved') return false;
	if (f.status === 'resolved' && n.status !== 'resolved') return false;
	if (f.mine && (!meId || n.author.id !== meId)) return false;
	if (f.briefItemId && n.briefItemId !== f.briefItemId) return false;
	return true;
}

export const filterNotes = (notes: readonly Note[], f: NoteFilter, meId: string | null) =>
	notes.filter((n) => matchesFilter(n, f, meId));

/** By time in the song; ties by when they were written. */
export const byTime = (a: Note, b: Note) =>
	a.atMs - b.atMs || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** Inserts or replaces a note (or a reply, under its parent) without touching the others. */
export function upsertNote(notes: readonly Note[], c: Note): Note[] {
	if (c.parentId) {
		return notes.map((n) => {
			if (n.id !== c.parentId) return n;
			const i = n.replies.findIndex((r) => r.id === c.id);
			const replies = i === -1 ? [...n.replies, c] : n.replies.with(i, c);
			return { ...n, replies };
		});
	}
	const i = notes.findIndex((n) => n.id === c.id);
	if (i === -1) return [...notes, c].sort(byTime);
	// An update carries the note's replies; keep ours if it came without them (a bare event).
	const merged = { ...c, replies: c.replies?.length ? c.replies : notes[i].replies };
	return notes[i].atMs === c.atMs ? notes.with(i, merged) : notes.with(i, merged).sort(byTime);
}

export function removeNote(notes: readonly Note[], id: string): Note[] {
	const top = notes.filter((n) => n.id !== id);
	if (top.length !== notes.length) return top;
	return notes.map((n) =>
		n.replies.some((r) => r.id === id) ? { ...n, replies: n.replies.filter((r) => r.id !== id) } : n
	);
}
