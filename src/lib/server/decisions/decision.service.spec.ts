import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { AppError } from '../http/errors';
import { listLogEvents } from '../log/log.repository';
import { updateBrief } from '../projects/brief.service';
import { changeMemberRole, inviteMember, removeMember } from '../projects/member.service';
import { updateProject } from '../projects/project.service';
import { bus } from '../realtime/bus';
import { getApproval, getSongStatuses } from './approval.service';
import {
	assertSongAcceptsUpload,
	assertVersionMutable,
	recordDecision,
	reopenFinalForUpload
} from './decision.service';
import { addVersion, makeProject, makeUser, openTestDb } from './testing';

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await openTestDb()));
afterAll(() => cleanup());

/** Runs fn and returns the AppError it threw (fails the test if it did not throw one). */
async function refusal(fn: () => Promise<unknown>): Promise<AppError> {
	try {
		await fn();
	} catch (e) {
		if (e instanceof AppError) return e;
		throw e;
	}
	throw new Error('expected an AppError');
}

const approve = (u: Parameters<typeof recordDecision>[1], v: string) =>
	recordDecision(db, u, v, { decision: 'approved' });
const requestChanges = (u: Parameters<typeof recordDecision>[1], v: string, note = 'More vocal') =>
	recordDecision(db, u, v, { decision: 'changes_requested', note });
const state = async (v: string) => (await getApproval(db, v))!.state;
const logTypes = async (projectId: string) =>
	(await listLogEvents(db, projectId, { limit: 100 })).map((e) => e.type);

describe('approvers', () => {
	it('are the label members; an artist’s and an owner’s approvals do not replace theirs', async () => {
		const p = await makeProject(db, ['label', 'label', 'artist', 'engineer']);
		const [labelA, labelB, artist] = p.members;
		const v1 = await addVersion(db, p);
		const approval = (await getApproval(db, v1.id))!;
		expect(approval.state).toBe('in_review');
		expect(approval.approvers.map((a) => a.id)).toEqual([labelA.id, labelB.id]);
		await approve(artist, v1.id);
		await approve(p.owner, v1.id);
		expect(await state(v1.id)).toBe('in_review');
		await approve(labelA, v1.id);
		expect(await state(v1.id)).toBe('in_review');
		const done = await approve(labelB, v1.id);
		expect(done.approval).toMatchObject({
			state: 'approved',
			locked: true,
			sha256: v1.sha256,
			approvedBy: { id: labelB.id, role: 'label' }
		});
		expect(done.approval.signedOffBy.map((a) => a.id)).toEqual([labelA.id, labelB.id]);
		expect(done.approval.decisions).toHaveLength(4);
		expect(await logTypes(p.projectId)).toEqual(
			expect.arrayContaining(['decision.recorded', 'version.approved'])
		);
		const songs = await getSongStatuses(db, p.projectId, [p.songId]);
		expect(songs.get(p.songId)).toMatchObject({ state: 'approved', finalVersionId: v1.id });
	});

	it('are the artists where there is no label, unless the owner chose labels or artists', async () => {
		const p = await makeProject(db, ['artist', 'artist']);
		const v1 = await addVersion(db, p);
		expect((await getApproval(db, v1.id))!.approvers.map((a) => a.role)).toEqual([
			'artist',
			'artist'
		]);
		const withLabel = await makeProject(db, ['label', 'artist']);
		await updateProject(db, withLabel.owner, withLabel.projectId, { approverRole: 'artist' });
		const v = await addVersion(db, withLabel);
		const a = (await getApproval(db, v.id))!;
		expect(a.approvers.map((x) => x.id)).toEqual([withLabel.members[1].id]);
		await approve(withLabel.members[1], v.id);
		expect(await state(v.id)).toBe('approved');
	});

	it('fall back to the owners when the project has neither label nor artist', async () => {
		const p = await makeProject(db, ['engineer']);
		const v1 = await addVersion(db, p);
		expect((await getApproval(db, v1.id))!.approvers.map((a) => a.id)).toEqual([p.owner.id]);
		await approve(p.owner, v1.id);
		expect(await state(v1.id)).toBe('approved');
	});
});

