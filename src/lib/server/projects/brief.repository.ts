import type { Tx } from '../db/transaction';

export interface KeyElement {
	id: string;
	text: string;
}

export interface Brief {
	revision: number;
	vision: string;
	tone: string;
	notes: string;
	keyElements: KeyElement[];
	revisionRounds: number | null;
	updatedAt: string | null;
	updatedBy: { id: string; name: string } | null;
}

export const emptyBrief = (): Brief => ({
	revision: 0,
	vision: '',
	tone: '',
	notes: '',
	keyElements: [],
	revisionRounds: null,
	updatedAt: null,
	updatedBy: null
});

function selectRevisions(db: Tx, projectId: string) {
	return db
		.selectFrom('brief_revision')
		.leftJoin('user', 'user.id', 'brief_revision.author_id')
		.selectAll('brief_revision')
		.select('user.name as author_name')
		.where('brief_revision.project_id', '=', projectId)
		.orderBy('brief_revision.revision', 'desc');
}

type Row = Awaited<ReturnType<ReturnType<typeof selectRevisions>['executeTakeFirstOrThrow']>>;

const toBrief = (r: Row): Brief => ({
	revision: r.revision,
	vision: r.vision,
	tone: r.tone,
	notes: r.notes,
	keyElements: JSON.parse(r.key_elements) as KeyElement[],
	revisionRounds: r.revision_rounds,
	updatedAt: r.created_at,
	updatedBy: r.author_id ? { id: r.author_id, name: r.author_name ?? 'Former member' } : null
});

export async function getLatestBrief(db: Tx, projectId: string): Promise<Brief> {
	const row = await selectRevisions(db, projectId).limit(1).executeTakeFirst();
	return row ? toBrief(row) : emptyBrief();
}

export async function listBriefRevisions(db: Tx, projectId: string): Promise<Brief[]> {
	return (await selectRevisions(db, projectId).execute()).map(toBrief);
}

export async function insertBriefRevision(
	db: Tx,
	row: { id: string; projectId: string; authorId: string; createdAt: string } & Omit<
		Brief,
		'updatedAt' | 'updatedBy'
	>
): Promise<void> {
	await db
		.insertInto('brief_revision')
		.values({
			id: row.id,
			project_id: row.projectId,
			revision: row.revision,
			vision: row.vision,
			tone: row.tone,
			notes: row.notes,
			key_elements: JSON.stringify(row.keyElements),
			revision_rounds: row.revisionRounds,
			author_id: row.authorId,
			created_at: row.createdAt
		})
		.execute();
}
