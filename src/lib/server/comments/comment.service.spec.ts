import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../auth/user.repository';
import { insertUser } from '../auth/user.repository';
import { openSqlite, type Db } from '../db';
import { newId, nowIso } from '../db/ids';
import { migrateToLatest } from '../db/migrate';
import { AppError } from '../http/errors';
import { inviteMember } from '../projects/member.service';
import { createProject } from '../projects/project.service';
import { bus, type BusEvents } from '../realtime/bus';
import { createSong } from '../songs/song.service';
import { listOpenNotes, markAddressed } from './comment-addressing.service';
import { createComment, updateComment } from './comment.service';

let db: Db;
let events: BusEvents['version.event'][];
let off: () => void;

async function user(name: string): Promise<User> {
	const u = { id: newId(), email: `${name.toLowerCase()}-${newId()}@example.test`, name };
	await insertUser(db, { ...u, password_hash: 'x', created_at: nowIso() });
	return u;
}

async function version(projectId: string, songId: string, number: number) {
	const id = newId();
	await db
		.insertInto('version')
		.values({
			id,
			song_id: songId,
			project_id: projectId,
			number,
			filename: `v${number}.wav`,
			container: 'wav',
			created_at: nowIso(),
			size_bytes: 1,
			sha256: 'x',
			status: 'ready',
			error: null,
			format: JSON.stringify({ durationMs: 200_000 }),
			loudness: null,
			warnings: null,
			uploaded_by: null
		})
		.execute();
	return id;
}

async function world() {
	const owner = await user('Olive');
	const engineer = await user('Enzo');
	const artist = await user('Ari');
	const project = await createProject(db, owner, { title: 'EP' });
	await inviteMember(db, owner, project.id, { email: engineer.email, role: 'engineer' });
	await inviteMember(db, owner, project.id, { email: artist.email, role: 'artist' });
	const song = await createSong(db, owner, project.id, { title: 'Tides' });
	const v1 = await version(project.id, song.id, 1);
	const v2 = await version(project.id, song.id, 2);
	const v3 = await version(project.id, song.id, 3);
	const note = async (versionId: string, atMs = 1000) =>
		(await createComment(db, artist, versionId, { body: 'Too dark', atMs })).comment;
	return { owner, engineer, artist, projectId: project.id, v1, v2, v3, note };
}

const code = async (p: Promise<unknown>) => {
	try {
		await p;
	} catch (e) {
		if (e instanceof AppError) return `${e.status} ${e.code}`;
		throw e;
	}
	return 'ok';
};

beforeEach(async () => {
	db = openSqlite(':memory:');
	await migrateToLatest(db);
	events = [];
	off = bus.on('version.event', (e) => events.push(e));
});
afterEach(async () => {
	off();
	await db.destroy();
});

describe('markAddressed', () => {
	it('marks open notes of earlier versions as addressed, logs and announces them', async () => {
		const w = await world();
		const a = await w.note(w.v1);
		const b = await w.note(w.v1, 5000);
		expect((await listOpenNotes(db, w.artist, w.v2)).map((c) => c.id)).toEqual([a.id, b.id]);
		events = [];
		const done = await markAddressed(db, w.engineer, w.v2, [a.id, a.id]);
		expect(done).toHaveLength(1);
		expect(done[0]).toMatchObject({ id: a.id, status: 'addressed', addressedInVersionId: w.v2 });
		expect(events).toEqual([{ versionId: w.v1, event: 'comment:updated', payload: done[0] }]);
		expect((await listOpenNotes(db, w.artist, w.v2)).map((c) => c.id)).toEqual([b.id]);
		const log = await db
			.selectFrom('log_event')
			.select(['type', 'version_id'])
			.where('comment_id', '=', a.id)
			.execute();
		expect(log.map((l) => l.type).sort()).toEqual(['comment.addressed', 'comment.created']);
		expect(log.find((l) => l.type === 'comment.addressed')?.version_id).toBe(w.v2);
		// Again: nothing to do, nothing announced.
		events = [];
		expect(await markAddressed(db, w.owner, w.v2, [a.id])).toEqual([]);
		expect(events).toEqual([]);
		// Reopening clears the link to the version that claimed to address it.
		const reopened = await updateComment(db, w.artist, a.id, { status: 'open' });
		expect(reopened).toMatchObject({ status: 'open', addressedInVersionId: null });
	});

	it('refuses roles that do not address notes, and notes that are not addressable', async () => {
		const w = await world();
		const onV1 = await w.note(w.v1);
		const onV2 = await w.note(w.v2);
		const onV3 = await w.note(w.v3);
		const reply = (await createComment(db, w.engineer, w.v1, { body: 'ok', parentId: onV1.id }))
			.comment;
		const resolved = await w.note(w.v1, 9000);
		await updateComment(db, w.engineer, resolved.id, { status: 'resolved' });
		events = [];
		expect(await code(markAddressed(db, w.artist, w.v2, [onV1.id]))).toBe('403 forbidden');
		expect(await code(markAddressed(db, w.engineer, w.v2, [onV2.id]))).toBe('400 not_addressable');
		expect(await code(markAddressed(db, w.engineer, w.v2, [onV3.id]))).toBe('400 not_addressable');
		expect(await code(markAddressed(db, w.engineer, w.v2, [reply.id]))).toBe('400 not_addressable');
		expect(await code(markAddressed(db, w.engineer, w.v2, [resolved.id]))).toBe(
			'400 not_addressable'
		);
		expect(await code(markAddressed(db, w.engineer, w.v2, ['missing']))).toBe(
			'400 unknown_comment'
		);
		// All or nothing: one bad id leaves the good one open.
		expect(await code(markAddressed(db, w.engineer, w.v2, [onV1.id, onV2.id]))).toBe(
			'400 not_addressable'
		);
		expect((await listOpenNotes(db, w.artist, w.v2)).map((c) => c.id)).toContain(onV1.id);
		expect(events).toEqual([]);
		const stranger = await user('Mallory');
		expect(await code(markAddressed(db, stranger, w.v2, [onV1.id]))).toBe('404 not_found');
	});

	it('announces nothing when a write fails', async () => {
		const w = await world();
		events = [];
		expect(
			await code(createComment(db, w.artist, w.v1, { body: 'x', atMs: 1, briefItemId: 'nope' }))
		).toBe('400 unknown_brief_item');
		expect(await code(createComment(db, w.artist, w.v1, { body: 'x', atMs: 300_000 }))).toBe(
			'400 out_of_range'
		);
		expect(events).toEqual([]);
	});
});