describe('requests for changes', () => {
	it('need a note, and win over earlier approvals until every approver approves again', async () => {
		const p = await makeProject(db, ['label', 'label', 'artist']);
		const [labelA, labelB, artist] = p.members;
		const v1 = await addVersion(db, p);
		const noNote = await refusal(() =>
			recordDecision(db, artist, v1.id, { decision: 'changes_requested', note: '  ' })
		);
		expect([noNote.status, noNote.code]).toEqual([400, 'note_required']);
		await approve(labelA, v1.id);
		await requestChanges(artist, v1.id, 'The snare is too loud at 1:32');
		const a = (await getApproval(db, v1.id))!;
		expect(a.state).toBe('changes_requested');
		// labelA's approval came before the request: it no longer stands.
		expect(a.approvers.map((x) => x.decision)).toEqual([null, null]);
		await approve(labelB, v1.id);
		expect(await state(v1.id)).toBe('in_review');
		await approve(labelA, v1.id);
		expect(await state(v1.id)).toBe('approved');
	});

	it('an approver’s request for changes shows as their decision', async () => {
		const p = await makeProject(db, ['label']);
		const v1 = await addVersion(db, p);
		await requestChanges(p.members[0], v1.id);
		expect((await getApproval(db, v1.id))!.approvers[0].decision).toBe('changes_requested');
	});

	it('only artists, labels and owners decide; outsiders do not see the version', async () => {
		const p = await makeProject(db, ['engineer', 'viewer', 'label']);
		const v1 = await addVersion(db, p);
		for (const u of p.members.slice(0, 2)) {
			expect((await refusal(() => approve(u, v1.id))).status).toBe(403);
		}
		const outsider = await makeUser(db, 'Oscar');
		expect((await refusal(() => approve(outsider, v1.id))).status).toBe(404);
		expect((await refusal(() => approve(outsider, 'nope'))).status).toBe(404);
	});

	it('go on the latest version only (409 not_latest), failed uploads aside', async () => {
		const p = await makeProject(db, ['label']);
		const v1 = await addVersion(db, p);
		const v2 = await addVersion(db, p);
		const old = await refusal(() => approve(p.members[0], v1.id));
		expect([old.status, old.code]).toEqual([409, 'not_latest']);
		await addVersion(db, p, { status: 'failed' });
		await approve(p.members[0], v2.id);
		expect(await state(v2.id)).toBe('approved');
	});
});

describe('approvers change after decisions', () => {
	it('removing the approver who had not approved completes the approval and locks it', async () => {
		const p = await makeProject(db, ['label', 'label']);
		const [labelA, labelB] = p.members;
		const v1 = await addVersion(db, p);
		await approve(labelA, v1.id);
		const events: string[] = [];
		const off = bus.on('version.event', (e) => events.push(e.event));
		await removeMember(db, p.owner, p.projectId, labelB.id);
		off();
		const a = (await getApproval(db, v1.id))!;
		expect(a).toMatchObject({ state: 'approved', locked: true, approvedBy: { id: labelA.id } });
		expect(events).toContain('version:updated');
		expect(await logTypes(p.projectId)).toContain('version.approved');
	});

	it('a role change re-evaluates: a label made viewer stops being an approver', async () => {
		const p = await makeProject(db, ['label', 'label']);
		const [labelA, labelB] = p.members;
		const v1 = await addVersion(db, p);
		await approve(labelA, v1.id);
		await changeMemberRole(db, p.owner, p.projectId, labelB.id, 'viewer');
		expect(await state(v1.id)).toBe('approved');
	});

	it('the last label becoming an artist hands approval to the artists', async () => {
		const p = await makeProject(db, ['label', 'artist']);
		const [label, artist] = p.members;
		const v1 = await addVersion(db, p);
		await approve(artist, v1.id);
		expect(await state(v1.id)).toBe('in_review');
		await changeMemberRole(db, p.owner, p.projectId, label.id, 'engineer');
		expect(await state(v1.id)).toBe('approved');
	});

	it('a locked final stays approved and auditable when members change later', async () => {
		const p = await makeProject(db, ['artist']);
		const [artist] = p.members;
		const v1 = await addVersion(db, p);
		await approve(artist, v1.id);
		const newcomer = await makeUser(db, 'New Label');
		await inviteMember(db, p.owner, p.projectId, { email: newcomer.email, role: 'label' });
		await removeMember(db, p.owner, p.projectId, artist.id);
		const a = (await getApproval(db, v1.id))!;
		expect(a).toMatchObject({ state: 'approved', locked: true, approvedBy: { id: artist.id } });
		expect(a.signedOffBy.map((x) => x.name)).toEqual([artist.name]);
		expect(a.approvers.map((x) => x.id)).toEqual([newcomer.id]);
	});
});

