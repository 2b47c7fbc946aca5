import type { Db } from '../db';
import { newId, nowIso } from '../db/ids';
import { writeTransaction } from '../db/transaction';
import { AppError, conflict } from '../http/errors';
import { acceptPendingInvites } from '../projects/member.repository';
import { decoyHash, hashPassword, verifyPasswordHash } from './password';
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from './throttle';
import { findUserByEmail, insertUser, toUser, type User } from './user.repository';

export async function registerUser(
	db: Db,
	input: { email: string; password: string; name: string }
): Promise<User> {
	const passwordHash = await hashPassword(input.password);
	return writeTransaction(db, async (tx) => {
		if (await findUserByEmail(tx, input.email)) {
			throw conflict('email_taken', 'An account with this e-mail already exists. Sign in instead.');
		}
		const user = { id: newId(), email: input.email, name: input.name };
		await insertUser(tx, { ...user, password_hash: passwordHash, created_at: nowIso() });
		// Invitations sent before this person had an account take effect now.
		await acceptPendingInvites(tx, user.id, user.email);
		return user;
	});
}

export async function authenticate(
	db: Db,
	input: { email: string; password: string },
	ip: string
): Promise<User> {
	assertLoginAllowed(input.email, ip);
	const row = await findUserByEmail(db, input.email);
	const ok = await verifyPasswordHash(row?.password_hash ?? (await decoyHash()), input.password);
	if (!row || !ok) {
		recordLoginFailure(input.email, ip);
		throw new AppError(401, 'invalid_credentials', 'That e-mail and password do not match.');
	}
	recordLoginSuccess(input.email, ip);
	return toUser(row);
}
