import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/client';
import { MEMBER_ROLES, projectWithTeam, type MemberRole } from '../support/project';
import { seedVersion } from '../support/seed';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let team: Awaited<ReturnType<typeof projectWithTeam>>;
let versionId: string;

beforeAll(async () => {
	server = await startServer();
	team = await projectWithTeam(server.url);
	versionId = seedVersion(server.dataDir, { projectId: team.projectId, songId: team.songId }).id;
});
afterAll(() => server?.stop());

type Call = {
	name: string;
	method: string;
	path: () => string;
	body?: () => unknown;
	/** Roles allowed; the rest of the members get 403, outsiders 404, anonymous 401. */
	allowed: readonly MemberRole[];
	ok: number;
};

const all = MEMBER_ROLES;
const p = () => `/api/v1/projects/${team.projectId}`;
const brief = () => ({ vision: 'v', tone: 't', notes: '', keyElements: [{ text: 'Vocals' }] });

const calls: Call[] = [
	{ name: 'read project', method: 'GET', path: p, allowed: all, ok: 200 },
	{ name: 'read brief', method: 'GET', path: () => `${p()}/brief`, allowed: all, ok: 200 },
	{
		name: 'brief history',
		method: 'GET',
		path: () => `${p()}/brief/history`,
		allowed: all,
		ok: 200
	},
	{ name: 'read log', method: 'GET', path: () => `${p()}/log`, allowed: all, ok: 200 },
	{ name: 'list members', method: 'GET', path: () => `${p()}/members`, allowed: all, ok: 200 },
	{ name: 'list songs', method: 'GET', path: () => `${p()}/songs`, allowed: all, ok: 200 },
	{
		name: 'read song',
		method: 'GET',
		path: () => `/api/v1/songs/${team.songId}`,
		allowed: all,
		ok: 200
	},
	{
		name: 'edit brief',
		method: 'PUT',
		path: () => `${p()}/brief`,
		body: brief,
		allowed: ['owner', 'engineer', 'artist'],
		ok: 200
	},
	{
		name: 'add reference',
		method: 'POST',
		path: () => `${p()}/references`,
		body: () => ({ title: 'Ref' }),
		allowed: ['owner', 'engineer', 'artist'],
		ok: 201
	},
	{
		name: 'add song',
		method: 'POST',
		path: () => `${p()}/songs`,
		body: () => ({ title: 'Another' }),
		allowed: ['owner', 'engineer'],
		ok: 201
	},
	{
		name: 'invite member',
		method: 'POST',
		path: () => `${p()}/members`,
		body: () => ({ email: `x-${Math.random()}@example.test`, role: 'viewer' }),
		allowed: ['owner'],
		ok: 201
	},
	{
		name: 'change a role',
		method: 'PATCH',
		path: () => `${p()}/members/${team.users.viewer.id}`,
		body: () => ({ role: 'viewer' }),
		allowed: ['owner'],
		ok: 200
	},
	{
		name: 'song log',
		method: 'GET',
		path: () => `/api/v1/songs/${team.songId}/log`,
		allowed: all,
		ok: 200
	},
	{
		// A request for changes is never refused for being on a locked final, so every allowed
		// role gets 201 in turn.
		name: 'decide on a version',
		method: 'POST',
		path: () => `/api/v1/versions/${versionId}/decision`,
		body: () => ({ decision: 'changes_requested', note: 'More vocal' }),
		allowed: ['owner', 'artist', 'label'],
		ok: 201
	},
	{
		name: 'project settings',
		method: 'PATCH',
		path: p,
		body: () => ({ title: 'Team project' }),
		allowed: ['owner'],
		ok: 200
	}
];