describe('the locked final', () => {
	it('cannot be deleted or replaced, nor approved twice', async () => {
		const p = await makeProject(db, ['label', 'artist']);
		const v1 = await addVersion(db, p);
		await assertVersionMutable(db, v1.id);
		await approve(p.members[0], v1.id);
		const locked = await refusal(() => assertVersionMutable(db, v1.id));
		expect([locked.status, locked.code]).toEqual([409, 'final_locked']);
		const again = await refusal(() => approve(p.members[1], v1.id));
		expect([again.status, again.code]).toEqual([409, 'already_approved']);
	});

	it('is reopened by an approver (or owner) with a reason, not by others', async () => {
		const p = await makeProject(db, ['label', 'artist']);
		const [label, artist] = p.members;
		const v1 = await addVersion(db, p);
		await approve(label, v1.id);
		expect((await refusal(() => requestChanges(artist, v1.id))).status).toBe(403);
		const reopened = await requestChanges(label, v1.id, 'Bass too loud on earbuds');
		expect(reopened.approval).toMatchObject({
			state: 'changes_requested',
			locked: false,
			approvedAt: null
		});
		await assertVersionMutable(db, v1.id);
		const log = await listLogEvents(db, p.projectId, { limit: 5, types: ['version.reopened'] });
		expect(log[0].summary).toMatch(/reopened the approved final v1.*Bass too loud/);
		// A fresh round of approvals locks it again; the owner may reopen too.
		await approve(label, v1.id);
		expect(await state(v1.id)).toBe('approved');
		await requestChanges(p.owner, v1.id, 'Label asked for a radio edit');
		expect(await state(v1.id)).toBe('changes_requested');
	});

	it('can be reopened even when it is not the latest version', async () => {
		const p = await makeProject(db, ['label']);
		const v1 = await addVersion(db, p);
		await approve(p.members[0], v1.id);
		await addVersion(db, p, { status: 'failed' });
		await addVersion(db, p); // inserted behind the lock's back, as a race could
		await requestChanges(p.members[0], v1.id, 'Wrong master');
		expect(await state(v1.id)).toBe('changes_requested');
	});

	it('a new upload needs confirmation, then reopens review visibly', async () => {
		const p = await makeProject(db, ['label']);
		const v1 = await addVersion(db, p);
		await approve(p.members[0], v1.id);
		const refused = await refusal(() =>
			assertSongAcceptsUpload(db, p.songId, { confirmReopen: false })
		);
		expect([refused.status, refused.code]).toEqual([409, 'final_locked']);
		expect(refused.message).toMatch(/confirmReopen/);
		expect(await assertSongAcceptsUpload(db, p.songId, { confirmReopen: true })).toEqual({
			reopens: { versionId: v1.id, number: 1 }
		});
		const v2 = await addVersion(db, p);
		expect(await reopenFinalForUpload(db, p.owner, p.songId, v2)).toBe(v1.id);
		expect(await reopenFinalForUpload(db, p.owner, p.songId, v2)).toBeNull();
		const song = (await getSongStatuses(db, p.projectId, [p.songId])).get(p.songId)!;
		expect(song).toMatchObject({ state: 'in_review', finalVersionId: null });
		// The old approvals were consumed by the lock: v1 is no longer approved.
		expect(await getApproval(db, v1.id)).toMatchObject({ state: 'in_review', locked: false });
		const log = await listLogEvents(db, p.projectId, { limit: 5, types: ['version.reopened'] });
		expect(log[0].summary).toMatch(/uploaded v2 over the approved final v1/);
		expect(await assertSongAcceptsUpload(db, p.songId, { confirmReopen: false })).toEqual({
			reopens: null
		});
	});
});

describe('revision rounds', () => {
	it('count each request answered by a new version, against the brief’s included rounds', async () => {
		const p = await makeProject(db, ['artist']);
		const [artist] = p.members;
		await updateBrief(db, p.owner, p.projectId, {
			vision: '',
			tone: '',
			notes: '',
			keyElements: [],
			revisionRounds: 1
		});
		const rounds = async () =>
			(await getSongStatuses(db, p.projectId, [p.songId])).get(p.songId)!.rounds;
		expect((await getSongStatuses(db, p.projectId, [p.songId])).get(p.songId)!.state).toBe('empty');
		const v1 = await addVersion(db, p);
		expect(await rounds()).toMatchObject({ used: 0, current: 0, included: 1, pending: false });
		const first = await requestChanges(artist, v1.id);
		expect(first.warning).toBeNull();
		await requestChanges(p.owner, v1.id, 'and the bass');
		expect(await rounds()).toMatchObject({ used: 0, current: 1, pending: true, exceeded: false });
		const v2 = await addVersion(db, p);
		expect(await rounds()).toMatchObject({ used: 1, current: 1, pending: false });
		const second = await requestChanges(artist, v2.id, 'Still too quiet');
		expect(second.warning).toMatch(/round 2 goes past the 1 included/);
		expect(await rounds()).toMatchObject({ used: 1, current: 2, exceeded: true });
		await addVersion(db, p, { status: 'failed' });
		expect(await rounds()).toMatchObject({ used: 1, pending: true });
		await addVersion(db, p);
		expect(await rounds()).toMatchObject({ used: 2, pending: false, exceeded: true });
	});
});
