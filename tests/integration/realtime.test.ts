import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signUp } from '../support/client';
import { addMember, setupProject } from '../support/fixtures';
import { startServer, type RunningServer } from '../support/server';
import {
	connectSocket,
	connected,
	join,
	nextEvent,
	record,
	sleep,
	type TestSocket
} from '../support/socket';

let server: RunningServer;
const open: TestSocket[] = [];
beforeAll(async () => {
	server = await startServer();
});
afterEach(() => {
	for (const s of open.splice(0)) s.disconnect();
});
afterAll(() => server?.stop());

function sock(opts: Parameters<typeof connectSocket>[1] = {}) {
	const s = connectSocket(server.url, opts);
	open.push(s);
	return s;
}
const as = (client: ApiClient, opts: Parameters<typeof connectSocket>[1] = {}) =>
	connected(sock({ cookie: client.cookie, ...opts }));
const note = (over: Record<string, unknown> = {}) => ({
	body: 'Snare crack',
	atMs: 4_000,
	...over
});

describe('handshake', () => {
	it('refuses a connection without credentials', async () => {
		await expect(connected(sock())).rejects.toThrow('unauthorized');
	});

	it('accepts the session cookie and a personal access token, refuses a bad token', async () => {
		const { client } = await signUp(server.url);
		expect((await as(client)).connected).toBe(true);
		const t = await client.post('/api/v1/tokens', { name: 'script' });
		expect((await connected(sock({ token: t.json.token, origin: null }))).connected).toBe(true);
		await expect(connected(sock({ token: 'bnc_forged', origin: null }))).rejects.toThrow(
			'unauthorized'
		);
	});

	it('refuses a foreign Origin even with a valid cookie', async () => {
		const { client } = await signUp(server.url);
		await expect(as(client, { origin: 'https://evil.example' })).rejects.toThrow(
			'forbidden_origin'
		);
	});
});

describe('version rooms', () => {
	it('lets members join, refuses outsiders and unknown versions, leaks nothing to them', async () => {
		const { members, versionId } = await setupProject(server);
		const outsider = await signUp(server.url, 'Mallory');
		const eve = await as(outsider.client);
		expect(await join(eve, versionId)).toEqual({ ok: false, error: 'not_found' });
		expect(await join(eve, 'no-such-version')).toEqual({ ok: false, error: 'not_found' });
		const leaked = [record(eve, 'comment:created'), record(eve, 'presence')];

		const viewer = await as(members.viewer.client);
		const ack = await join(viewer, versionId);
		expect(ack.ok).toBe(true);
		const created = nextEvent(viewer, 'comment:created');
		const posted = await members.artist.client.post(
			`/api/v1/versions/${versionId}/comments`,
			note()
		);
		expect((await created).id).toBe(posted.json.comment.id);
		await sleep(300);
		expect(leaked.flat()).toEqual([]);
	});

	it('delivers created, updated and deleted notes to every tab, the author’s own too', async () => {
		const { members, versionId } = await setupProject(server);
		const [tab1, tab2, other] = await Promise.all([
			as(members.artist.client),
			as(members.artist.client),
			as(members.engineer.client)
		]);
		for (const s of [tab1, tab2, other]) expect((await join(s, versionId)).ok).toBe(true);
		const all = [tab1, tab2, other];

		let waits = all.map((s) => nextEvent(s, 'comment:created'));
		const c = (await members.artist.client.post(`/api/v1/versions/${versionId}/comments`, note()))
			.json.comment;
		for (const got of await Promise.all(waits)) expect(got).toEqual(c);

		waits = all.map((s) => nextEvent(s, 'comment:created', (x) => x.parentId === c.id));
		await members.engineer.client.post(`/api/v1/versions/${versionId}/comments`, {
			body: 'Will fix',
			parentId: c.id
		});
		await Promise.all(waits);

		const updates = all.map((s) => nextEvent(s, 'comment:updated'));
		await members.engineer.client.patch(`/api/v1/comments/${c.id}`, { status: 'resolved' });
		for (const got of await Promise.all(updates)) {
			expect(got).toMatchObject({ id: c.id, status: 'resolved' });
			expect(got.replies).toHaveLength(1);
		}

		const deletes = all.map((s) => nextEvent(s, 'comment:deleted'));
		await members.artist.client.delete(`/api/v1/comments/${c.id}`);
		for (const got of await Promise.all(deletes)) expect(got).toEqual({ id: c.id, versionId });
	});

	it('announces a note resent with the same clientId once', async () => {
		const { members, versionId } = await setupProject(server);
		const s = await as(members.engineer.client);
		await join(s, versionId);
		const seen = record(s, 'comment:created');
		const body = note({ clientId: 'offline-7' });
		const a = await members.artist.client.post(`/api/v1/versions/${versionId}/comments`, body);
		const b = await members.artist.client.post(`/api/v1/versions/${versionId}/comments`, body);
		expect(b.json.comment.id).toBe(a.json.comment.id);
		await sleep(300);
		expect(seen.map((c) => c.id)).toEqual([a.json.comment.id]);
	});

	it('stops events after version:leave', async () => {
		const { members, versionId } = await setupProject(server);
		const s = await as(members.engineer.client);
		await join(s, versionId);
		s.emit('version:leave', versionId);
		await sleep(100);
		const seen = record(s, 'comment:created');
		await members.artist.client.post(`/api/v1/versions/${versionId}/comments`, note());
		await sleep(300);
		expect(seen).toEqual([]);
	});
});

