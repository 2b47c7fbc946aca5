import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio/testing';
import { tone, upload } from '../support/audio';
import { ApiClient } from '../support/client';
import { projectWithTeam } from '../support/project';
import { seedVersion } from '../support/seed';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let team: Awaited<ReturnType<typeof projectWithTeam>>;

beforeAll(async () => {
	server = await startServer();
	team = await projectWithTeam(server.url);
});
afterAll(() => server?.stop());

const decide = (client: ApiClient, versionId: string, body: object) =>
	client.post(`/api/v1/versions/${versionId}/decision`, body);

async function newSong(title: string) {
	const res = await team.clients.owner.post(`/api/v1/projects/${team.projectId}/songs`, { title });
	return res.json.song.id as string;
}
const seed = (songId: string) => seedVersion(server.dataDir, { projectId: team.projectId, songId });
const song = async (id: string) => (await team.clients.viewer.get(`/api/v1/songs/${id}`)).json.song;

describe('decisions through the API', () => {
	it('only artist, label and owner decide; a request for changes needs a note', async () => {
		const v = seed(await newSong('Permissions'));
		const { clients, outsider } = team;
		for (const role of ['engineer', 'viewer'] as const) {
			const res = await decide(clients[role], v.id, { decision: 'approved' });
			expect(res.status, role).toBe(403);
			expect(res.json.error.code).toBe('forbidden');
		}
		expect((await decide(outsider, v.id, { decision: 'approved' })).status).toBe(404);
		expect((await decide(new ApiClient(server.url), v.id, { decision: 'approved' })).status).toBe(
			401
		);
		expect((await decide(clients.owner, 'missing', { decision: 'approved' })).status).toBe(404);
		const bad = await decide(clients.artist, v.id, { decision: 'maybe' });
		expect([bad.status, bad.json.error.code]).toEqual([400, 'invalid_input']);
		const noNote = await decide(clients.artist, v.id, { decision: 'changes_requested' });
		expect([noNote.status, noNote.json.error.code]).toEqual([400, 'note_required']);
	});

	it('runs the state machine: changes requested → new version → approved and locked', async () => {
		const { clients, users } = team;
		const songId = await newSong('State machine');
		const v1 = seed(songId);
		const asked = await decide(clients.artist, v1.id, {
			decision: 'changes_requested',
			note: 'At 1:32 the vocal drops under the guitars'
		});
		expect(asked.status).toBe(201);
		expect(asked.json.decision).toMatchObject({
			decision: 'changes_requested',
			by: { id: users.artist.id, role: 'artist' }
		});
		expect(asked.json.version.approval.state).toBe('changes_requested');
		expect(asked.json.song).toMatchObject({
			state: 'changes_requested',
			rounds: { pending: true }
		});

		const v2 = seed(songId);
		const stale = await decide(clients.label, v1.id, { decision: 'approved' });
		expect([stale.status, stale.json.error.code]).toEqual([409, 'not_latest']);
		expect((await song(songId)).rounds).toMatchObject({ used: 1, current: 1, pending: false });

		// The owner's approval is recorded but the label is the approver.
		await decide(clients.owner, v2.id, { decision: 'approved' });
		expect((await song(songId)).state).toBe('in_review');
		const approved = await decide(clients.label, v2.id, { decision: 'approved', note: 'Ship it' });
		expect(approved.status).toBe(201);
		const approval = approved.json.version.approval;
		expect(approval).toMatchObject({
			state: 'approved',
			locked: true,
			sha256: v2.sha256,
			approvedBy: { id: users.label.id, name: users.label.name, role: 'label' },
			approvers: [{ id: users.label.id, decision: 'approved' }]
		});
		expect(Date.parse(approval.approvedAt)).not.toBeNaN();
		expect(approval.decisions.map((d: { decision: string }) => d.decision)).toEqual([
			'approved',
			'approved'
		]);
		expect(await song(songId)).toMatchObject({ state: 'approved', finalVersionId: v2.id });
		const version = (await clients.viewer.get(`/api/v1/versions/${v2.id}`)).json.version;
		expect(version.approval).toMatchObject({ state: 'approved', locked: true, sha256: v2.sha256 });
		const again = await decide(clients.artist, v2.id, { decision: 'approved' });
		expect([again.status, again.json.error.code]).toEqual([409, 'already_approved']);
		const project = (await clients.viewer.get(`/api/v1/projects/${team.projectId}`)).json.project;
		expect(project.songs.find((s: { id: string }) => s.id === songId).state).toBe('approved');

		// Only an approver (or owner) reopens; the reason is the note.
		const artistReopen = await decide(clients.artist, v2.id, {
			decision: 'changes_requested',
			note: 'x'
		});
		expect(artistReopen.status).toBe(403);
		const reopened = await decide(clients.label, v2.id, {
			decision: 'changes_requested',
			note: 'Radio needs -1 dB true peak'
		});
		expect(reopened.status).toBe(201);
		expect(reopened.json.version.approval).toMatchObject({
			state: 'changes_requested',
			locked: false
		});
		expect(await song(songId)).toMatchObject({ state: 'changes_requested', finalVersionId: null });
		const log = await clients.viewer.get(`/api/v1/songs/${songId}/log?kind=decisions`);
		expect(log.json.events.map((e: { type: string }) => e.type)).toEqual([
			'version.reopened',
			'decision.recorded',
			'version.approved',
			'decision.recorded',
			'decision.recorded',
			'decision.recorded'
		]);
		expect(log.json.events[0].summary).toMatch(/label person reopened the approved final v2/);
	});

	it('locks the final against uploads unless confirmed; a confirmed upload reopens it visibly', async () => {
		const { clients } = team;
		const songId = await newSong('Locked');
		const v1 = seed(songId);
		expect((await decide(clients.label, v1.id, { decision: 'approved' })).status).toBe(201);
		const wav = encodeWav({ sampleRate: 44100, bitDepth: 16, channels: tone(44100, 2, 1) });
		const refused = await upload(clients.engineer, songId, wav, 'filename=v2.wav');
		expect(refused.status).toBe(409);
		expect(refused.json.error.code).toBe('final_locked');
		expect(refused.json.error.message).toMatch(/confirmReopen=1/);
		const tusRefused = await clients.engineer.request('POST', '/api/v1/uploads', undefined, {
			'tus-resumable': '1.0.0',
			'upload-length': String(wav.length),
			'upload-metadata': `songId ${Buffer.from(songId).toString('base64')}`
		});
		expect(tusRefused.status).toBe(409);
		const accepted = await upload(clients.engineer, songId, wav, 'filename=v2.wav&confirmReopen=1');
		expect(accepted.status, accepted.text).toBe(201);
		expect(accepted.json.version).toMatchObject({ number: 2, approval: { state: 'in_review' } });
		expect(await song(songId)).toMatchObject({ state: 'in_review', finalVersionId: null });
		const old = (await clients.viewer.get(`/api/v1/versions/${v1.id}`)).json.version;
		expect(old.approval).toMatchObject({ state: 'in_review', locked: false });
		const log = await clients.viewer.get(
			`/api/v1/projects/${team.projectId}/log?songId=${songId}&type=version.reopened`
		);
		expect(log.json.events).toHaveLength(1);
		expect(log.json.events[0]).toMatchObject({ versionId: v1.id, kind: 'decisions' });
		expect(log.json.events[0].summary).toMatch(/uploaded v2 over the approved final v1/);
	});

	it('counts rounds against the brief and warns when a request goes past them', async () => {
		const { clients } = team;
		const brief = (await clients.owner.get(`/api/v1/projects/${team.projectId}`)).json.project
			.brief;
		await clients.owner.put(`/api/v1/projects/${team.projectId}/brief`, {
			...brief,
			revisionRounds: 1
		});
		const songId = await newSong('Rounds');
		const v1 = seed(songId);
		const first = await decide(clients.artist, v1.id, { decision: 'changes_requested', note: 'a' });
		expect(first.json.warning).toBeNull();
		expect(first.json.song.rounds).toMatchObject({ current: 1, included: 1, exceeded: false });
		await new Promise((r) => setTimeout(r, 5));
		const v2 = seed(songId);
		const second = await decide(clients.artist, v2.id, {
			decision: 'changes_requested',
			note: 'b'
		});
		expect(second.json.warning).toMatch(/round 2 goes past the 1 included/);
		expect((await song(songId)).rounds).toMatchObject({ used: 1, current: 2, exceeded: true });
	});
});

