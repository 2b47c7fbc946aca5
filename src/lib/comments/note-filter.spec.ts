import { describe, expect, it } from 'vitest';
import { ALL_NOTES, filterNotes, removeNote, upsertNote } from './note-filter';
import type { Note } from './note.types';

const note = (id: string, over: Partial<Note> = {}): Note => ({
	id,
	versionId: 'v',
	parentId: null,
	author: { id: 'u1', name: 'Una', role: 'artist' },
	body: id,
	atMs: 0,
	endMs: null,
	status: 'open',
	addressedInVersionId: null,
	briefItemId: null,
	createdAt: '2026-01-01T00:00:00Z',
	updatedAt: '2026-01-01T00:00:00Z',
	replies: [],
	...over
});

describe('filterNotes', () => {
	const notes = [
		note('a', { status: 'open', briefItemId: 'k1' }),
		note('b', { status: 'resolved', author: { id: 'u2', name: 'Ed', role: 'engineer' } }),
		note('c', { status: 'addressed', author: { id: 'u2', name: 'Ed', role: 'engineer' } })
	];
	const ids = (f: Parameters<typeof filterNotes>[1], me: string | null = 'u1') =>
		filterNotes(notes, f, me).map((n) => n.id);
	it('filters by status, author and brief item', () => {
		expect(ids(ALL_NOTES)).toEqual(['a', 'b', 'c']);
		expect(ids({ ...ALL_NOTES, status: 'open' })).toEqual(['a', 'c']);
		expect(ids({ ...ALL_NOTES, status: 'resolved' })).toEqual(['b']);
		expect(ids({ ...ALL_NOTES, mine: true })).toEqual(['a']);
		expect(ids({ ...ALL_NOTES, mine: true }, null)).toEqual([]);
		expect(ids({ ...ALL_NOTES, briefItemId: 'k1' })).toEqual(['a']);
	});
});

describe('upsertNote / removeNote', () => {
	it('keeps notes in time order and replies under their parent', () => {
		let list = [note('a', { atMs: 5000 })];
		list = upsertNote(list, note('b', { atMs: 1000 }));
		expect(list.map((n) => n.id)).toEqual(['b', 'a']);
		list = upsertNote(list, note('r', { parentId: 'a', atMs: 5000 }));
		expect(list[1].replies.map((r) => r.id)).toEqual(['r']);
		list = upsertNote(list, note('r', { parentId: 'a', body: 'edited' }));
		expect(list[1].replies).toHaveLength(1);
		expect(list[1].replies[0].body).toBe('edited');
		// an update without replies keeps the ones we have
		list = upsertNote(list, note('a', { atMs: 5000, status: 'resolved' }));
		expect(list[1].status).toBe('resolved');
		expect(list[1].replies).toHaveLength(1);
		list = removeNote(list, 'r');
		expect(list[1].replies).toHaveLength(0);
		list = removeNote(list, 'b');
		expect(list.map((n) => n.id)).toEqual(['a']);
	});
	it('is idempotent: the socket echo of my own note changes nothing', () => {
		const a = note('a');
		const once = upsertNote([], a);
		expect(upsertNote(once, a)).toEqual(once);
	});
});