describe('revocation', () => {
	it('logout disconnects the session’s sockets within a second and they cannot come back', async () => {
		const { members, versionId } = await setupProject(server);
		const cookie = members.artist.client.cookie;
		const s = await connected(sock({ cookie, reconnection: true }));
		await join(s, versionId);
		const gone = new Promise<number>((resolve) => s.once('disconnect', () => resolve(Date.now())));
		const t0 = Date.now();
		expect((await members.artist.client.post('/api/v1/auth/logout')).status).toBe(204);
		expect((await gone) - t0).toBeLessThan(1000);
		// The stale cookie (and the socket's recovery id) are refused from now on.
		s.connect();
		await expect(connected(s)).rejects.toThrow('unauthorized');
		await expect(connected(sock({ cookie }))).rejects.toThrow('unauthorized');
	});

	it('revoking a token disconnects its sockets', async () => {
		const { client } = await signUp(server.url);
		const t = await client.post('/api/v1/tokens', { name: 'script' });
		const s = await connected(sock({ token: t.json.token, origin: null }));
		const gone = new Promise((resolve) => s.once('disconnect', resolve));
		await client.delete(`/api/v1/tokens/${t.json.id}`);
		await gone;
		expect(s.connected).toBe(false);
	});

	it('member removal evicts from the version room within a second; events stop', async () => {
		const { owner, members, projectId, versionId } = await setupProject(server);
		const s = await as(members.artist.client);
		await join(s, versionId);
		const seen = record(s, 'comment:created');
		const evicted = nextEvent(s, 'version:evicted', undefined, 1000);
		const t0 = Date.now();
		const res = await owner.client.delete(
			`/api/v1/projects/${projectId}/members/${members.artist.user.id}`
		);
		expect(res.status).toBe(204);
		expect(await evicted).toEqual({ versionId, reason: 'not_found' });
		expect(Date.now() - t0).toBeLessThan(1000);
		await owner.client.post(`/api/v1/versions/${versionId}/comments`, note());
		await sleep(300);
		expect(seen).toEqual([]);
		expect(await join(s, versionId)).toEqual({ ok: false, error: 'not_found' });
		expect(s.connected).toBe(true); // still signed in, just not in that project
	});

	it('a role change keeps the socket in the room with its new role', async () => {
		const { owner, members, projectId, versionId } = await setupProject(server);
		const s = await as(members.artist.client);
		await join(s, versionId);
		const downgraded = nextEvent(s, 'presence', (p) => p.users.some((u) => u.role === 'viewer'));
		await owner.client.patch(`/api/v1/projects/${projectId}/members/${members.artist.user.id}`, {
			role: 'viewer'
		});
		await downgraded;
	});
});

