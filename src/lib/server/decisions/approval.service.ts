import { newId, nowIso } from '../db/ids';
import type { Tx } from '../db/transaction';
import { appendLog } from '../log/log.service';
import { getLatestBrief } from '../projects/brief.repository';
import {
	countRounds,
	evaluateApproval,
	selectApprovers,
	type ApprovalState,
	type ApproverStatus,
	type DecisionKind,
	type Evaluation,
	type Person,
	type Rounds
} from './approval.rules';
import {
	insertLock,
	listApproverCandidates,
	listChangeRequests,
	listDecisions,
	listHeldLocks,
	listLocksForVersions,
	listSongsVersionFacts,
	listVersionFacts,
	type FinalLock,
	type VersionFacts
} from './decision.repository';

/** The contract's `version.approval`. `locked` and `signedOffBy` are extensions. */
export interface Approval {
	state: ApprovalState;
	decisions: {
		id: string;
		decision: DecisionKind;
		note: string | null;
		by: Person;
		at: string;
	}[];
	approvers: ApproverStatus[];
	approvedAt: string | null;
	approvedBy: Person | null;
	sha256: string | null;
	/** The version is the song's locked final: it cannot be deleted or replaced. */
	locked: boolean;
	/** Every approver's approval recorded with the lock, kept even if members change later. */
	signedOffBy: (Person & { at: string })[];
}

interface Computed {
	approval: Approval;
	evaluation: Evaluation;
	held: FinalLock | null;
	approvers: Person[];
}

/** Computes approvals for many versions in four queries (no access check: callers check). */
async function compute(db: Tx, facts: VersionFacts[]): Promise<Map<string, Computed>> {
	const ids = facts.map((f) => f.id);
	const [decisions, locks, candidates] = await Promise.all([
		listDecisions(db, ids),
		listLocksForVersions(db, ids),
		listApproverCandidates(db, [...new Set(facts.map((f) => f.projectId))])
	]);
	const out = new Map<string, Computed>();
	for (const v of facts) {
		const mine = decisions.filter((d) => d.versionId === v.id);
		const myLocks = locks.filter((l) => l.versionId === v.id);
		const held = myLocks.find((l) => !l.releasedAt) ?? null;
		const since = Math.max(0, ...myLocks.filter((l) => l.releasedAt).map((l) => l.throughOrdinal));
		const c = candidates.get(v.projectId);
		const approvers = selectApprovers(c?.members ?? [], c?.approverRole ?? 'auto');
		const evaluation = evaluateApproval(mine, approvers, since);
		out.set(v.id, {
			evaluation,
			held,
			approvers,
			approval: {
				state: held ? 'approved' : evaluation.state,
				decisions: mine.map((d) => ({
					id: d.id,
					decision: d.decision,
					note: d.note,
					by: d.by,
					at: d.at
				})),
				approvers: evaluation.approvers,
				approvedAt: held?.approvedAt ?? null,
				approvedBy: held?.approvedBy ?? null,
				sha256: held?.sha256 ?? null,
				locked: !!held,
				signedOffBy: held?.approvals ?? []
			}
		});
	}
	return out;
}

export async function computeOne(db: Tx, facts: VersionFacts): Promise<Computed> {
	return (await compute(db, [facts])).get(facts.id)!;
}

/** `version.approval` for the versions DTO. Callers have checked access to the version. */
export async function getApprovals(db: Tx, versionIds: string[]): Promise<Map<string, Approval>> {
	const facts = await listVersionFacts(db, versionIds);
	const computed = await compute(db, facts);
	return new Map([...computed].map(([id, c]) => [id, c.approval]));
}

export async function getApproval(db: Tx, versionId: string): Promise<Approval | undefined> {
	return (await getApprovals(db, [versionId])).get(versionId);
}

/** The version a song is judged by: its highest-numbered version that did not fail. */
export const latestOf = (versions: VersionFacts[]) =>
	versions.filter((v) => v.status !== 'failed').sort((a, b) => b.number - a.number)[0];

/**
 * Records the lock of a version that has just become approved: who completed the approvals,
 * everyone's approval, and the file's SHA-256, so the final is auditable whatever happens later.
 */
