/** The contract's `comment` (../shared/API.md, Comments), as the review room reads it. */
export type NoteStatus = 'open' | 'addressed' | 'resolved';

export interface Note {
	id: string;
	versionId: string;
	parentId: string | null;
	author: { id: string | null; name: string; role: string | null };
	body: string;
	atMs: number;
	endMs: number | null;
	status: NoteStatus;
	addressedInVersionId: string | null;
	briefItemId: string | null;
	createdAt: string;
	updatedAt: string;
	replies: Note[];
}

export interface NewNote {
	body: string;
	atMs: number;
	endMs?: number | null;
	parentId?: string | null;
	briefItemId?: string | null;
}