describe('connection state recovery', () => {
	async function dropAndReconnect(s: TestSocket, whileDown: () => Promise<unknown>) {
		const down = new Promise((resolve) => s.once('disconnect', resolve));
		s.io.engine.close();
		await down;
		await sleep(150); // the server has seen the transport close
		await whileDown();
		s.connect();
		await connected(s);
	}

	it('replays events missed during a short outage', async () => {
		const { members, versionId } = await setupProject(server);
		const s = await as(members.engineer.client);
		await join(s, versionId);
		// Recovery resumes from the last broadcast the client saw (its offset): wait for the
		// (coalesced) presence broadcast that follows the join.
		await nextEvent(s, 'presence');
		const seen = record(s, 'comment:created');
		let missedId = '';
		await dropAndReconnect(s, async () => {
			const r = await members.artist.client.post(`/api/v1/versions/${versionId}/comments`, note());
			missedId = r.json.comment.id;
		});
		expect(s.recovered).toBe(true);
		await sleep(200);
		expect(seen.map((c) => c.id)).toEqual([missedId]);
	});

	it('does not readmit a member removed while disconnected, nor replay to them', async () => {
		const { owner, members, projectId, versionId } = await setupProject(server);
		const s = await as(members.artist.client);
		await join(s, versionId);
		await nextEvent(s, 'presence');
		const seen = record(s, 'comment:created');
		await dropAndReconnect(s, async () => {
			await owner.client.delete(`/api/v1/projects/${projectId}/members/${members.artist.user.id}`);
			await owner.client.post(`/api/v1/versions/${versionId}/comments`, note());
		});
		expect(s.recovered).toBe(false);
		await owner.client.post(`/api/v1/versions/${versionId}/comments`, note());
		await sleep(300);
		expect(seen).toEqual([]);
		expect((await join(s, versionId)).ok).toBe(false);
	});
});

describe('abuse limits', () => {
	it('rate-limits a flooding socket without slowing the others', async () => {
		const { members, versionId } = await setupProject(server);
		const flooder = await as(members.artist.client);
		const calm = await as(members.engineer.client);
		await join(calm, versionId);
		const acks = await Promise.all(Array.from({ length: 80 }, () => join(flooder, versionId)));
		const limited = acks.filter((a) => !a.ok && a.error === 'rate_limited').length;
		expect(limited).toBeGreaterThan(20);
		expect(acks.filter((a) => a.ok).length).toBeGreaterThan(20);
		// Others are unaffected: the calm socket still hears a note at once.
		const heard = nextEvent(calm, 'comment:created', undefined, 1000);
		await members.artist.client.post(`/api/v1/versions/${versionId}/comments`, note());
		await heard;
		// After a pause the bucket has refilled.
		await sleep(1500);
		expect((await join(flooder, versionId)).ok).toBe(true);
	});

	it('disconnects a socket that keeps flooding, and one that sends an oversized payload', async () => {
		const { members, versionId } = await setupProject(server);
		const flooder = await as(members.artist.client);
		await join(flooder, versionId);
		const cut = new Promise((resolve) => flooder.once('disconnect', resolve));
		for (let i = 0; i < 400; i++) {
			flooder.emit('presence:update', { versionId, positionMs: i, playing: true });
		}
		await cut;
		const big = await as(members.engineer.client);
		const closed = new Promise((resolve) => big.once('disconnect', resolve));
		big.emit('comment:typing', { versionId, atMs: 1, pad: 'x'.repeat(100_000) } as never);
		await closed;
	});

	it('ignores malformed payloads', async () => {
		const { members, versionId } = await setupProject(server);
		const a = await as(members.artist.client);
		const b = await as(members.engineer.client);
		await join(a, versionId);
		await join(b, versionId);
		await sleep(300);
		const seen = record(b, 'presence');
		a.emit('presence:update', { versionId, positionMs: -5, playing: 'yes' } as never);
		a.emit('presence:update', 'garbage' as never);
		a.emit('comment:typing', { versionId, atMs: 1e12 } as never);
		expect((await a.timeout(2000).emitWithAck('version:join', { evil: 1 } as never)).ok).toBe(
			false
		);
		await sleep(400);
		expect(seen).toEqual([]);
		expect(a.connected).toBe(true);
	});
});