export async function lockFinal(
	tx: Tx,
	v: VersionFacts,
	c: Computed,
	actor: { id: string; name: string },
	why: string
): Promise<FinalLock> {
	const approvals = c.evaluation.approvers.map((a) => {
		const d = c.evaluation.counted.findLast((x) => x.by.id === a.id && x.decision === 'approved')!;
		return { id: a.id, name: a.name, role: a.role, at: d.at, ordinal: d.ordinal };
	});
	const completing = approvals.reduce((a, b) => (b.ordinal > a.ordinal ? b : a));
	const lock: FinalLock = {
		id: newId(),
		versionId: v.id,
		songId: v.songId,
		projectId: v.projectId,
		sha256: v.sha256,
		approvedAt: nowIso(),
		approvedBy: { id: completing.id, name: completing.name, role: completing.role },
		approvals: approvals.map(({ ordinal: _o, ...a }) => a),
		throughOrdinal: Math.max(0, ...c.evaluation.counted.map((d) => d.ordinal)),
		releasedAt: null,
		releasedBy: null,
		releaseReason: null
	};
	await insertLock(tx, lock);
	await appendLog(tx, {
		projectId: v.projectId,
		type: 'version.approved',
		actorId: actor.id,
		songId: v.songId,
		versionId: v.id,
		summary: `v${v.number} of “${v.songTitle}” is approved${why} — the final is locked (SHA-256 ${v.sha256.slice(0, 12)}…)`,
		data: {
			number: v.number,
			sha256: v.sha256,
			approvedBy: lock.approvedBy,
			approvals: lock.approvals
		}
	});
	return lock;
}

/**
 * Approval is computed from the *current* approvers, so removing an approver or changing a role
 * can complete an approval without a new decision. Member and project-setting changes call this in
 * their transaction so such a version is locked (and logged) at that moment.
 * Returns the ids of versions that became approved (publish them after the commit).
 */
export async function syncApprovalLocks(
	tx: Tx,
	projectId: string,
	actor: { id: string; name: string }
): Promise<string[]> {
	const songs = await tx
		.selectFrom('song')
		.select('id')
		.where('project_id', '=', projectId)
		.execute();
	const songIds = songs.map((s) => s.id);
	const [versions, held] = await Promise.all([
		listSongsVersionFacts(tx, songIds),
		listHeldLocks(tx, songIds)
	]);
	const candidates = songIds
		.filter((id) => !held.some((l) => l.songId === id))
		.map((id) => latestOf(versions.filter((v) => v.songId === id)))
		.filter((v): v is VersionFacts => !!v);
	const computed = await compute(tx, candidates);
	const locked: string[] = [];
	for (const v of candidates) {
		const c = computed.get(v.id)!;
		if (c.approval.state !== 'approved') continue;
		await lockFinal(
			tx,
			v,
			c,
			actor,
			' now that the approvers changed: every approver has approved it'
		);
		locked.push(v.id);
	}
	return locked;
}

export type SongState = ApprovalState | 'empty';
export interface SongStatus {
	state: SongState;
	finalVersionId: string | null;
	latestVersionId: string | null;
	rounds: Rounds;
}

/** Each song's state (its locked final, else its latest version), final and revision rounds. */
export async function getSongStatuses(
	db: Tx,
	projectId: string,
	songIds: string[]
): Promise<Map<string, SongStatus>> {
	const [versions, held, requests, brief] = await Promise.all([
		listSongsVersionFacts(db, songIds),
		listHeldLocks(db, songIds),
		listChangeRequests(db, songIds),
		getLatestBrief(db, projectId)
	]);
	const latest = new Map(
		songIds.map((id) => [id, latestOf(versions.filter((v) => v.songId === id))])
	);
	const computed = await compute(
		db,
		[...latest.values()].filter((v): v is VersionFacts => !!v)
	);
	const out = new Map<string, SongStatus>();
	for (const id of songIds) {
		const lock = held.find((l) => l.songId === id);
		const last = latest.get(id);
		const rounds = countRounds(
			versions
				.filter((v) => v.songId === id && v.status !== 'failed')
				.map((v) => ({ at: v.createdAt })),
			requests.filter((r) => r.songId === id),
			brief.revisionRounds
		);
		out.set(id, {
			state: lock ? 'approved' : last ? computed.get(last.id)!.approval.state : 'empty',
			finalVersionId: lock?.versionId ?? null,
			latestVersionId: last?.id ?? null,
			rounds
		});
	}
	return out;
}
