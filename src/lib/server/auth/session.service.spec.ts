import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite, type Db } from '../db';
import { migrateToLatest } from '../db/migrate';
import {
	createSession,
	generateSessionToken,
	hashToken,
	validateSessionToken
} from './session.service';

const DAY = 24 * 60 * 60 * 1000;
let db: Db;

beforeAll(async () => {
	db = openSqlite(':memory:');
	await migrateToLatest(db);
	await db
		.insertInto('user')
		.values({ id: 'u1', email: 'u1@x.test', name: 'U', password_hash: 'x', created_at: 'now' })
		.execute();
});
afterAll(() => db.destroy());

const setExpiry = (token: string, at: number) =>
	db.updateTable('session').set({ expires_at: at }).where('id', '=', hashToken(token)).execute();

describe('sessions (Lucia guide)', () => {
	it('stores only the hash of the token and validates a fresh session without renewing it', async () => {
		const token = generateSessionToken();
		await createSession(db, token, 'u1');
		const rows = await db.selectFrom('session').select('id').execute();
		expect(rows.map((r) => r.id)).not.toContain(token);
		const { session, user } = await validateSessionToken(db, token);
		expect(user?.id).toBe('u1');
		expect(session?.renewed).toBeFalsy();
	});

	it('slides the expiry of a session used in its second half, and says so', async () => {
		const token = generateSessionToken();
		await createSession(db, token, 'u1');
		await setExpiry(token, Date.now() + 10 * DAY);
		const { session } = await validateSessionToken(db, token);
		expect(session?.renewed).toBe(true);
		expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
	});

	it('deletes an expired session', async () => {
		const token = generateSessionToken();
		await createSession(db, token, 'u1');
		await setExpiry(token, Date.now() - 1);
		expect((await validateSessionToken(db, token)).session).toBeNull();
		const left = await db
			.selectFrom('session')
			.select('id')
			.where('id', '=', hashToken(token))
			.execute();
		expect(left).toHaveLength(0);
	});
});