describe('the revision log', () => {
	it('filters by song, person and kind; the song log is the project log narrowed', async () => {
		const { clients, users, projectId } = team;
		const p = `/api/v1/projects/${projectId}/log`;
		const all = (await clients.viewer.get(p)).json.events;
		expect(all.length).toBeGreaterThan(5);
		for (const e of all) {
			expect(e).toEqual(
				expect.objectContaining({
					id: expect.any(String),
					type: expect.any(String),
					at: expect.any(String),
					summary: expect.any(String),
					kind: expect.any(String)
				})
			);
		}
		const byLabel = (await clients.viewer.get(`${p}?actorId=${users.label.id}`)).json.events;
		expect(byLabel.length).toBeGreaterThan(0);
		expect(byLabel.every((e: { actor: { id: string } }) => e.actor.id === users.label.id)).toBe(
			true
		);
		const decisions = (await clients.viewer.get(`${p}?kind=decisions`)).json.events;
		expect(
			decisions.every((e: { type: string }) =>
				['decision.recorded', 'version.approved', 'version.reopened'].includes(e.type)
			)
		).toBe(true);
		const both = (await clients.viewer.get(`${p}?kind=decisions&type=version.approved`)).json
			.events;
		expect(both.length).toBeGreaterThan(0);
		expect(both.every((e: { type: string }) => e.type === 'version.approved')).toBe(true);
		expect((await clients.viewer.get(`${p}?kind=brief&type=version.approved`)).json.events).toEqual(
			[]
		);
		const songId = decisions[0].songId;
		const songLog = (await clients.viewer.get(`/api/v1/songs/${songId}/log`)).json.events;
		const narrowed = (await clients.viewer.get(`${p}?songId=${songId}`)).json.events;
		expect(songLog).toEqual(narrowed);
		expect((await team.outsider.get(`/api/v1/songs/${songId}/log`)).status).toBe(404);
		// Newest first, and paged with the cursor.
		const page = (await clients.viewer.get(`${p}?limit=2`)).json.events;
		const next = (await clients.viewer.get(`${p}?limit=2&before=${page[1].cursor}`)).json.events;
		expect(next[0].cursor).toBeLessThan(page[1].cursor);
	});

	it('renders the Log page with filters as plain GET parameters', async () => {
		const { clients, projectId } = team;
		const page = await clients.viewer.get(`/projects/${projectId}/log?kind=decisions`);
		expect(page.status).toBe(200);
		expect(page.text).toContain('Revision log');
		expect(page.text).toMatch(/approved/);
		const empty = await clients.viewer.get(`/projects/${projectId}/log?kind=deliveries`);
		expect(empty.text).toContain('Nothing matches these filters');
	});
});

