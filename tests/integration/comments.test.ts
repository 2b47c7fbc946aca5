import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../support/client';
import { connected, connectSocket, join, nextEvent } from '../support/socket';
import { setupProject } from '../support/fixtures';
import { seedVersion } from '../support/seed';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

const note = (over: Record<string, unknown> = {}) => ({
	body: 'Kick too loud here',
	atMs: 1000,
	...over
});

describe('comments API', () => {
	it('creates a note with the contract shape and lists notes by time with replies nested', async () => {
		const { owner, members, versionId } = await setupProject(server);
		const artist = members.artist.client;
		const later = await artist.post(
			`/api/v1/versions/${versionId}/comments`,
			note({ atMs: 90_000 })
		);
		expect(later.status).toBe(201);
		expect(later.json.comment).toMatchObject({
			versionId,
			parentId: null,
			author: { id: members.artist.user.id, name: 'Artist Person', role: 'artist' },
			body: 'Kick too loud here',
			atMs: 90_000,
			endMs: null,
			status: 'open',
			addressedInVersionId: null,
			briefItemId: null,
			replies: []
		});
		expect(later.json.comment.id).toMatch(/^[a-z0-9]{20,}$/);
		expect(Date.parse(later.json.comment.createdAt)).not.toBeNaN();
		const early = await owner.client.post(
			`/api/v1/versions/${versionId}/comments`,
			note({ atMs: 5_000, endMs: 9_000, body: 'Vocal rides' })
		);
		expect(early.status).toBe(201);
		const r1 = await members.engineer.client.post(`/api/v1/versions/${versionId}/comments`, {
			body: 'On it',
			parentId: later.json.comment.id,
			atMs: 3
		});
		expect(r1.status).toBe(201);
		expect(r1.json.comment.atMs).toBe(90_000); // a reply sits at its note's time
		const r2 = await artist.post(`/api/v1/versions/${versionId}/comments`, {
			body: 'Thanks',
			parentId: later.json.comment.id
		});
		expect(r2.status).toBe(201);
		const list = await members.viewer.client.get(`/api/v1/versions/${versionId}/comments`);
		expect(list.status).toBe(200);
		const comments = list.json.comments;
		expect(comments.map((c: { atMs: number }) => c.atMs)).toEqual([5_000, 90_000]);
		expect(comments[0].endMs).toBe(9_000);
		expect(comments[1].replies.map((r: { body: string }) => r.body)).toEqual(['On it', 'Thanks']);
		expect(comments[1].replies[0].parentId).toBe(later.json.comment.id);
	});

	it('stores a note sent twice with the same clientId once (also concurrently)', async () => {
		const { members, versionId } = await setupProject(server);
		const c = members.artist.client;
		const first = await c.post(
			`/api/v1/versions/${versionId}/comments`,
			note({ clientId: 'tab1-42' })
		);
		expect(first.status).toBe(201);
		const again = await c.post(
			`/api/v1/versions/${versionId}/comments`,
			note({ clientId: 'tab1-42' })
		);
		expect([200, 201]).toContain(again.status);
		expect(again.json.comment.id).toBe(first.json.comment.id);
		const burst = await Promise.all(
			Array.from({ length: 5 }, () =>
				c.post(`/api/v1/versions/${versionId}/comments`, note({ clientId: 'tab1-43' }))
			)
		);
		expect(new Set(burst.map((r) => r.json.comment.id)).size).toBe(1);
		// Another author may use the same clientId: uniqueness is per author.
		const other = await members.engineer.client.post(
			`/api/v1/versions/${versionId}/comments`,
			note({ clientId: 'tab1-42' })
		);
		expect(other.status).toBe(201);
		expect(other.json.comment.id).not.toBe(first.json.comment.id);
		const list = await c.get(`/api/v1/versions/${versionId}/comments`);
		expect(list.json.comments).toHaveLength(3);
	});

	it('refuses viewers (403) and outsiders (404), and answers 404 for an unknown version', async () => {
		const { members, versionId } = await setupProject(server);
		const viewer = await members.viewer.client.post(
			`/api/v1/versions/${versionId}/comments`,
			note()
		);
		expect(viewer.status).toBe(403);
		const outsider = await signUp(server.url, 'Mallory');
		expect(
			(await outsider.client.post(`/api/v1/versions/${versionId}/comments`, note())).status
		).toBe(404);
		expect((await outsider.client.get(`/api/v1/versions/${versionId}/comments`)).status).toBe(404);
		expect((await members.artist.client.get('/api/v1/versions/nope/comments')).status).toBe(404);
		const anonymous = await fetch(`${server.url}/api/v1/versions/${versionId}/comments`);
		expect(anonymous.status).toBe(401);
	});

	it('validates body, times, parent and brief item', async () => {
		const { owner, members, projectId, songId, versionId } = await setupProject(
			server,
			['artist'],
			{
				durationMs: 120_000
			}
		);
		const c = members.artist.client;
		const post = (b: Record<string, unknown>) =>
			c.post(`/api/v1/versions/${versionId}/comments`, b);
		expect((await post(note({ body: '' }))).status).toBe(400);
		expect((await post(note({ body: '   ' }))).status).toBe(400);
		expect((await post(note({ body: 'x'.repeat(5001) }))).status).toBe(400);
		expect((await post(note({ body: 'x'.repeat(5000) }))).status).toBe(201);
		expect((await post(note({ atMs: -1 }))).status).toBe(400);
		expect((await post(note({ atMs: 1.5 }))).status).toBe(400);
		expect((await post(note({ atMs: '10' }))).status).toBe(400);
		expect((await post({ body: 'no time' })).status).toBe(400);
		const past = await post(note({ atMs: 120_001 }));
		expect(past.status).toBe(400);
		expect(past.json.error.code).toBe('out_of_range');
		expect((await post(note({ atMs: 120_000 }))).status).toBe(201);
		expect((await post(note({ atMs: 1000, endMs: 1000 }))).status).toBe(400);
		expect((await post(note({ atMs: 1000, endMs: 500 }))).status).toBe(400);
		expect((await post(note({ atMs: 1000, endMs: 130_000 }))).status).toBe(400);

		const parent = (await post(note())).json.comment;
		const reply = (await post({ body: 'reply', parentId: parent.id })).json.comment;
		const nested = await post({ body: 'reply to reply', parentId: reply.id });
		expect(nested.status).toBe(400);
		expect(nested.json.error.code).toBe('invalid_parent');
		const other = seedVersion(server.dataDir, { projectId, songId });
		const foreign = await c.post(`/api/v1/versions/${other.id}/comments`, {
			body: 'x',
			parentId: parent.id
		});
		expect(foreign.status).toBe(400);
		expect((await post({ body: 'x', parentId: 'missing' })).status).toBe(400);

		const unknown = await post(note({ briefItemId: 'nope' }));
		expect(unknown.status).toBe(400);
		expect(unknown.json.error.code).toBe('unknown_brief_item');
		const brief = await owner.client.put(`/api/v1/projects/${projectId}/brief`, {
			vision: 'Warm',
			keyElements: [{ id: 'warm-bass', text: 'Warm bass' }]
		});
		expect(brief.status).toBe(200);
		const tied = await post(note({ briefItemId: 'warm-bass' }));
		expect(tied.status).toBe(201);
		expect(tied.json.comment.briefItemId).toBe('warm-bass');
		// A key element dropped from the current brief no longer takes notes.
		await owner.client.put(`/api/v1/projects/${projectId}/brief`, {
			vision: 'Warm',
			keyElements: []
		});
		expect((await post(note({ briefItemId: 'warm-bass' }))).json.error.code).toBe(
			'unknown_brief_item'
		);
	});

	it('lets only the author edit, anyone who comments resolve/reopen, and logs it', async () => {
		const { owner, members, projectId, versionId } = await setupProject(server);
		const mine = (
			await members.artist.client.post(`/api/v1/versions/${versionId}/comments`, note())
		).json.comment;
		const path = `/api/v1/comments/${mine.id}`;
		expect((await members.engineer.client.patch(path, { body: 'hijack' })).status).toBe(403);
		expect((await owner.client.patch(path, { body: 'hijack' })).status).toBe(403);
		const edited = await members.artist.client.patch(path, { body: 'Kick a bit loud' });
		expect(edited.status).toBe(200);
		expect(edited.json.comment.body).toBe('Kick a bit loud');
		expect(edited.json.comment.updatedAt >= mine.updatedAt).toBe(true);
		expect((await members.viewer.client.patch(path, { status: 'resolved' })).status).toBe(403);
		expect((await members.engineer.client.patch(path, { status: 'addressed' })).status).toBe(400);
		const resolved = await members.engineer.client.patch(path, { status: 'resolved' });
		expect(resolved.status).toBe(200);
		expect(resolved.json.comment.status).toBe('resolved');
		const reopened = await owner.client.patch(path, { status: 'open' });
		expect(reopened.json.comment.status).toBe('open');
		expect((await members.artist.client.patch(path, {})).status).toBe(400);
		const outsider = await signUp(server.url, 'Mallory');
		expect((await outsider.client.patch(path, { status: 'resolved' })).status).toBe(404);
		const log = await owner.client.get(`/api/v1/projects/${projectId}/log`);
		const types = log.json.events
			.filter((e: { commentId: string }) => e.commentId === mine.id)
			.map((e: { type: string }) => e.type);
		expect(types).toEqual(['comment.reopened', 'comment.resolved', 'comment.created']);
	});

	it('deletes for the author or an owner only, replies with their note', async () => {
		const { owner, members, versionId } = await setupProject(server);
		const a = members.artist.client;
		const parent = (await a.post(`/api/v1/versions/${versionId}/comments`, note())).json.comment;
		await members.engineer.client.post(`/api/v1/versions/${versionId}/comments`, {
			body: 'reply',
			parentId: parent.id
		});
		expect((await members.engineer.client.delete(`/api/v1/comments/${parent.id}`)).status).toBe(
			403
		);
		expect((await members.viewer.client.delete(`/api/v1/comments/${parent.id}`)).status).toBe(403);
		expect((await a.delete(`/api/v1/comments/${parent.id}`)).status).toBe(204);
		expect((await a.get(`/api/v1/versions/${versionId}/comments`)).json.comments).toEqual([]);
		expect((await a.delete(`/api/v1/comments/${parent.id}`)).status).toBe(404);
		const other = (await a.post(`/api/v1/versions/${versionId}/comments`, note())).json.comment;
		expect((await owner.client.delete(`/api/v1/comments/${other.id}`)).status).toBe(204);
	});

	it('lists open notes of earlier versions of the song (open-notes extension)', async () => {
		const { members, projectId, songId, versionId } = await setupProject(server);
		const a = members.artist.client;
		const open = (await a.post(`/api/v1/versions/${versionId}/comments`, note())).json.comment;
		const done = (await a.post(`/api/v1/versions/${versionId}/comments`, note({ atMs: 2000 }))).json
			.comment;
		await a.patch(`/api/v1/comments/${done.id}`, { status: 'resolved' });
		await a.post(`/api/v1/versions/${versionId}/comments`, { body: 'reply', parentId: open.id });
		const v2 = seedVersion(server.dataDir, { projectId, songId });
		await a.post(`/api/v1/versions/${v2.id}/comments`, note({ body: 'on v2' }));
		const res = await a.get(`/api/v1/versions/${v2.id}/open-notes`);
		expect(res.status).toBe(200);
		expect(res.json.comments.map((c: { id: string }) => c.id)).toEqual([open.id]);
		expect(res.json.comments[0].replies).toHaveLength(1);
		expect((await a.get(`/api/v1/versions/${versionId}/open-notes`)).json.comments).toEqual([]);
		const outsider = await signUp(server.url, 'Mallory');
		expect((await outsider.client.get(`/api/v1/versions/${v2.id}/open-notes`)).status).toBe(404);
	});

	it('links a note to a brief item and unlinks it (PATCH briefItemId), announced to the room', async () => {
		const { owner, members, projectId, versionId } = await setupProject(server);
		await owner.client.put(`/api/v1/projects/${projectId}/brief`, {
			vision: 'Warm',
			keyElements: [
				{ id: 'warm-bass', text: 'Warm bass' },
				{ id: 'wide-vox', text: 'Wide vocals' }
			]
		});
		const mine = (
			await members.artist.client.post(`/api/v1/versions/${versionId}/comments`, note())
		).json.comment;
		const path = `/api/v1/comments/${mine.id}`;
		const socket = await connected(
			connectSocket(server.url, { cookie: members.artist.client.cookie })
		);
		try {
			expect((await join(socket, versionId)).ok).toBe(true);
			// Not the author, but may comment: tagging is triage, like resolving.
			const heard = nextEvent(socket, 'comment:updated', (c) => c.id === mine.id);
			const linked = await members.engineer.client.patch(path, { briefItemId: 'warm-bass' });
			expect(linked.status).toBe(200);
			expect(linked.json.comment).toMatchObject({ briefItemId: 'warm-bass', body: mine.body });
			expect(await heard).toEqual(linked.json.comment);

			const unknown = await members.engineer.client.patch(path, { briefItemId: 'nope' });
			expect(unknown.status).toBe(400);
			expect(unknown.json.error.code).toBe('unknown_brief_item');
			expect((await members.viewer.client.patch(path, { briefItemId: 'wide-vox' })).status).toBe(
				403
			);
			expect((await members.artist.client.patch(path, { briefItemId: 42 })).status).toBe(400);
			const outsider = await signUp(server.url, 'Mallory');
			expect((await outsider.client.patch(path, { briefItemId: 'wide-vox' })).status).toBe(404);

			const unlinked = await owner.client.patch(path, { briefItemId: null });
			expect(unlinked.status).toBe(200);
			expect(unlinked.json.comment.briefItemId).toBeNull();
			const list = await members.artist.client.get(`/api/v1/versions/${versionId}/comments`);
			expect(list.json.comments[0].briefItemId).toBeNull();
			// Together with a status change, in one request.
			const both = await members.artist.client.patch(path, {
				briefItemId: 'wide-vox',
				status: 'resolved'
			});
			expect(both.json.comment).toMatchObject({ briefItemId: 'wide-vox', status: 'resolved' });
		} finally {
			socket.disconnect();
		}
	});

	it('lists the notes a version addresses with their version number (addressed-notes extension)', async () => {
		const { members, projectId, songId, versionId } = await setupProject(server);
		const a = members.artist.client;
		const post = async (v: string, over: Record<string, unknown>) =>
			(await a.post(`/api/v1/versions/${v}/comments`, note(over))).json.comment;
		const fixed = await post(versionId, { atMs: 3000, body: 'Kick' });
		const checked = await post(versionId, { atMs: 1000, body: 'Vocal' });
		const reopened = await post(versionId, { atMs: 2000, body: 'Snare' });
		const untouched = await post(versionId, { atMs: 4000, body: 'Hats' });
		await a.post(`/api/v1/versions/${versionId}/comments`, { body: 'same', parentId: fixed.id });
		const v2 = seedVersion(server.dataDir, { projectId, songId });
		const onV2 = await post(v2.id, { body: 'on v2' });
		const v3 = seedVersion(server.dataDir, { projectId, songId });
		const address = await members.engineer.client.patch(`/api/v1/versions/${v3.id}`, {
			addresses: [fixed.id, checked.id, reopened.id, onV2.id]
		});
		expect(address.status, address.text).toBe(200);
		await a.patch(`/api/v1/comments/${checked.id}`, { status: 'resolved' });
		await a.patch(`/api/v1/comments/${reopened.id}`, { status: 'open' });

		const res = await members.viewer.client.get(`/api/v1/versions/${v3.id}/addressed-notes`);
		expect(res.status).toBe(200);
		const got = res.json.comments as {
			id: string;
			status: string;
			versionNumber: number;
			addressedInVersionId: string;
			replies: unknown[];
		}[];
		// Oldest version first, then by time; a reopened note is no longer addressed.
		expect(got.map((c) => c.id)).toEqual([checked.id, fixed.id, onV2.id]);
		expect(got.map((c) => c.status)).toEqual(['resolved', 'addressed', 'addressed']);
		expect(got.map((c) => c.versionNumber)).toEqual([1, 1, 2]);
		expect(got.every((c) => c.addressedInVersionId === v3.id)).toBe(true);
		expect(got[1].replies).toHaveLength(1);
		expect(got.map((c) => c.id)).not.toContain(untouched.id);
		expect((await a.get(`/api/v1/versions/${v2.id}/addressed-notes`)).json.comments).toEqual([]);
		const outsider = await signUp(server.url, 'Mallory');
		expect((await outsider.client.get(`/api/v1/versions/${v3.id}/addressed-notes`)).status).toBe(
			404
		);
	});
});
