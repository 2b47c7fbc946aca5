import type { Selectable } from 'kysely';
import type { FinalLockTable } from '../db/schema';
import type { Tx } from '../db/transaction';
import type { CandidateMember, DecisionKind, DecisionRecord, Person } from './approval.rules';

/** The few facts of a version that decisions need (the versions module owns the full record). */
export interface VersionFacts {
	id: string;
	songId: string;
	projectId: string;
	number: number;
	sha256: string;
	status: string;
	createdAt: string;
	songTitle: string;
}

export interface FinalLock {
	id: string;
	versionId: string;
	songId: string;
	projectId: string;
	sha256: string;
	approvedAt: string;
	approvedBy: Person;
	approvals: (Person & { at: string })[];
	throughOrdinal: number;
	releasedAt: string | null;
	releasedBy: string | null;
	releaseReason: string | null;
}

function selectFacts(db: Tx) {
	return db
		.selectFrom('version')
		.innerJoin('song', 'song.id', 'version.song_id')
		.select([
			'version.id',
			'version.song_id',
			'version.project_id',
			'version.number',
			'version.sha256',
			'version.status',
			'version.created_at',
			'song.title as song_title'
		]);
}

type FactsRow = Awaited<ReturnType<ReturnType<typeof selectFacts>['executeTakeFirstOrThrow']>>;
const toFacts = (r: FactsRow): VersionFacts => ({
	id: r.id,
	songId: r.song_id,
	projectId: r.project_id,
	number: Number(r.number),
	sha256: r.sha256,
	status: r.status,
	createdAt: r.created_at,
	songTitle: r.song_title
});

export async function findVersionFacts(db: Tx, versionId: string) {
	const row = await selectFacts(db).where('version.id', '=', versionId).executeTakeFirst();
	return row && toFacts(row);
}

export async function listVersionFacts(db: Tx, ids: string[]): Promise<VersionFacts[]> {
	if (!ids.length) return [];
	return (await selectFacts(db).where('version.id', 'in', ids).execute()).map(toFacts);
}

/** Every version of the given songs, oldest first. */
export async function listSongsVersionFacts(db: Tx, songIds: string[]): Promise<VersionFacts[]> {
	if (!songIds.length) return [];
	const rows = await selectFacts(db)
		.where('version.song_id', 'in', songIds)
		.orderBy('version.number')
		.execute();
	return rows.map(toFacts);
}

export async function listDecisions(db: Tx, versionIds: string[]): Promise<DecisionRecord[]> {
	if (!versionIds.length) return [];
	const rows = await db
		.selectFrom('decision')
		.leftJoin('user', 'user.id', 'decision.user_id')
		.selectAll('decision')
		.select('user.name as user_name')
		.where('decision.version_id', 'in', versionIds)
		.orderBy('decision.version_id')
		.orderBy('decision.ordinal')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		versionId: r.version_id,
		decision: r.decision as DecisionKind,
		note: r.note,
		by: { id: r.user_id, name: r.user_name ?? 'Former member', role: r.role },
		ordinal: Number(r.ordinal),
		at: r.created_at
	}));
}

/** Requests for changes on any version of the given songs (for counting rounds). */
export async function listChangeRequests(db: Tx, songIds: string[]) {
	if (!songIds.length) return [];
	return db
		.selectFrom('decision')
		.select(['song_id as songId', 'created_at as at'])
		.where('song_id', 'in', songIds)
		.where('decision', '=', 'changes_requested')
		.execute();
}

export async function nextOrdinal(db: Tx, versionId: string): Promise<number> {
	const row = await db
		.selectFrom('decision')
		.select((eb) => eb.fn.max('ordinal').as('n'))
		.where('version_id', '=', versionId)
		.executeTakeFirst();
	return Number(row?.n ?? 0) + 1;
}