describe('presence', () => {
	it('shows who is here with name and role, playheads, and who left', async () => {
		const { members, versionId } = await setupProject(server);
		const a = await as(members.artist.client);
		const ackA = await join(a, versionId);
		expect(ackA).toEqual({
			ok: true,
			presence: [
				{
					userId: members.artist.user.id,
					name: 'Artist Person',
					role: 'artist',
					positionMs: 0,
					playing: false,
					typing: null
				}
			]
		});
		const sees = nextEvent(a, 'presence', (p) => p.users.length === 2);
		const b = await as(members.engineer.client);
		const ackB = await join(b, versionId);
		expect(ackB.ok && ackB.presence.map((u) => u.role).sort()).toEqual(['artist', 'engineer']);
		expect((await sees).versionId).toBe(versionId);

		const moved = nextEvent(b, 'presence', (p) =>
			p.users.some(
				(u) => u.userId === members.artist.user.id && u.positionMs === 61_000 && u.playing
			)
		);
		const t0 = Date.now();
		a.emit('presence:update', { versionId, positionMs: 61_000, playing: true });
		await moved;
		// Coalesced to ≤ 150 ms per room; the bound leaves room for a loaded CI machine.
		expect(Date.now() - t0).toBeLessThan(1500);

		const left = nextEvent(a, 'presence', (p) => p.users.length === 1, 1000);
		b.emit('version:leave', versionId);
		await left;
		const rejoined = nextEvent(a, 'presence', (p) => p.users.length === 2);
		await join(b, versionId);
		await rejoined;
		const gone = nextEvent(a, 'presence', (p) => p.users.length === 1, 1000);
		b.disconnect();
		await gone;
	});

	it('coalesces a burst of playhead updates into a few broadcasts', async () => {
		const { members, versionId } = await setupProject(server);
		const a = await as(members.artist.client);
		const b = await as(members.engineer.client);
		await join(a, versionId);
		await join(b, versionId);
		await sleep(400);
		const seen = record(b, 'presence');
		for (let i = 1; i <= 30; i++) {
			a.emit('presence:update', { versionId, positionMs: i * 100, playing: true });
			await sleep(10);
		}
		await sleep(400);
		expect(seen.length).toBeGreaterThanOrEqual(1);
		expect(seen.length).toBeLessThanOrEqual(5);
		const last = seen.at(-1)!.users.find((u) => u.userId === members.artist.user.id)!;
		expect(last.positionMs).toBe(3000);
	});

	it('drops a listener whose connection died without closing within a few seconds', async () => {
		const { members, versionId } = await setupProject(server);
		const a = await as(members.artist.client);
		const b = await as(members.engineer.client);
		await join(a, versionId);
		await join(b, versionId);
		// b's network goes silent: it stops answering the server's pings (no close frame).
		const engine = b.io.engine as unknown as { _sendPacket: (...args: unknown[]) => void };
		engine._sendPacket = () => {};
		const t0 = Date.now();
		await nextEvent(a, 'presence', (p) => p.users.length === 1, 10_000);
		// Heartbeat 2.5 s + 2.5 s: gone within "a few seconds", with slack for a loaded machine.
		expect(Date.now() - t0).toBeLessThan(9000);
	});

	it('shows who is writing a note and where, until they post it or stop', async () => {
		const { members, versionId } = await setupProject(server);
		const a = await as(members.artist.client);
		const b = await as(members.engineer.client);
		const v = await as(members.viewer.client);
		for (const s of [a, b, v]) await join(s, versionId);
		await sleep(300);
		const writing = nextEvent(b, 'presence', (p) =>
			p.users.some((u) => u.userId === members.artist.user.id && u.typing?.atMs === 92_000)
		);
		a.emit('comment:typing', { versionId, atMs: 92_000 });
		await writing;
		const posted = nextEvent(b, 'presence', (p) => p.users.every((u) => u.typing === null));
		await members.artist.client.post(
			`/api/v1/versions/${versionId}/comments`,
			note({ atMs: 92_000 })
		);
		await posted;
		// Typing fades on its own a few seconds after the last keystroke.
		a.emit('comment:typing', { versionId, atMs: 10_000 });
		await nextEvent(b, 'presence', (p) => p.users.some((u) => u.typing?.atMs === 10_000));
		const t0 = Date.now();
		await nextEvent(b, 'presence', (p) => p.users.every((u) => u.typing === null), 5000);
		expect(Date.now() - t0).toBeGreaterThan(2000);
		// A viewer cannot write notes, so their typing is ignored.
		const seen = record(b, 'presence');
		v.emit('comment:typing', { versionId, atMs: 1 });
		await sleep(400);
		expect(seen.filter((p) => p.users.some((u) => u.typing))).toEqual([]);
	});
});

// Kept for completeness: an owner added later hears a version's events after joining.
describe('membership added', () => {
	it('a newly added member can join right away', async () => {
		const { owner, projectId, versionId } = await setupProject(server, []);
		const label = await signUp(server.url, 'Label Person');
		const s = await as(label.client);
		expect((await join(s, versionId)).ok).toBe(false);
		await addMember(owner.client, projectId, label.email, 'label');
		expect((await join(s, versionId)).ok).toBe(true);
	});
});
