import type { Tx } from '../db/transaction';
import type { CommentStatus } from '$lib/realtime/events';

/** A stored note, camelCase, with its author's name and current project role joined in. */
export interface CommentRow {
	id: string;
	versionId: string;
	projectId: string;
	songId: string;
	parentId: string | null;
	authorId: string | null;
	authorName: string | null;
	authorRole: string | null;
	body: string;
	atMs: number;
	endMs: number | null;
	status: CommentStatus;
	addressedInVersionId: string | null;
	briefItemId: string | null;
	clientId: string | null;
	createdAt: string;
	updatedAt: string;
}

function selectComments(db: Tx) {
	return db
		.selectFrom('comment')
		.leftJoin('user', 'user.id', 'comment.author_id')
		.leftJoin('project_member', (j) =>
			j
				.onRef('project_member.project_id', '=', 'comment.project_id')
				.onRef('project_member.user_id', '=', 'comment.author_id')
		)
		.selectAll('comment')
		.select(['user.name as author_name', 'project_member.role as author_role']);
}

type Raw = Awaited<ReturnType<ReturnType<typeof selectComments>['executeTakeFirstOrThrow']>>;

const toComment = (r: Raw): CommentRow => ({
	id: r.id,
	versionId: r.version_id,
	projectId: r.project_id,
	songId: r.song_id,
	parentId: r.parent_id,
	authorId: r.author_id,
	authorName: r.author_name,
	authorRole: r.author_role,
	body: r.body,
	atMs: Number(r.at_ms),
	endMs: r.end_ms === null ? null : Number(r.end_ms),
	status: r.status as CommentStatus,
	addressedInVersionId: r.addressed_in_version_id,
	briefItemId: r.brief_item_id,
	clientId: r.client_id,
	createdAt: r.created_at,
	updatedAt: r.updated_at
});

export async function findComment(db: Tx, id: string): Promise<CommentRow | undefined> {
	const row = await selectComments(db).where('comment.id', '=', id).executeTakeFirst();
	return row && toComment(row);
}

export async function findCommentByClientId(
	db: Tx,
	authorId: string,
	clientId: string
): Promise<CommentRow | undefined> {
	const row = await selectComments(db)
		.where('comment.author_id', '=', authorId)
		.where('comment.client_id', '=', clientId)
		.executeTakeFirst();
	return row && toComment(row);
}

/** Every note and reply of a version, in display order (top level by time, replies by age). */
export async function listVersionComments(db: Tx, versionId: string): Promise<CommentRow[]> {
	const rows = await selectComments(db)
		.where('comment.version_id', '=', versionId)
		.orderBy('comment.at_ms')
		.orderBy('comment.created_at')
		.orderBy('comment.id')
		.execute();
	return rows.map(toComment);
}

/** Replies of the given top-level notes, oldest first. */
export async function listReplies(db: Tx, parentIds: string[]): Promise<CommentRow[]> {
	if (parentIds.length === 0) return [];
	const rows = await selectComments(db)
		.where('comment.parent_id', 'in', parentIds)
		.orderBy('comment.created_at')
		.orderBy('comment.id')
		.execute();
	return rows.map(toComment);
}

/** Open top-level notes on versions of a song numbered below `beforeNumber`, oldest version first. */
export async function listOpenEarlierNotes(
	db: Tx,
	songId: string,
	beforeNumber: number
): Promise<CommentRow[]> {
	const rows = await selectComments(db)
		.innerJoin('version', 'version.id', 'comment.version_id')
		.where('comment.song_id', '=', songId)
		.where('comment.status', '=', 'open')
		.where('comment.parent_id', 'is', null)
		.where('version.number', '<', beforeNumber)
		.orderBy('version.number')
		.orderBy('comment.at_ms')
		.orderBy('comment.created_at')
		.execute();
	return rows.map(toComment);
}

/**
 * Top-level notes of earlier versions that `versionId` addressed and that nobody reopened since
 * (reopening clears the link), with their version's number; oldest version first.
 */
export async function listAddressedInVersion(
	db: Tx,
	versionId: string
): Promise<(CommentRow & { versionNumber: number })[]> {
	const rows = await selectComments(db)
		.innerJoin('version', 'version.id', 'comment.version_id')
		.select('version.number as version_number')
		.where('comment.addressed_in_version_id', '=', versionId)
		.where('comment.status', 'in', ['addressed', 'resolved'])
		.where('comment.parent_id', 'is', null)
		.orderBy('version.number')
		.orderBy('comment.at_ms')
		.orderBy('comment.created_at')
		.execute();
	return rows.map((r) => ({ ...toComment(r), versionNumber: Number(r.version_number) }));
}

export async function insertComment(
	db: Tx,
	row: Omit<
		CommentRow,
		'authorName' | 'authorRole' | 'status' | 'addressedInVersionId' | 'updatedAt'
	>
): Promise<void> {
	await db
		.insertInto('comment')
		.values({
			id: row.id,
			version_id: row.versionId,
			project_id: row.projectId,
			song_id: row.songId,
			parent_id: row.parentId,
			author_id: row.authorId,
			body: row.body,
			at_ms: row.atMs,
			end_ms: row.endMs,
			brief_item_id: row.briefItemId,
			client_id: row.clientId,
			created_at: row.createdAt,
			updated_at: row.createdAt
		})
		.execute();
}

export async function updateComment(
	db: Tx,
	id: string,
	patch: {
		body?: string;
		status?: CommentStatus;
		addressedInVersionId?: string | null;
		briefItemId?: string | null;
		updatedAt: string;
	}
): Promise<void> {
	await db
		.updateTable('comment')
		.set({
			...(patch.body !== undefined && { body: patch.body }),
			...(patch.status !== undefined && { status: patch.status }),
			...(patch.addressedInVersionId !== undefined && {
				addressed_in_version_id: patch.addressedInVersionId
			}),
			...(patch.briefItemId !== undefined && { brief_item_id: patch.briefItemId }),
			updated_at: patch.updatedAt
		})
		.where('id', '=', id)
		.execute();
}

/** Deletes a note and its replies (explicitly, not only by cascade: foreign keys may be off). */
export async function deleteCommentTree(db: Tx, id: string): Promise<void> {
	await db.deleteFrom('comment').where('parent_id', '=', id).execute();
	await db.deleteFrom('comment').where('id', '=', id).execute();
}
