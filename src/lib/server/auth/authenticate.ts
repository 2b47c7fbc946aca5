import type { Db } from '../db';
import { validateSessionToken, type Session } from './session.service';
import { validateApiToken } from './token.service';
import type { User } from './user.repository';

export interface Principal {
	user: User;
	session: Session | null;
	tokenId: string | null;
}

/**
 * The one way a request or a socket handshake becomes a user: a session cookie's token or a
 * personal access token. Used by hooks.server.ts and the socket.io middleware alike.
 */
export async function authenticate(
	db: Db,
	credentials: { sessionToken?: string | null; bearer?: string | null }
): Promise<Principal | null> {
	if (credentials.bearer) {
		const found = await validateApiToken(db, credentials.bearer);
		return found && { user: found.user, session: null, tokenId: found.tokenId };
	}
	if (credentials.sessionToken) {
		const { session, user } = await validateSessionToken(db, credentials.sessionToken);
		return session && { user, session, tokenId: null };
	}
	return null;
}

export function bearerToken(header: string | null | undefined): string | null {
	const m = header?.match(/^Bearer\s+(\S+)$/i);
	return m ? m[1] : null;
}
