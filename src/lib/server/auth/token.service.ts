import type { Db } from '../db';
import { newId, nowIso } from '../db/ids';
import { notFound } from '../http/errors';
import { bus } from '../realtime/bus';
import { generateSessionToken, hashToken } from './session.service';
import { toUser, type User } from './user.repository';

/** Personal access tokens for scripts: prefixed so they are recognisable, stored as SHA-256. */
const PREFIX = 'bnc_';

export interface ApiToken {
	id: string;
	name: string;
	createdAt: string;
	lastUsedAt: string | null;
}

export async function createApiToken(db: Db, userId: string, name: string) {
	const token = PREFIX + generateSessionToken() + generateSessionToken();
	const id = newId();
	await db
		.insertInto('api_token')
		.values({
			id,
			user_id: userId,
			name,
			token_hash: hashToken(token),
			created_at: nowIso(),
			last_used_at: null
		})
		.execute();
	return { id, name, token };
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiToken[]> {
	const rows = await db
		.selectFrom('api_token')
		.select(['id', 'name', 'created_at', 'last_used_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		createdAt: r.created_at,
		lastUsedAt: r.last_used_at
	}));
}

export async function revokeApiToken(db: Db, userId: string, id: string): Promise<void> {
	const res = await db
		.deleteFrom('api_token')
		.where('id', '=', id)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!res.numDeletedRows) throw notFound('That token');
	bus.emit('token.revoked', { tokenId: id });
}

export async function validateApiToken(
	db: Db,
	token: string
): Promise<{ user: User; tokenId: string } | null> {
	if (!token.startsWith(PREFIX)) return null;
	const row = await db
		.selectFrom('api_token')
		.innerJoin('user', 'user.id', 'api_token.user_id')
		.select([
			'api_token.id as tokenId',
			'api_token.last_used_at',
			'user.id',
			'user.email',
			'user.name'
		])
		.where('api_token.token_hash', '=', hashToken(token))
		.executeTakeFirst();
	if (!row) return null;
	// Record use at most once a minute: a script hammering the API should not cause a write per call.
	if (!row.last_used_at || Date.now() - Date.parse(row.last_used_at) > 60_000) {
		await db
			.updateTable('api_token')
			.set({ last_used_at: nowIso() })
			.where('id', '=', row.tokenId)
			.execute();
	}
	return { user: toUser(row), tokenId: row.tokenId };
}
