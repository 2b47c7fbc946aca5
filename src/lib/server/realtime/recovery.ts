import type { Db } from '../db';
import { AppError } from '../http/errors';
import { requireVersionRole } from '../versions/version-access';
import type { AppServer, SocketData } from './version-room';

interface StoredSession {
	data: unknown;
}

/** Is the credential a stored socket session was opened with still valid? */
async function credentialAlive(db: Db, data: SocketData): Promise<boolean> {
	if (data.sessionId) {
		const row = await db
			.selectFrom('session')
			.select('expires_at')
			.where('id', '=', data.sessionId)
			.executeTakeFirst();
		return !!row && Number(row.expires_at) > Date.now();
	}
	if (data.tokenId) {
		const row = await db
			.selectFrom('api_token')
			.select('id')
			.where('id', '=', data.tokenId)
			.executeTakeFirst();
		return !!row;
	}
	return false;
}

async function stillAllowed(db: Db, data: SocketData): Promise<boolean> {
	if (!data?.userId || !(await credentialAlive(db, data))) return false;
	for (const id of Object.keys(data.joined ?? {})) {
		try {
			await requireVersionRole(db, { id: data.userId }, id, 'read');
		} catch (e) {
			if (e instanceof AppError) return false;
			throw e;
		}
	}
	return true;
}

/**
 * socket.io replays a recovered session's missed packets as soon as it restores the session, before
 * any middleware runs. So the check happens at restore time: a session whose login was revoked, or
 * whose user lost access to a version it had joined, is not restored at all. The client then
 * connects afresh (through the auth middleware), re-joins with access checks, and resyncs over HTTP.
 */
export function guardRecovery(io: AppServer, db: Db): void {
	const adapter = io.of('/').adapter as unknown as {
		restoreSession?: (pid: string, offset: string) => Promise<StoredSession | null>;
	};
	const restore = adapter.restoreSession?.bind(adapter);
	if (!restore) return;
	adapter.restoreSession = async (pid, offset) => {
		const session = await restore(pid, offset);
		if (!session) return session;
		return (await stillAllowed(db, session.data as SocketData)) ? session : null;
	};
}
