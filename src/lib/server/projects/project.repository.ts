import type { Tx } from '../db/transaction';

export interface ProjectRow {
	id: string;
	title: string;
	artist: string | null;
	createdAt: string;
	downloadRoles: string[];
	approverRole: string;
}

type Raw = {
	id: string;
	title: string;
	artist: string | null;
	created_at: string;
	download_roles: string;
	approver_role: string;
};

const toProject = (r: Raw): ProjectRow => ({
	id: r.id,
	title: r.title,
	artist: r.artist,
	createdAt: r.created_at,
	downloadRoles: r.download_roles.split(',').filter(Boolean),
	approverRole: r.approver_role
});

export async function insertProject(
	db: Tx,
	row: { id: string; title: string; artist: string | null; createdBy: string; createdAt: string }
) {
	await db
		.insertInto('project')
		.values({
			id: row.id,
			title: row.title,
			artist: row.artist,
			created_by: row.createdBy,
			created_at: row.createdAt
		})
		.execute();
}

export async function findProject(db: Tx, id: string): Promise<ProjectRow | undefined> {
	const row = await db.selectFrom('project').selectAll().where('id', '=', id).executeTakeFirst();
	return row && toProject(row);
}

export async function listProjectsForUser(db: Tx, userId: string) {
	const rows = await db
		.selectFrom('project')
		.innerJoin('project_member', 'project_member.project_id', 'project.id')
		.selectAll('project')
		.select([
			'project_member.role as my_role',
			(eb) =>
				eb
					.selectFrom('song')
					.select((e) => e.fn.countAll<number>().as('n'))
					.whereRef('song.project_id', '=', 'project.id')
					.as('song_count')
		])
		.where('project_member.user_id', '=', userId)
		.orderBy('project.created_at', 'desc')
		.execute();
	return rows.map((r) => ({ ...toProject(r), myRole: r.my_role, songCount: Number(r.song_count) }));
}

export async function updateProjectSettings(
	db: Tx,
	id: string,
	patch: { title?: string; artist?: string | null; downloadRoles?: string[]; approverRole?: string }
) {
	await db
		.updateTable('project')
		.set({
			...(patch.title !== undefined && { title: patch.title }),
			...(patch.artist !== undefined && { artist: patch.artist }),
			...(patch.downloadRoles && { download_roles: patch.downloadRoles.join(',') }),
			...(patch.approverRole && { approver_role: patch.approverRole })
		})
		.where('id', '=', id)
		.execute();
}
