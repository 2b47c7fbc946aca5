/** Test fixtures for the decisions specs: a real SQLite file migrated with the real migrations. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { User } from '../auth/user.repository';
import { openSqlite, type Db } from '../db';
import { newId, nowIso } from '../db/ids';
import { migrateToLatest } from '../db/migrate';
import { inviteMember } from '../projects/member.service';
import { createProject } from '../projects/project.service';
import type { Role } from '../projects/roles';
import { createSong } from '../songs/song.service';

export async function openTestDb(): Promise<{ db: Db; cleanup: () => Promise<void> }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bounce-decisions-'));
	const db = openSqlite(path.join(dir, 'test.sqlite'));
	await migrateToLatest(db);
	return {
		db,
		cleanup: async () => {
			await db.destroy();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

export async function makeUser(db: Db, name: string): Promise<User> {
	const user = { id: newId(), email: `${newId()}@example.test`, name };
	await db
		.insertInto('user')
		.values({ ...user, password_hash: 'x', created_at: nowIso() })
		.execute();
	return user;
}

/** A project owned by `owner` with one member per requested role, and one song. */
export async function makeProject(db: Db, roles: Role[]) {
	const owner = await makeUser(db, 'Olive Owner');
	const project = await createProject(db, owner, { title: 'Album' });
	const members: User[] = [];
	for (const [i, role] of roles.entries()) {
		const u = await makeUser(db, `${role} ${i + 1}`);
		await inviteMember(db, owner, project.id, { email: u.email, role });
		members.push(u);
	}
	const song = await createSong(db, owner, project.id, { title: 'Night Drive' });
	return { owner, projectId: project.id, songId: song.id, members };
}

/** Inserts a processed version row directly (uploads belong to the versions module). */
export async function addVersion(
	db: Db,
	p: { projectId: string; songId: string },
	opts: { status?: string; createdAt?: string } = {}
): Promise<{ id: string; number: number; sha256: string }> {
	const last = await db
		.selectFrom('version')
		.select((eb) => eb.fn.max('number').as('n'))
		.where('song_id', '=', p.songId)
		.executeTakeFirst();
	const number = Number(last?.n ?? 0) + 1;
	const id = newId();
	// Rounds are ordered by time: keep uploads and decisions in distinct milliseconds.
	await new Promise((r) => setTimeout(r, 3));
	const sha256 = `${number}`.padStart(64, 'a');
	const row: Record<string, unknown> = {
		id,
		song_id: p.songId,
		project_id: p.projectId,
		number,
		filename: `mix-v${number}.wav`,
		uploaded_by: null,
		created_at: opts.createdAt ?? nowIso(),
		size_bytes: 1000,
		sha256,
		status: opts.status ?? 'ready',
		error: null
	};
	// The versions module adds a `container` column to 002; fill it when it is there.
	const cols = await db.introspection.getTables();
	if (cols.find((t) => t.name === 'version')?.columns.some((c) => c.name === 'container')) {
		row.container = 'wav';
	}
	await db
		.insertInto('version')
		.values(row as never)
		.execute();
	await new Promise((r) => setTimeout(r, 3));
	return { id, number, sha256 };
}