describe('exports and the brief', () => {
	it('exports a version’s notes as CSV, MIDI markers and REAPER/Audacity lists', async () => {
		const { clients, projectId } = team;
		const brief = (await clients.owner.get(`/api/v1/projects/${projectId}`)).json.project.brief;
		const saved = await clients.owner.put(`/api/v1/projects/${projectId}/brief`, {
			...brief,
			keyElements: [{ text: 'Vocals upfront' }]
		});
		const vocals = saved.json.brief.keyElements[0].id;
		const songId = await newSong('Café "Noir"/Live');
		const v1 = seed(songId);
		const c = (body: object) => clients.artist.post(`/api/v1/versions/${v1.id}/comments`, body);
		expect((await c({ body: 'Vocal too quiet', atMs: 92_250, briefItemId: vocals })).status).toBe(
			201
		);
		expect((await c({ body: 'Intro, too long', atMs: 1_000, endMs: 4_500 })).status).toBe(201);

		const csv = await clients.engineer.get(`/api/v1/versions/${v1.id}/notes.csv`);
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(csv.headers.get('content-disposition')).toBe(
			`attachment; filename="Cafe Noir Live v1 notes.csv"; filename*=UTF-8''Caf%C3%A9%20Noir%20Live%20v1%20notes.csv`
		);
		const rows = csv.text
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(rows[1]).toBe('1,0:01.000,1000,0:04.500,4500,artist person,open,,"Intro, too long",');
		expect(rows[2]).toBe('2,1:32.250,92250,,,artist person,open,Vocals upfront,Vocal too quiet,');

		const mid = await fetch(`${server.url}/api/v1/versions/${v1.id}/notes.mid`, {
			headers: { cookie: clients.engineer.cookie }
		});
		expect(mid.headers.get('content-type')).toBe('audio/midi');
		expect(mid.headers.get('content-disposition')).toMatch(
			/filename="Cafe Noir Live v1 notes\.mid"/
		);
		const bytes = new Uint8Array(await mid.arrayBuffer());
		expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('MThd');
		expect((bytes[12] << 8) | bytes[13]).toBe(500);
		const text = Buffer.from(bytes).toString('latin1');
		expect(text).toContain('1. artist person: Intro, too long (to 0:04.500)');
		expect(text).toContain('2. artist person: Vocal too quiet');

		const reaper = await clients.viewer.get(`/api/v1/versions/${v1.id}/markers.txt?format=reaper`);
		expect(reaper.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(reaper.text).toBe(
			'#,Name,Start,End,Length\nR1,"artist person: Intro, too long",0:01.000,0:04.500,0:03.500\nM1,artist person: Vocal too quiet,1:32.250,,\n'
		);
		const audacity = await clients.viewer.get(
			`/api/v1/versions/${v1.id}/markers.txt?format=audacity`
		);
		expect(audacity.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(audacity.text).toBe(
			'1.000000\t4.500000\tartist person: Intro, too long\n92.250000\t92.250000\tartist person: Vocal too quiet\n'
		);
		const bad = await clients.viewer.get(`/api/v1/versions/${v1.id}/markers.txt?format=protools`);
		expect(bad.status).toBe(400);
		for (const path of ['notes.csv', 'notes.mid', 'markers.txt', 'brief-coverage']) {
			expect((await team.outsider.get(`/api/v1/versions/${v1.id}/${path}`)).status).toBe(404);
			expect(
				(await new ApiClient(server.url).get(`/api/v1/versions/${v1.id}/${path}`)).status
			).toBe(401);
		}
	});

	it('shows a version against the brief: key elements, their notes, and notes it addressed', async () => {
		const { clients, projectId } = team;
		const brief = (await clients.owner.get(`/api/v1/projects/${projectId}`)).json.project.brief;
		const vocals = brief.keyElements[0].id;
		const songId = await newSong('Coverage');
		const v1 = seed(songId);
		const note = await clients.artist.post(`/api/v1/versions/${v1.id}/comments`, {
			body: 'Vocal buried',
			atMs: 5000,
			briefItemId: vocals
		});
		await new Promise((r) => setTimeout(r, 5));
		const v2 = seed(songId);
		const addressed = await clients.engineer.patch(`/api/v1/versions/${v2.id}`, {
			addresses: [note.json.comment.id]
		});
		expect(addressed.status, addressed.text).toBe(200);
		await clients.label.post(`/api/v1/versions/${v2.id}/comments`, {
			body: 'Better. Bit more?',
			atMs: 5000,
			briefItemId: vocals
		});
		const cov = (await clients.viewer.get(`/api/v1/versions/${v2.id}/brief-coverage`)).json;
		expect(cov.keyElements.map((k: { id: string }) => k.id)).toContain(vocals);
		expect(cov.notes).toEqual([
			expect.objectContaining({ body: 'Better. Bit more?', briefItemId: vocals, status: 'open' })
		]);
		expect(cov.addressed).toEqual([
			expect.objectContaining({ body: 'Vocal buried', status: 'addressed', versionNumber: 1 })
		]);
	});
});
