import type { User } from '../auth/user.repository';
import type { Tx } from '../db/transaction';
import { notFound } from '../http/errors';
import { requireRole, type Access } from '../projects/access';
import type { Permission } from '../projects/roles';

/** The few facts about a version that comments and the socket layer need (no analysis fields). */
export interface VersionRef {
	id: string;
	songId: string;
	projectId: string;
	number: number;
	status: string;
	durationMs: number | null;
}

export async function findVersionRef(db: Tx, id: string): Promise<VersionRef | undefined> {
	const row = await db
		.selectFrom('version')
		.select(['id', 'song_id', 'project_id', 'number', 'status', 'format'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) return undefined;
	let durationMs: number | null = null;
	try {
		const format = row.format ? (JSON.parse(row.format) as { durationMs?: unknown }) : null;
		if (typeof format?.durationMs === 'number') durationMs = format.durationMs;
	} catch {
		durationMs = null;
	}
	return {
		id: row.id,
		songId: row.song_id,
		projectId: row.project_id,
		number: row.number,
		status: row.status,
		durationMs
	};
}

/**
 * requireRole for a version: 404 when it does not exist or sits in a project the user is not in.
 * Used by the comments HTTP API and by `version:join` on the socket alike.
 */
export async function requireVersionRole(
	db: Tx,
	user: Pick<User, 'id'>,
	versionId: string,
	permission: Permission
): Promise<{ version: VersionRef; access: Access }> {
	const version = await findVersionRef(db, versionId);
	if (!version) throw notFound('That version');
	const access = await requireRole(db, version.projectId, user, permission, 'That version');
	return { version, access };
}
