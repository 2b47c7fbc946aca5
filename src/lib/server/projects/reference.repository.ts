import type { Tx } from '../db/transaction';

export interface Reference {
	id: string;
	projectId: string;
	title: string;
	artist: string | null;
	url: string | null;
	notes: string | null;
	createdAt: string;
}

type Raw = {
	id: string;
	project_id: string;
	title: string;
	artist: string | null;
	url: string | null;
	notes: string | null;
	created_at: string;
};

export const toReference = (r: Raw): Reference => ({
	id: r.id,
	projectId: r.project_id,
	title: r.title,
	artist: r.artist,
	url: r.url,
	notes: r.notes,
	createdAt: r.created_at
});

export async function listReferences(db: Tx, projectId: string): Promise<Reference[]> {
	const rows = await db
		.selectFrom('reference')
		.selectAll()
		.where('project_id', '=', projectId)
		.orderBy('created_at')
		.execute();
	return rows.map(toReference);
}

export async function findReference(db: Tx, id: string): Promise<Reference | undefined> {
	const row = await db.selectFrom('reference').selectAll().where('id', '=', id).executeTakeFirst();
	return row && toReference(row);
}

export async function insertReference(
	db: Tx,
	row: Reference & { createdBy: string }
): Promise<void> {
	await db
		.insertInto('reference')
		.values({
			id: row.id,
			project_id: row.projectId,
			title: row.title,
			artist: row.artist,
			url: row.url,
			notes: row.notes,
			created_by: row.createdBy,
			created_at: row.createdAt
		})
		.execute();
}
