import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db';
import { nowIso } from '../db/ids';
import { bus } from '../realtime/bus';
import { toUser, type User } from './user.repository';

/** Sessions as in the Lucia guide: the token lives only in the cookie, its SHA-256 in the database. */
export const SESSION_COOKIE = 'session';
const DAY_MS = 24 * 60 * 60 * 1000;
const SESSION_MS = 30 * DAY_MS;

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
	/** True when this validation extended the expiry: only then does the cookie need resending. */
	renewed?: boolean;
}

export type SessionValidation = { session: Session; user: User } | { session: null; user: null };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export const hashToken = (token: string) =>
	encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export async function createSession(db: Db, token: string, userId: string): Promise<Session> {
	const session = { id: hashToken(token), userId, expiresAt: new Date(Date.now() + SESSION_MS) };
	await db
		.insertInto('session')
		.values({
			id: session.id,
			user_id: userId,
			expires_at: session.expiresAt.getTime(),
			created_at: nowIso()
		})
		.execute();
	return session;
}

export async function validateSessionToken(db: Db, token: string): Promise<SessionValidation> {
	const id = hashToken(token);
	const row = await db
		.selectFrom('session')
		.innerJoin('user', 'user.id', 'session.user_id')
		.select(['session.id', 'session.expires_at', 'user.id as userId', 'user.email', 'user.name'])
		.where('session.id', '=', id)
		.executeTakeFirst();
	if (!row) return { session: null, user: null };
	const session: Session = { id, userId: row.userId, expiresAt: new Date(Number(row.expires_at)) };
	if (Date.now() >= session.expiresAt.getTime()) {
		await db.deleteFrom('session').where('id', '=', id).execute();
		return { session: null, user: null };
	}
	// Sliding expiry: a session used in its second half is renewed for another 30 days.
	if (Date.now() >= session.expiresAt.getTime() - SESSION_MS / 2) {
		session.expiresAt = new Date(Date.now() + SESSION_MS);
		session.renewed = true;
		await db
			.updateTable('session')
			.set({ expires_at: session.expiresAt.getTime() })
			.where('id', '=', id)
			.execute();
	}
	return { session, user: toUser({ id: row.userId, email: row.email, name: row.name }) };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
	bus.emit('session.revoked', { sessionIds: [sessionId] });
}

export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
	const rows = await db
		.deleteFrom('session')
		.where('user_id', '=', userId)
		.returning('id')
		.execute();
	bus.emit('session.revoked', { sessionIds: rows.map((r) => r.id) });
}

const isLocalhost = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

export function setSessionTokenCookie(
	cookies: Cookies,
	url: URL,
	token: string,
	expiresAt: Date
): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: !isLocalhost(url),
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionTokenCookie(cookies: Cookies, url: URL): void {
	cookies.set(SESSION_COOKIE, '', {
		httpOnly: true,
		sameSite: 'lax',
		secure: !isLocalhost(url),
		maxAge: 0,
		path: '/'
	});
}
