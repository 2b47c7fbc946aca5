import type { RequestEvent } from '@sveltejs/kit';
import type { Db } from '../db';
import { createSession, generateSessionToken, setSessionTokenCookie } from './session.service';
import type { User } from './user.repository';

/** Starts a browser session for a user who just registered or signed in. */
export async function startSession(db: Db, event: RequestEvent, user: User): Promise<void> {
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id);
	setSessionTokenCookie(event.cookies, event.url, token, session.expiresAt);
}
