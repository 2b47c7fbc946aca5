import type { User } from '../auth/user.repository';
import type { Tx } from '../db/transaction';
import { forbidden, notFound } from '../http/errors';
import { findMembership } from './member.repository';
import { PERMISSIONS, type Permission, type Role } from './roles';

export interface Access {
	projectId: string;
	userId: string;
	role: Role;
}

/**
 * The one access check. Not a member → 404 (another project's things must not be revealed);
 * a member whose role lacks the permission → 403.
 */
export async function requireRole(
	db: Tx,
	projectId: string,
	user: Pick<User, 'id'>,
	permission: Permission,
	what = 'That project'
): Promise<Access> {
	const membership = await findMembership(db, projectId, user.id);
	if (!membership) throw notFound(what);
	if (!(PERMISSIONS[permission] as readonly Role[]).includes(membership.role)) throw forbidden();
	return { projectId, userId: user.id, role: membership.role };
}

export function can(role: Role, permission: Permission): boolean {
	return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
