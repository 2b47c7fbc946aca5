import type { Comment } from '$lib/realtime/events';
import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { nowIso } from '../db/ids';
import { writeTransaction } from '../db/transaction';
import { AppError, badRequest } from '../http/errors';
import { appendLog } from '../log/log.service';
import { publishVersionEvent } from '../realtime/emitter';
import { findVersionRef, requireVersionRole } from '../versions/version-access';
import { nestComments } from './comment.dto';
import {
	findComment,
	listAddressedInVersion,
	listOpenEarlierNotes,
	listReplies,
	updateComment as updateCommentRow
} from './comment.repository';
import { clock, loadComment } from './comment.service';

/*
 * Notes across versions: what a new version may address, what it did address, and marking them.
 * Kept apart from comment.service (one version's notes) so each module stays small.
 */

/** Open notes on earlier versions of the same song: what this version may address. */
export async function listOpenNotes(db: Db, user: User, versionId: string): Promise<Comment[]> {
	const { version } = await requireVersionRole(db, user, versionId, 'read');
	const notes = await listOpenEarlierNotes(db, version.songId, version.number);
	return nestComments(
		notes,
		await listReplies(
			db,
			notes.map((n) => n.id)
		)
	);
}

/**
 * Notes of earlier versions that this version addresses (still `addressed`, or `resolved` since),
 * each with its replies and its version's number: "this version addresses …".
 */
export async function listAddressedNotes(
	db: Db,
	user: User,
	versionId: string
): Promise<(Comment & { versionNumber: number })[]> {
	await requireVersionRole(db, user, versionId, 'read');
	const notes = await listAddressedInVersion(db, versionId);
	const nested = nestComments(
		notes,
		await listReplies(
			db,
			notes.map((n) => n.id)
		)
	);
	return nested.map((c, i) => ({ ...c, versionNumber: notes[i].versionNumber }));
}

/**
 * `PATCH /versions/:id {addresses}`: marks open notes on earlier versions of the same song as
 * addressed by this version (owners and engineers). Already addressed by this version → no-op.
 * For the versions route to call; the notes' own rooms hear `comment:updated`.
 */
export async function markAddressed(
	db: Db,
	user: User,
	versionId: string,
	commentIds: string[]
): Promise<Comment[]> {
	const updated = await writeTransaction(db, async (tx) => {
		const { version } = await requireVersionRole(tx, user, versionId, 'addressNotes');
		const out: Comment[] = [];
		for (const id of new Set(commentIds)) {
			const c = await findComment(tx, id);
			if (!c || c.projectId !== version.projectId) {
				throw badRequest(`There is no note ${id} in this project.`, 'unknown_comment');
			}
			if (c.status === 'addressed' && c.addressedInVersionId === versionId) continue;
			const noteVersion = await findVersionRef(tx, c.versionId);
			if (c.songId !== version.songId || !noteVersion || noteVersion.number >= version.number) {
				throw notAddressable('A version can only address notes on earlier versions of its song.');
			}
			if (c.parentId) throw notAddressable('Address the note, not a reply to it.');
			if (c.status !== 'open') throw notAddressable('Only open notes can be addressed.');
			await updateCommentRow(tx, c.id, {
				status: 'addressed',
				addressedInVersionId: versionId,
				updatedAt: nowIso()
			});
			await appendLog(tx, {
				projectId: c.projectId,
				type: 'comment.addressed',
				actorId: user.id,
				songId: c.songId,
				versionId,
				commentId: c.id,
				summary: `${user.name} marked the v${noteVersion.number} note at ${clock(c.atMs)} as addressed in v${version.number}`
			});
			out.push(await loadComment(tx, c.id));
		}
		return out;
	});
	for (const c of updated) publishVersionEvent(c.versionId, 'comment:updated', c);
	return updated;
}

const notAddressable = (message: string) => new AppError(400, 'not_addressable', message);
