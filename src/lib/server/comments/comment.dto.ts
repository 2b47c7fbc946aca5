import type { Comment } from '$lib/realtime/events';
import type { CommentRow } from './comment.repository';

/** The contract's `comment` shape; the same object goes out over HTTP and over the socket. */
export function toCommentDto(row: CommentRow, replies: CommentRow[] = []): Comment {
	return {
		id: row.id,
		versionId: row.versionId,
		parentId: row.parentId,
		author: {
			id: row.authorId,
			name: row.authorName ?? 'Former member',
			role: row.authorRole
		},
		body: row.body,
		atMs: row.atMs,
		endMs: row.endMs,
		status: row.status,
		addressedInVersionId: row.addressedInVersionId,
		briefItemId: row.briefItemId,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		replies: replies.map((r) => toCommentDto(r))
	};
}

/** Nests replies under their parents; top-level order and reply order are kept as given. */
export function nestComments(topLevel: CommentRow[], replies: CommentRow[]): Comment[] {
	const byParent = new Map<string, CommentRow[]>();
	for (const r of replies) {
		if (!r.parentId) continue;
		const list = byParent.get(r.parentId) ?? [];
		list.push(r);
		byParent.set(r.parentId, list);
	}
	return topLevel.map((c) => toCommentDto(c, byParent.get(c.id) ?? []));
}