describe('access matrix: every route, every role, outsiders and anonymous', () => {
	for (const call of calls) {
		it(call.name, async () => {
			for (const role of MEMBER_ROLES) {
				const res = await team.clients[role].request(call.method, call.path(), call.body?.());
				const expected = call.allowed.includes(role) ? call.ok : 403;
				expect(res.status, `${role} → ${call.method} ${call.name}`).toBe(expected);
				if (expected === 403) expect(res.json.error.code).toBe('forbidden');
			}
			const outsider = await team.outsider.request(call.method, call.path(), call.body?.());
			expect(outsider.status, `outsider → ${call.name}`).toBe(404);
			expect(outsider.json.error.code).toBe('not_found');
			const anon = await new ApiClient(server.url).request(call.method, call.path(), call.body?.());
			expect(anon.status, `anonymous → ${call.name}`).toBe(401);
		});
	}

	it('an unknown id answers 404 exactly like another project', async () => {
		const res = await team.clients.owner.get('/api/v1/projects/doesnotexist');
		expect(res.status).toBe(404);
		const other = await team.outsider.get('/api/v1/projects');
		const foreignId = other.json.projects[0].id;
		const foreign = await team.clients.owner.get(`/api/v1/projects/${foreignId}`);
		expect(foreign.status).toBe(404);
		expect(foreign.json).toEqual(res.json);
	});

	it('a removed member loses access at once', async () => {
		const { clients, users, projectId } = team;
		expect((await clients.label.get(`/api/v1/projects/${projectId}`)).status).toBe(200);
		const del = await clients.owner.delete(
			`/api/v1/projects/${projectId}/members/${users.label.id}`
		);
		expect(del.status).toBe(204);
		expect((await clients.label.get(`/api/v1/projects/${projectId}`)).status).toBe(404);
		const list = await clients.label.get('/api/v1/projects');
		expect(list.json.projects.map((x: { id: string }) => x.id)).not.toContain(projectId);
	});

	it('the last owner cannot leave or be demoted', async () => {
		const { clients, users, projectId } = team;
		const demote = await clients.owner.patch(
			`/api/v1/projects/${projectId}/members/${users.owner.id}`,
			{
				role: 'engineer'
			}
		);
		expect(demote.status).toBe(409);
		expect(demote.json.error.code).toBe('last_owner');
	});
});

describe('members and the brief', () => {
	it('an invite for an unknown e-mail waits until that person signs up', async () => {
		const { clients, projectId } = team;
		const email = `later-${Date.now()}@example.test`;
		const inv = await clients.owner.post(`/api/v1/projects/${projectId}/members`, {
			email,
			role: 'label'
		});
		expect(inv.status).toBe(201);
		expect(inv.json.member).toMatchObject({
			email,
			role: 'label',
			status: 'invited',
			userId: null
		});
		const dup = await clients.owner.post(`/api/v1/projects/${projectId}/members`, {
			email,
			role: 'label'
		});
		expect(dup.status).toBe(409);
		const later = new ApiClient(server.url);
		await later.post('/api/v1/auth/register', {
			email,
			password: 'correct horse battery',
			name: 'Lena Label'
		});
		const project = await later.get(`/api/v1/projects/${projectId}`);
		expect(project.status).toBe(200);
		expect(project.json.project.myRole).toBe('label');
	});

	it('every brief save is a revision; key elements keep their ids; stale saves conflict', async () => {
		const { clients, projectId } = team;
		const first = await clients.artist.put(`/api/v1/projects/${projectId}/brief`, {
			vision: 'Night drive',
			tone: 'warm and organic',
			notes: '',
			keyElements: [{ text: 'Vocals upfront' }, { text: 'Punchy drums' }],
			revisionRounds: 3
		});
		expect(first.status).toBe(200);
		const r1 = first.json.brief;
		expect(r1.keyElements[0].id).toMatch(/^[a-z0-9]+$/);
		const second = await clients.engineer.put(`/api/v1/projects/${projectId}/brief`, {
			...r1,
			tone: 'modern and wide',
			baseRevision: r1.revision
		});
		expect(second.status).toBe(200);
		expect(second.json.brief.revision).toBe(r1.revision + 1);
		expect(second.json.brief.keyElements.map((k: { id: string }) => k.id)).toEqual(
			r1.keyElements.map((k: { id: string }) => k.id)
		);
		expect(second.json.brief.revisionRounds).toBe(3);
		const stale = await clients.owner.put(`/api/v1/projects/${projectId}/brief`, {
			...r1,
			baseRevision: r1.revision
		});
		expect(stale.status).toBe(409);
		const history = await clients.viewer.get(`/api/v1/projects/${projectId}/brief/history`);
		const revs = history.json.revisions;
		expect(revs[0]).toMatchObject({ revision: r1.revision + 1, tone: 'modern and wide' });
		expect(revs[1]).toMatchObject({ revision: r1.revision, tone: 'warm and organic' });
		expect(revs[0].updatedBy.name).toBe('engineer person');
		const log = await clients.viewer.get(`/api/v1/projects/${projectId}/log?type=brief.updated`);
		expect(log.json.events[0].summary).toMatch(/tone/);
	});

	it('rejects bad input with 400 and a readable message', async () => {
		const { clients, projectId } = team;
		const bad = await clients.owner.post(`/api/v1/projects/${projectId}/references`, {
			title: 'x',
			url: 'javascript:alert(1)'
		});
		expect(bad.status).toBe(400);
		expect(bad.json.error.message).toMatch(/http/);
		const role = await clients.owner.post(`/api/v1/projects/${projectId}/members`, {
			email: 'a@b.test',
			role: 'admin'
		});
		expect(role.status).toBe(400);
		expect(role.json.error.message).toMatch(/owner, engineer/);
	});
});
