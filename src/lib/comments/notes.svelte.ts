import { apiFetch } from './api.client';
import { removeNote, upsertNote } from './note-filter';
import type { NewNote, Note, NoteStatus } from './note.types';

/**
 * A version's notes, kept in time order. Writes go to the API and the answer is applied at once;
 * the same note arriving again over the socket (`comment:created` / `updated` / `deleted`) is
 * applied idempotently, so other people's notes appear live and our own appear once.
 */
export class NotesStore {
	#versionId: string;
	#notes = $state.raw<Note[]>([]);

	constructor(versionId: string, initial: Note[]) {
		this.#versionId = versionId;
		this.#notes = initial;
	}

	get versionId() {
		return this.#versionId;
	}
	get notes() {
		return this.#notes;
	}

	/** Another version's notes (client navigation between versions reuses the store). */
	reset(versionId: string, initial: Note[]) {
		this.#versionId = versionId;
		this.#notes = initial;
	}

	find(id: string): Note | undefined {
		for (const n of this.#notes) {
			if (n.id === id) return n;
			const r = n.replies.find((x) => x.id === id);
			if (r) return r;
		}
	}

	/** A created or updated note from anywhere (socket or HTTP answer). */
	apply(c: Note) {
		if (c.versionId !== this.#versionId) return;
		this.#notes = upsertNote(this.#notes, c);
	}

	applyDeleted(e: { id: string; versionId: string }) {
		if (e.versionId === this.#versionId) this.#notes = removeNote(this.#notes, e.id);
	}

	async create(input: NewNote): Promise<Note> {
		const { comment } = await apiFetch<{ comment: Note }>(
			`/api/v1/versions/${this.#versionId}/comments`,
			{ method: 'POST', body: { ...input, clientId: clientId() } }
		);
		this.apply(comment);
		return comment;
	}

	async edit(id: string, body: string) {
		return this.#patch(id, { body });
	}

	async setStatus(id: string, status: Exclude<NoteStatus, 'addressed'>) {
		return this.#patch(id, { status });
	}

	/** Links a note to a key element of the brief, or unlinks it (null). */
	async setBrief(id: string, briefItemId: string | null) {
		return this.#patch(id, { briefItemId });
	}

	async remove(id: string) {
		await apiFetch(`/api/v1/comments/${id}`, { method: 'DELETE' });
		this.applyDeleted({ id, versionId: this.#versionId });
	}

	async #patch(id: string, body: object) {
		const { comment } = await apiFetch<{ comment: Note }>(`/api/v1/comments/${id}`, {
			method: 'PATCH',
			body
		});
		this.apply(comment);
		return comment;
	}
}

/** One id per note written, so a resend after a dropped connection is stored once. */
const clientId = () =>
	typeof crypto !== 'undefined' && 'randomUUID' in crypto
		? crypto.randomUUID()
		: `${Date.now()}-${Math.random().toString(36).slice(2)}`;
