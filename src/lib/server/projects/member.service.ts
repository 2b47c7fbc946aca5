import type { User } from '../auth/user.repository';
import { findUserByEmail } from '../auth/user.repository';
import type { Db } from '../db';
import { newId } from '../db/ids';
import { writeTransaction } from '../db/transaction';
import { conflict, notFound } from '../http/errors';
import { syncApprovalLocks } from '../decisions/approval.service';
import { publishApprovals } from '../decisions/decision.events';
import { appendLog } from '../log/log.service';
import { bus } from '../realtime/bus';
import { requireRole } from './access';
import {
	countOwners,
	deleteMember,
	findMember,
	findMemberByEmail,
	insertMember,
	updateMemberRole,
	type Member
} from './member.repository';
import { roleLabels, type Role } from './roles';

const who = (m: Member) => m.name ?? m.email;

export async function inviteMember(
	db: Db,
	user: User,
	projectId: string,
	input: { email: string; role: Role }
): Promise<Member> {
	return writeTransaction(db, async (tx) => {
		await requireRole(tx, projectId, user, 'manageMembers');
		if (await findMemberByEmail(tx, projectId, input.email)) {
			throw conflict('already_member', `${input.email} is already in this project.`);
		}
		const existing = await findUserByEmail(tx, input.email);
		const id = newId();
		await insertMember(tx, {
			id,
			projectId,
			userId: existing?.id ?? null,
			email: input.email,
			role: input.role,
			invitedBy: user.id
		});
		await appendLog(tx, {
			projectId,
			type: 'member.added',
			actorId: user.id,
			summary: `${user.name} ${existing ? 'added' : 'invited'} ${existing?.name ?? input.email} as ${roleLabels[input.role]}`,
			data: { email: input.email, role: input.role }
		});
		return (await findMember(tx, projectId, id))!;
	});
}

/** An owner cannot leave a project without an owner: that would orphan it. */
async function assertNotLastOwner(
	tx: Parameters<typeof countOwners>[0],
	projectId: string,
	member: Member
) {
	if (member.role === 'owner' && member.userId && (await countOwners(tx, projectId)) <= 1) {
		throw conflict(
			'last_owner',
			'A project needs at least one owner. Make someone else owner first.'
		);
	}
}

export async function changeMemberRole(
	db: Db,
	user: User,
	projectId: string,
	key: string,
	role: Role
): Promise<Member> {
	const { member, approved } = await writeTransaction(db, async (tx) => {
		await requireRole(tx, projectId, user, 'manageMembers');
		const member = await findMember(tx, projectId, key);
		if (!member) throw notFound('That member');
		if (member.role === role) return { member, approved: [] };
		if (role !== 'owner') await assertNotLastOwner(tx, projectId, member);
		await updateMemberRole(tx, member.id, role);
		await appendLog(tx, {
			projectId,
			type: 'member.role_changed',
			actorId: user.id,
			summary: `${user.name} made ${who(member)} ${roleLabels[role]} (was ${roleLabels[member.role]})`,
			data: { memberId: member.id, from: member.role, to: role }
		});
		// Approvers may have changed: a version whose remaining approvers all approved is now final.
		const approved = await syncApprovalLocks(tx, projectId, user);
		return { member: { ...member, role }, approved };
	});
	await publishApprovals(db, approved);
	// Open sockets re-check access now, so a downgrade takes effect at once.
	if (member.userId) bus.emit('membership.changed', { projectId, userId: member.userId });
	return member;
}

export async function removeMember(
	db: Db,
	user: User,
	projectId: string,
	key: string
): Promise<void> {
	const { member, approved } = await writeTransaction(db, async (tx) => {
		await requireRole(tx, projectId, user, 'manageMembers');
		const member = await findMember(tx, projectId, key);
		if (!member) throw notFound('That member');
		await assertNotLastOwner(tx, projectId, member);
		await deleteMember(tx, member.id);
		await appendLog(tx, {
			projectId,
			type: 'member.removed',
			actorId: user.id,
			summary: `${user.name} removed ${who(member)} from the project`,
			data: { memberId: member.id, email: member.email }
		});
		return { member, approved: await syncApprovalLocks(tx, projectId, user) };
	});
	await publishApprovals(db, approved);
	if (member.userId) bus.emit('membership.changed', { projectId, userId: member.userId });
}
