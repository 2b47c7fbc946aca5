import type { Tx } from '../db/transaction';

export interface LogEventRow {
	id: string;
	projectId: string;
	type: string;
	at: string;
	actor: { id: string; name: string } | null;
	songId: string | null;
	versionId: string | null;
	commentId: string | null;
	summary: string;
	data: unknown;
}

export async function insertLogEvent(
	db: Tx,
	row: {
		id: string;
		projectId: string;
		type: string;
		at: string;
		actorId: string | null;
		songId?: string | null;
		versionId?: string | null;
		commentId?: string | null;
		summary: string;
		data?: unknown;
	}
): Promise<void> {
	await db
		.insertInto('log_event')
		.values({
			id: row.id,
			project_id: row.projectId,
			type: row.type,
			at: row.at,
			actor_id: row.actorId,
			song_id: row.songId ?? null,
			version_id: row.versionId ?? null,
			comment_id: row.commentId ?? null,
			summary: row.summary,
			data: row.data === undefined ? null : JSON.stringify(row.data)
		})
		.execute();
}

export async function listLogEvents(
	db: Tx,
	projectId: string,
	filter: { songId?: string; actorId?: string; types?: string[]; limit: number; before?: number }
): Promise<(LogEventRow & { seq: number })[]> {
	let q = db
		.selectFrom('log_event')
		.leftJoin('user', 'user.id', 'log_event.actor_id')
		.selectAll('log_event')
		.select('user.name as actor_name')
		.where('log_event.project_id', '=', projectId);
	if (filter.songId) q = q.where('log_event.song_id', '=', filter.songId);
	if (filter.actorId) q = q.where('log_event.actor_id', '=', filter.actorId);
	if (filter.types?.length) q = q.where('log_event.type', 'in', filter.types);
	if (filter.before) q = q.where('log_event.seq', '<', filter.before);
	const rows = await q.orderBy('log_event.seq', 'desc').limit(filter.limit).execute();
	return rows.map((r) => ({
		seq: Number(r.seq),
		id: r.id,
		projectId: r.project_id,
		type: r.type,
		at: r.at,
		actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? 'Former member' } : null,
		songId: r.song_id,
		versionId: r.version_id,
		commentId: r.comment_id,
		summary: r.summary,
		data: r.data ? JSON.parse(r.data) : null
	}));
}
