import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite, type Db } from './index';
import { migrateToLatest } from './migrate';
import { writeTransaction } from './transaction';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bounce-tx-'));
const file = path.join(dir, 'test.sqlite');
const dbs: Db[] = [];
afterAll(async () => {
	for (const db of dbs) await db.destroy();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('writeTransaction on a real SQLite file', () => {
	it('runs the real migrations', async () => {
		const db = openSqlite(file);
		dbs.push(db);
		await migrateToLatest(db);
		const tables = await db.introspection.getTables();
		expect(tables.map((t) => t.name)).toEqual(
			expect.arrayContaining(['user', 'project', 'project_member', 'brief_revision', 'log_event'])
		);
	});

	it('two connections doing read-then-write never fail with "database is locked"', async () => {
		const a = openSqlite(file);
		const b = openSqlite(file);
		dbs.push(a, b);
		await a
			.insertInto('user')
			.values({ id: 'u', email: 'u@x', name: '0', password_hash: 'x', created_at: 'now' })
			.execute();
		// Each transaction reads the counter, yields to the event loop, then writes it back + 1:
		// without an up-front write lock, interleaved transactions would lose updates or deadlock.
		const bump = (db: Db) =>
			writeTransaction(db, async (tx) => {
				const row = await tx
					.selectFrom('user')
					.select('name')
					.where('id', '=', 'u')
					.executeTakeFirstOrThrow();
				await new Promise((r) => setTimeout(r, 1));
				await tx
					.updateTable('user')
					.set({ name: String(Number(row.name) + 1) })
					.where('id', '=', 'u')
					.execute();
			});
		await Promise.all(Array.from({ length: 60 }, (_, i) => bump(i % 2 ? a : b)));
		const row = await a
			.selectFrom('user')
			.select('name')
			.where('id', '=', 'u')
			.executeTakeFirstOrThrow();
		expect(row.name).toBe('60');
	});

	it('rolls back everything when the function throws', async () => {
		const db = dbs[0];
		await expect(
			writeTransaction(db, async (tx) => {
				await tx.updateTable('user').set({ name: 'changed' }).where('id', '=', 'u').execute();
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		const row = await db
			.selectFrom('user')
			.select('name')
			.where('id', '=', 'u')
			.executeTakeFirstOrThrow();
		expect(row.name).toBe('60');
	});

	it('keeps the log append-only in the database itself', async () => {
		const db = dbs[0];
		await db
			.insertInto('log_event')
			.values({
				id: 'e1',
				project_id: 'p',
				type: 'x',
				at: 'now',
				actor_id: null,
				song_id: null,
				version_id: null,
				comment_id: null,
				summary: 's',
				data: null
			})
			.execute();
		await expect(db.updateTable('log_event').set({ summary: 'forged' }).execute()).rejects.toThrow(
			/append-only/
		);
		await expect(db.deleteFrom('log_event').execute()).rejects.toThrow(/append-only/);
	});
});
