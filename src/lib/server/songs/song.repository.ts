import type { Tx } from '../db/transaction';

export interface SongRow {
	id: string;
	projectId: string;
	title: string;
	position: number;
	createdAt: string;
}

type Raw = { id: string; project_id: string; title: string; position: number; created_at: string };
const toSong = (r: Raw): SongRow => ({
	id: r.id,
	projectId: r.project_id,
	title: r.title,
	position: r.position,
	createdAt: r.created_at
});

export async function listSongs(db: Tx, projectId: string): Promise<SongRow[]> {
	const rows = await db
		.selectFrom('song')
		.selectAll()
		.where('project_id', '=', projectId)
		.orderBy('position')
		.execute();
	return rows.map(toSong);
}

export async function findSong(db: Tx, id: string): Promise<SongRow | undefined> {
	const row = await db.selectFrom('song').selectAll().where('id', '=', id).executeTakeFirst();
	return row && toSong(row);
}

export async function insertSong(db: Tx, row: Omit<SongRow, 'position'>): Promise<SongRow> {
	const last = await db
		.selectFrom('song')
		.select((eb) => eb.fn.max('position').as('p'))
		.where('project_id', '=', row.projectId)
		.executeTakeFirst();
	const position = Number(last?.p ?? 0) + 1;
	await db
		.insertInto('song')
		.values({
			id: row.id,
			project_id: row.projectId,
			title: row.title,
			position,
			created_at: row.createdAt
		})
		.execute();
	return { ...row, position };
}
