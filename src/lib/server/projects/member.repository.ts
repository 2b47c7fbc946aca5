import type { Tx } from '../db/transaction';
import { nowIso } from '../db/ids';
import type { Role } from './roles';

export interface Member {
	id: string;
	userId: string | null;
	email: string;
	name: string | null;
	role: Role;
	status: 'active' | 'invited';
	createdAt: string;
}

const memberColumns = [
	'project_member.id',
	'project_member.user_id',
	'project_member.email',
	'project_member.role',
	'project_member.created_at',
	'user.name'
] as const;

type MemberRow = {
	id: string;
	user_id: string | null;
	email: string;
	role: string;
	created_at: string;
	name: string | null;
};

const toMember = (r: MemberRow): Member => ({
	id: r.id,
	userId: r.user_id,
	email: r.email,
	name: r.name,
	role: r.role as Role,
	status: r.user_id ? 'active' : 'invited',
	createdAt: r.created_at
});

export async function findMembership(db: Tx, projectId: string, userId: string) {
	const row = await db
		.selectFrom('project_member')
		.select(['role'])
		.where('project_id', '=', projectId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row ? { role: row.role as Role } : undefined;
}

export async function listMembers(db: Tx, projectId: string): Promise<Member[]> {
	const rows = await db
		.selectFrom('project_member')
		.leftJoin('user', 'user.id', 'project_member.user_id')
		.select(memberColumns)
		.where('project_member.project_id', '=', projectId)
		.orderBy('project_member.created_at')
		.execute();
	return rows.map(toMember);
}

/** Finds a member by user id, or by member id (pending invites have no user yet). */
export async function findMember(
	db: Tx,
	projectId: string,
	key: string
): Promise<Member | undefined> {
	const row = await db
		.selectFrom('project_member')
		.leftJoin('user', 'user.id', 'project_member.user_id')
		.select(memberColumns)
		.where('project_member.project_id', '=', projectId)
		.where((eb) =>
			eb.or([eb('project_member.user_id', '=', key), eb('project_member.id', '=', key)])
		)
		.executeTakeFirst();
	return row && toMember(row);
}

export async function findMemberByEmail(db: Tx, projectId: string, email: string) {
	return db
		.selectFrom('project_member')
		.select(['id'])
		.where('project_id', '=', projectId)
		.where('email', '=', email)
		.executeTakeFirst();
}

export async function insertMember(
	db: Tx,
	row: {
		id: string;
		projectId: string;
		userId: string | null;
		email: string;
		role: Role;
		invitedBy: string | null;
	}
): Promise<void> {
	await db
		.insertInto('project_member')
		.values({
			id: row.id,
			project_id: row.projectId,
			user_id: row.userId,
			email: row.email,
			role: row.role,
			invited_by: row.invitedBy,
			created_at: nowIso()
		})
		.execute();
}

export async function updateMemberRole(db: Tx, memberId: string, role: Role): Promise<void> {
	await db.updateTable('project_member').set({ role }).where('id', '=', memberId).execute();
}

export async function deleteMember(db: Tx, memberId: string): Promise<void> {
	await db.deleteFrom('project_member').where('id', '=', memberId).execute();
}

export async function countOwners(db: Tx, projectId: string): Promise<number> {
	const row = await db
		.selectFrom('project_member')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('project_id', '=', projectId)
		.where('role', '=', 'owner')
		.where('user_id', 'is not', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function acceptPendingInvites(db: Tx, userId: string, email: string): Promise<void> {
	await db
		.updateTable('project_member')
		.set({ user_id: userId })
		.where('email', '=', email)
		.where('user_id', 'is', null)
		.execute();
}
