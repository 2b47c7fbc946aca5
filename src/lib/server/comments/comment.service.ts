import type { Comment } from '$lib/realtime/events';
import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { newId, nowIso } from '../db/ids';
import { writeTransaction, type Tx } from '../db/transaction';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { appendLog } from '../log/log.service';
import { requireRole } from '../projects/access';
import { getLatestBrief } from '../projects/brief.repository';
import { publishVersionEvent } from '../realtime/emitter';
import { requireVersionRole } from '../versions/version-access';
import { nestComments, toCommentDto } from './comment.dto';
import {
	deleteCommentTree,
	findComment,
	findCommentByClientId,
	insertComment,
	listReplies,
	listVersionComments,
	updateComment as updateCommentRow,
	type CommentRow
} from './comment.repository';
import type { CreateCommentInput, UpdateCommentInput } from './comment.schemas';

export const clock = (ms: number) => {
	const s = Math.floor(ms / 1000);
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
const excerpt = (body: string) => (body.length > 80 ? `${body.slice(0, 77)}…` : body);

export async function loadComment(tx: Tx, id: string): Promise<Comment> {
	const row = (await findComment(tx, id))!;
	return toCommentDto(row, row.parentId ? [] : await listReplies(tx, [row.id]));
}

const isUniqueViolation = (e: unknown) =>
	e instanceof Error &&
	/unique|duplicate key/i.test(`${e.message} ${String((e as { code?: unknown }).code)}`);

/**
 * Adds a note or a reply. With a clientId the call is idempotent per author: a resend (say, after the
 * connection dropped before the answer arrived) returns the stored note and announces nothing new.
 */
export async function createComment(
	db: Db,
	user: User,
	versionId: string,
	input: CreateCommentInput
): Promise<{ comment: Comment; created: boolean }> {
	let result: { comment: Comment; created: boolean };
	try {
		result = await writeTransaction(db, (tx) => insertNote(tx, user, versionId, input));
	} catch (e) {
		// Two concurrent resends on PostgreSQL: the unique index (author, client id) let one in.
		if (!input.clientId || !isUniqueViolation(e)) throw e;
		result = await writeTransaction(db, (tx) => insertNote(tx, user, versionId, input));
	}
	if (result.created) publishVersionEvent(versionId, 'comment:created', result.comment);
	return result;
}

async function insertNote(tx: Tx, user: User, versionId: string, input: CreateCommentInput) {
	const { version } = await requireVersionRole(tx, user, versionId, 'comment');
	if (input.clientId) {
		const existing = await findCommentByClientId(tx, user.id, input.clientId);
		if (existing && existing.versionId !== versionId) {
			throw conflict('client_id_reused', 'That clientId already belongs to another note.');
		}
		if (existing) return { comment: await loadComment(tx, existing.id), created: false };
	}
	let atMs = input.atMs ?? 0;
	let endMs = input.endMs ?? null;
	if (input.parentId) {
		const parent = await findComment(tx, input.parentId);
		if (!parent || parent.versionId !== versionId) {
			throw badRequest('parentId must be a note on this version.', 'invalid_parent');
		}
		if (parent.parentId) {
			throw badRequest('Reply to the note itself, not to a reply.', 'invalid_parent');
		}
		// A reply belongs to its note's moment in the song.
		atMs = parent.atMs;
		endMs = parent.endMs;
	}
	const end = version.durationMs;
	if (end !== null && (atMs > end || (endMs !== null && endMs > end))) {
		throw badRequest(`The note must sit within the song (0–${end} ms).`, 'out_of_range');
	}
	if (input.briefItemId) await requireBriefItem(tx, version.projectId, input.briefItemId);
	const id = newId();
	await insertComment(tx, {
		id,
		versionId,
		projectId: version.projectId,
		songId: version.songId,
		parentId: input.parentId ?? null,
		authorId: user.id,
		body: input.body,
		atMs,
		endMs,
		briefItemId: input.briefItemId ?? null,
		clientId: input.clientId ?? null,
		createdAt: nowIso()
	});
	await appendLog(tx, {
		projectId: version.projectId,
		type: 'comment.created',
		actorId: user.id,
		songId: version.songId,
		versionId,
		commentId: id,
		summary: `${user.name} ${input.parentId ? 'replied' : 'commented'} at ${clock(atMs)} on v${version.number}: “${excerpt(input.body)}”`
	});
	return { comment: await loadComment(tx, id), created: true };
}

/** A version's notes by time, each with its replies (oldest first). */
export async function listComments(db: Db, user: User, versionId: string): Promise<Comment[]> {
	await requireVersionRole(db, user, versionId, 'read');
	const rows = await listVersionComments(db, versionId);
	return nestComments(
		rows.filter((r) => !r.parentId),
		rows.filter((r) => r.parentId).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
	);
}

/** A note links only to a key element of the project's current brief, not a dropped one. */
async function requireBriefItem(tx: Tx, projectId: string, briefItemId: string) {
	const brief = await getLatestBrief(tx, projectId);
	if (!brief.keyElements.some((k) => k.id === briefItemId)) {
		throw badRequest(
			'briefItemId is not a key element of the current brief.',
			'unknown_brief_item'
		);
	}
}

async function requireComment(tx: Tx, id: string): Promise<CommentRow> {
	const comment = await findComment(tx, id);
	if (!comment) throw notFound('That note');
	return comment;
}

/**
 * Edits the body (author only); resolves or reopens, and links the note to a brief key element or
 * unlinks it (anyone who may comment: tagging is triage, like resolving).
 */
export async function updateComment(
	db: Db,
	user: User,
	commentId: string,
	input: UpdateCommentInput
): Promise<Comment> {
	const { comment, changed } = await writeTransaction(db, async (tx) => {
		const c = await requireComment(tx, commentId);
		await requireRole(tx, c.projectId, user, 'comment', 'That note');
		if (input.body !== undefined && c.authorId !== user.id) {
			throw forbidden('Only the author can edit a note. Reply to it instead.');
		}
		const body = input.body !== undefined && input.body !== c.body ? input.body : undefined;
		const status =
			input.status !== undefined && input.status !== c.status ? input.status : undefined;
		const briefItemId =
			input.briefItemId !== undefined && input.briefItemId !== c.briefItemId
				? input.briefItemId
				: undefined;
		if (briefItemId) await requireBriefItem(tx, c.projectId, briefItemId);
		if (body === undefined && status === undefined && briefItemId === undefined) {
			return { comment: await loadComment(tx, c.id), changed: false };
		}
		await updateCommentRow(tx, c.id, {
			body,
			status,
			briefItemId,
			// Reopening a note that a later version addressed means it was not addressed after all.
			...(status === 'open' && { addressedInVersionId: null }),
			updatedAt: nowIso()
		});
		if (status) {
			await appendLog(tx, {
				projectId: c.projectId,
				type: status === 'resolved' ? 'comment.resolved' : 'comment.reopened',
				actorId: user.id,
				songId: c.songId,
				versionId: c.versionId,
				commentId: c.id,
				summary: `${user.name} ${status === 'resolved' ? 'resolved' : 'reopened'} the note at ${clock(c.atMs)}: “${excerpt(c.body)}”`
			});
		}
		return { comment: await loadComment(tx, c.id), changed: true };
	});
	if (changed) publishVersionEvent(comment.versionId, 'comment:updated', comment);
	return comment;
}

/**
 * Deletes a note (author, or a project owner). Replies go with their note: a reply makes no sense
 * without it, and a hard delete keeps a "(deleted)" placeholder from cluttering the timeline.
 */
export async function deleteComment(db: Db, user: User, commentId: string): Promise<void> {
	const c = await writeTransaction(db, async (tx) => {
		const c = await requireComment(tx, commentId);
		const access = await requireRole(tx, c.projectId, user, 'read', 'That note');
		if (c.authorId !== user.id && access.role !== 'owner') {
			throw forbidden('Only the author or a project owner can delete a note.');
		}
		await deleteCommentTree(tx, c.id);
		await appendLog(tx, {
			projectId: c.projectId,
			type: 'comment.deleted',
			actorId: user.id,
			songId: c.songId,
			versionId: c.versionId,
			commentId: c.id,
			summary: `${user.name} deleted the note at ${clock(c.atMs)}: “${excerpt(c.body)}”`
		});
		return c;
	});
	publishVersionEvent(c.versionId, 'comment:deleted', { id: c.id, versionId: c.versionId });
}
