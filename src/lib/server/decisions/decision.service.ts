import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { newId, nowIso } from '../db/ids';
import { writeTransaction, type Tx } from '../db/transaction';
import { AppError, badRequest, conflict, forbidden, notFound } from '../http/errors';
import { appendLog } from '../log/log.service';
import { requireRole } from '../projects/access';
import type { DecisionKind } from './approval.rules';
import {
	computeOne,
	getSongStatuses,
	latestOf,
	lockFinal,
	type Approval
} from './approval.service';
import {
	findVersionFacts,
	insertDecision,
	listHeldLocks,
	listSongsVersionFacts,
	nextOrdinal,
	releaseLock,
	type VersionFacts
} from './decision.repository';
import { toVersionDto } from '../versions/version.dto';
import { findVersion } from '../versions/version.repository';
import { publishDecision } from './decision.events';

export interface DecisionInput {
	decision: DecisionKind;
	note?: string | null;
}

const label = (v: VersionFacts) => `v${v.number} of “${v.songTitle}”`;

/**
 * The one way a decision is recorded. Only artists, labels and owners decide (403 for others,
 * 404 outside the project); asking for changes needs a note; decisions go on the song's latest
 * version, except a request for changes that reopens the approved final. Logs `decision.recorded`,
 * plus `version.approved` when the decision completes the approvals (the final is then locked)
 * or `version.reopened` when it reopens the final. Sockets hear of it after the commit.
 */
export async function recordDecision(db: Db, user: User, versionId: string, input: DecisionInput) {
	const note = input.note?.trim() || null;
	const result = await writeTransaction(db, async (tx) => {
		const v = await findVersionFacts(tx, versionId);
		if (!v) throw notFound('That version');
		const access = await requireRole(tx, v.projectId, user, 'decide', 'That version');
		if (input.decision === 'changes_requested' && !note) {
			throw badRequest(
				'Say what should change: a request for changes needs a note the engineer can act on.',
				'note_required'
			);
		}
		const before = await computeOne(tx, v);
		const held = before.held;
		const reopening = !!held && input.decision === 'changes_requested';
		const latest = latestOf(await listSongsVersionFacts(tx, [v.songId]));
		if (latest?.id !== v.id && !reopening) {
			throw conflict(
				'not_latest',
				latest
					? `${label(v)} is not the latest version (v${latest.number} is). Decide on the latest one.`
					: `${label(v)} failed to process; there is nothing to decide on.`
			);
		}
		if (held && input.decision === 'approved') {
			throw conflict('already_approved', `${label(v)} is already the approved, locked final.`);
		}
		if (reopening && access.role !== 'owner' && !before.approvers.some((a) => a.id === user.id)) {
			throw forbidden('Only an approver or an owner can reopen the approved final.');
		}

		const decision = {
			id: newId(),
			decision: input.decision,
			note,
			by: { id: user.id, name: user.name, role: access.role as string },
			at: nowIso()
		};
		await insertDecision(tx, {
			id: decision.id,
			version: v,
			userId: user.id,
			role: access.role,
			decision: input.decision,
			note,
			ordinal: await nextOrdinal(tx, v.id),
			createdAt: decision.at
		});
		const requested = input.decision === 'changes_requested';
		let roundsNote = '';
		if (requested) {
			const { rounds } = (await getSongStatuses(tx, v.projectId, [v.songId])).get(v.songId)!;
			if (rounds.exceeded && rounds.included !== null) {
				roundsNote = ` — round ${rounds.current} goes past the ${rounds.included} included`;
			}
		}
		await appendLog(tx, {
			projectId: v.projectId,
			type: 'decision.recorded',
			actorId: user.id,
			songId: v.songId,
			versionId: v.id,
			summary: requested
				? `${user.name} requested changes on ${label(v)}: “${clip(note!)}”${roundsNote}`
				: `${user.name} approved ${label(v)}${note ? `: “${clip(note)}”` : ''}`,
			data: { decisionId: decision.id, decision: input.decision, note, role: access.role }
		});
		if (reopening) {
			await releaseLock(tx, held.id, { at: decision.at, by: user.id, reason: note! });
			await appendLog(tx, {
				projectId: v.projectId,
				type: 'version.reopened',
				actorId: user.id,
				songId: v.songId,
				versionId: v.id,
				summary: `${user.name} reopened the approved final ${label(v)}: “${clip(note!)}”`,
				data: { lockId: held.id, reason: note, sha256: held.sha256 }
			});
		}
		let after = await computeOne(tx, v);
		if (!after.held && after.approval.state === 'approved') {
			await lockFinal(tx, v, after, user, ': every approver has approved it');
			after = await computeOne(tx, v);
		}
		return { decision, version: v, approval: after.approval, warning: roundsNote || null };
	});
	await publishDecision(db, versionId, result.decision, result.approval.state);
	const v = result.version;
	const song = (await getSongStatuses(db, v.projectId, [v.songId])).get(v.songId)!;
	const record = (await findVersion(db, versionId))!;
	return {
		...result,
		versionDto: toVersionDto(record, { approval: result.approval }),
		song: {
			id: v.songId,
			state: song.state,
			finalVersionId: song.finalVersionId,
			rounds: song.rounds
		}
	};
}

