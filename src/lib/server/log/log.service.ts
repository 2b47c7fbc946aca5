import type { Db } from '../db';
import { newId, nowIso } from '../db/ids';
import type { Tx } from '../db/transaction';
import type { User } from '../auth/user.repository';
import { requireRole } from '../projects/access';
import { insertLogEvent, listLogEvents } from './log.repository';

export type LogEventType =
	| 'project.created'
	| 'brief.updated'
	| 'reference.added'
	| 'reference.audio'
	| 'member.added'
	| 'member.role_changed'
	| 'member.removed'
	| 'song.created'
	| 'version.uploaded'
	| 'version.ready'
	| 'version.failed'
	| 'comment.created'
	| 'comment.resolved'
	| 'comment.reopened'
	| 'comment.addressed'
	| 'comment.deleted'
	| 'decision.recorded'
	| 'version.approved'
	| 'version.reopened'
	| 'delivery.created'
	| 'delivery.decided';

/** Appends to the revision log inside the caller's transaction, so the log and the change agree. */
export async function appendLog(
	tx: Tx,
	event: {
		projectId: string;
		type: LogEventType;
		actorId: string | null;
		summary: string;
		songId?: string | null;
		versionId?: string | null;
		commentId?: string | null;
		data?: unknown;
	}
): Promise<void> {
	await insertLogEvent(tx, { id: newId(), at: nowIso(), ...event });
}

export async function getProjectLog(
	db: Db,
	user: User,
	projectId: string,
	filter: { songId?: string; actorId?: string; types?: string[]; limit?: number; before?: number }
) {
	await requireRole(db, projectId, user, 'read');
	const rows = await listLogEvents(db, projectId, { ...filter, limit: filter.limit ?? 200 });
	return rows.map(({ seq, projectId: _p, ...e }) => ({ ...e, cursor: seq }));
}
