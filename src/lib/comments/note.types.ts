import type { Comment, CommentStatus } from '$lib/realtime/events';

/** The contract's `comment` (../shared/API.md, Comments): one type for HTTP and the socket. */
export type Note = Comment;
export type NoteStatus = CommentStatus;

/** A note of an earlier version that a later one addresses (`GET …/addressed-notes`). */
export type AddressedNote = Note & { versionNumber: number };

export interface NewNote {
	body: string;
	atMs: number;
	endMs?: number | null;
	parentId?: string | null;
	briefItemId?: string | null;
}