const clip = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function finalLocked(v: { number: number; songTitle: string }, what: string) {
	return new AppError(
		409,
		'final_locked',
		`v${v.number} of “${v.songTitle}” is the approved final and is locked: ${what}`
	);
}

/** For the versions module: deleting or replacing an approved final is refused (409). */
export async function assertVersionMutable(db: Tx, versionId: string): Promise<void> {
	const v = await findVersionFacts(db, versionId);
	if (!v) return;
	const [held] = await listHeldLocks(db, [v.songId]);
	if (held?.versionId === v.id) {
		throw finalLocked(v, 'it cannot be deleted or replaced. An approver can reopen it first.');
	}
}

/**
 * For the upload path, before the body is read and again inside the upload's transaction: a song
 * whose final is approved takes a new version only with `confirmReopen` (409 `final_locked`
 * otherwise). Returns the final that the upload will reopen, if any.
 */
export async function assertSongAcceptsUpload(
	db: Tx,
	songId: string,
	opts: { confirmReopen: boolean }
): Promise<{ reopens: { versionId: string; number: number } | null }> {
	const [held] = await listHeldLocks(db, [songId]);
	if (!held) return { reopens: null };
	const v = (await findVersionFacts(db, held.versionId))!;
	if (!opts.confirmReopen) {
		throw finalLocked(
			v,
			'a new version reopens review. Confirm to upload anyway (confirmReopen=1); everyone will see the final was reopened.'
		);
	}
	return { reopens: { versionId: v.id, number: v.number } };
}

/**
 * Inside the upload's transaction, after the new version's row is inserted: releases the song's
 * locked final (if any) and logs `version.reopened` so the reopening is visible. Returns the
 * reopened version's id, whose `version:updated` the caller publishes after the commit.
 */
export async function reopenFinalForUpload(
	tx: Tx,
	user: Pick<User, 'id' | 'name'>,
	songId: string,
	newVersion: { id: string; number: number }
): Promise<string | null> {
	const [held] = await listHeldLocks(tx, [songId]);
	if (!held) return null;
	const v = (await findVersionFacts(tx, held.versionId))!;
	const reason = `v${newVersion.number} was uploaded over the approved final`;
	await releaseLock(tx, held.id, { at: nowIso(), by: user.id, reason });
	await appendLog(tx, {
		projectId: v.projectId,
		type: 'version.reopened',
		actorId: user.id,
		songId,
		versionId: v.id,
		summary: `${user.name} uploaded v${newVersion.number} over the approved final ${label(v)}: review is open again`,
		data: { lockId: held.id, reason, newVersionId: newVersion.id, sha256: held.sha256 }
	});
	return v.id;
}

export type { Approval };