export async function insertDecision(
	db: Tx,
	row: {
		id: string;
		version: VersionFacts;
		userId: string;
		role: string;
		decision: DecisionKind;
		note: string | null;
		ordinal: number;
		createdAt: string;
	}
): Promise<void> {
	await db
		.insertInto('decision')
		.values({
			id: row.id,
			version_id: row.version.id,
			project_id: row.version.projectId,
			song_id: row.version.songId,
			user_id: row.userId,
			role: row.role,
			decision: row.decision,
			note: row.note,
			ordinal: row.ordinal,
			created_at: row.createdAt
		})
		.execute();
}

type LockRow = Selectable<FinalLockTable>;

const toLock = (r: LockRow): FinalLock => ({
	id: r.id,
	versionId: r.version_id,
	songId: r.song_id,
	projectId: r.project_id,
	sha256: r.sha256,
	approvedAt: r.approved_at,
	approvedBy: JSON.parse(r.approved_by) as Person,
	approvals: JSON.parse(r.approvals) as FinalLock['approvals'],
	throughOrdinal: Number(r.through_ordinal),
	releasedAt: r.released_at,
	releasedBy: r.released_by,
	releaseReason: r.release_reason
});

/** Every lock (held and released) of the given versions, oldest first. */
export async function listLocksForVersions(db: Tx, versionIds: string[]): Promise<FinalLock[]> {
	if (!versionIds.length) return [];
	const rows = await db
		.selectFrom('final_lock')
		.selectAll()
		.where('version_id', 'in', versionIds)
		.orderBy('approved_at')
		.orderBy('through_ordinal')
		.execute();
	return rows.map(toLock);
}

/** The held locks (at most one per song) of the given songs. */
export async function listHeldLocks(db: Tx, songIds: string[]): Promise<FinalLock[]> {
	if (!songIds.length) return [];
	const rows = await db
		.selectFrom('final_lock')
		.selectAll()
		.where('song_id', 'in', songIds)
		.where('released_at', 'is', null)
		.execute();
	return rows.map(toLock);
}

export async function insertLock(
	db: Tx,
	lock: Omit<FinalLock, 'releasedAt' | 'releasedBy' | 'releaseReason'>
) {
	await db
		.insertInto('final_lock')
		.values({
			id: lock.id,
			version_id: lock.versionId,
			song_id: lock.songId,
			project_id: lock.projectId,
			sha256: lock.sha256,
			approved_at: lock.approvedAt,
			approved_by: JSON.stringify(lock.approvedBy),
			approvals: JSON.stringify(lock.approvals),
			through_ordinal: lock.throughOrdinal
		})
		.execute();
}

export async function releaseLock(
	db: Tx,
	lockId: string,
	release: { at: string; by: string; reason: string }
): Promise<void> {
	await db
		.updateTable('final_lock')
		.set({ released_at: release.at, released_by: release.by, release_reason: release.reason })
		.where('id', '=', lockId)
		.where('released_at', 'is', null)
		.execute();
}

/** Members (with names) and the approver setting of the given projects. */
export async function listApproverCandidates(db: Tx, projectIds: string[]) {
	if (!projectIds.length)
		return new Map<string, { approverRole: string; members: CandidateMember[] }>();
	const [projects, members] = await Promise.all([
		db
			.selectFrom('project')
			.select(['id', 'approver_role'])
			.where('id', 'in', projectIds)
			.execute(),
		db
			.selectFrom('project_member')
			.leftJoin('user', 'user.id', 'project_member.user_id')
			.select([
				'project_member.project_id',
				'project_member.user_id',
				'project_member.role',
				'project_member.email',
				'user.name'
			])
			.where('project_member.project_id', 'in', projectIds)
			.orderBy('project_member.created_at')
			.execute()
	]);
	const out = new Map<string, { approverRole: string; members: CandidateMember[] }>();
	for (const p of projects) out.set(p.id, { approverRole: p.approver_role, members: [] });
	for (const m of members) {
		out.get(m.project_id)?.members.push({
			userId: m.user_id,
			name: m.name ?? m.email,
			role: m.role
		});
	}
	return out;
}
