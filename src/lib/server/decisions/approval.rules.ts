/**
 * The approval rules as pure functions, so every transition is testable without a database and the
 * service has exactly one definition of "approved".
 */
import type { Role } from '../projects/roles';

export type DecisionKind = 'approved' | 'changes_requested';
export type ApprovalState = 'in_review' | 'changes_requested' | 'approved';

export interface Person {
	id: string;
	name: string;
	role: string;
}

export interface DecisionRecord {
	id: string;
	versionId: string;
	decision: DecisionKind;
	note: string | null;
	/** The decider and their role when they decided. */
	by: Person;
	/** Order among one version's decisions. */
	ordinal: number;
	at: string;
}

export interface ApproverStatus extends Person {
	/** Their decision that still counts: a request for changes, or an approval since the last one. */
	decision: DecisionKind | null;
}

export interface CandidateMember {
	userId: string | null;
	name: string;
	role: Role | string;
}

/**
 * Approvers are the project's label members; where there are none, its artists. The project's
 * `approverRole` ('label' | 'artist') overrides the automatic choice. A project with neither falls
 * back to its owners, so there is always someone who can sign a final off. Pending invitations
 * (no account yet) are not approvers.
 */
export function selectApprovers(members: CandidateMember[], approverRole: string): Person[] {
	const active = members.filter((m): m is CandidateMember & { userId: string } => !!m.userId);
	const withRole = (role: string) =>
		active.filter((m) => m.role === role).map((m) => ({ id: m.userId, name: m.name, role }));
	let approvers =
		approverRole === 'label' || approverRole === 'artist' ? withRole(approverRole) : [];
	if (approverRole !== 'label' && approverRole !== 'artist') {
		approvers = withRole('label');
		if (!approvers.length) approvers = withRole('artist');
	}
	return approvers.length ? approvers : withRole('owner');
}

export interface Evaluation {
	state: ApprovalState;
	approvers: ApproverStatus[];
	/** The decisions that count (after the last release of a lock), oldest first. */
	counted: DecisionRecord[];
}

/**
 * A version's state from its decisions (oldest first) and the current approvers:
 * - `changes_requested` when the latest counted decision, by anyone, asks for changes;
 * - `approved` when every current approver has approved since the last request for changes
 *   (an owner's approval is recorded but does not stand in for an approver's);
 * - otherwise `in_review`.
 * Decisions up to `sinceOrdinal` (the last released lock) no longer count.
 */
export function evaluateApproval(
	decisions: DecisionRecord[],
	approvers: Person[],
	sinceOrdinal = 0
): Evaluation {
	const counted = decisions
		.filter((d) => d.ordinal > sinceOrdinal)
		.sort((a, b) => a.ordinal - b.ordinal);
	const lastRequest = counted.findLast((d) => d.decision === 'changes_requested');
	const cutoff = lastRequest?.ordinal ?? sinceOrdinal;
	const statuses = approvers.map((a): ApproverStatus => {
		const latest = counted.findLast((d) => d.by.id === a.id);
		const stands = latest && (latest.decision === 'changes_requested' || latest.ordinal > cutoff);
		return { ...a, decision: stands ? latest.decision : null };
	});
	let state: ApprovalState = 'in_review';
	if (counted.at(-1)?.decision === 'changes_requested') state = 'changes_requested';
	else if (statuses.length && statuses.every((s) => s.decision === 'approved')) state = 'approved';
	return { state, approvers: statuses, counted };
}

export interface Rounds {
	/** Revision rounds completed: versions uploaded in answer to a request for changes. */
	used: number;
	/** From the brief (`revisionRounds`); null when the brief does not say. */
	included: number | null;
	/** Changes were requested and no version has answered yet: the next upload is round used+1. */
	pending: boolean;
	/** The round in progress (pending) or the last one completed. */
	current: number;
	/** The rounds used or requested go past the included ones. */
	exceeded: boolean;
}

/**
 * Counts revision rounds on a song's timeline: each time changes are requested and a new version
 * answers them, one round. Several requests before the next upload are one round (one agreed set
 * of notes per round); failed uploads answer nothing and are left out by the caller.
 */
export function countRounds(
	uploads: { at: string }[],
	requests: { at: string }[],
	included: number | null
): Rounds {
	const events = [
		...uploads.map((u) => ({ at: u.at, upload: true })),
		...requests.map((r) => ({ at: r.at, upload: false }))
	].sort((a, b) => (a.at === b.at ? Number(a.upload) - Number(b.upload) : a.at < b.at ? -1 : 1));
	let used = 0;
	let pending = false;
	let seenUpload = false;
	for (const e of events) {
		if (e.upload) {
			if (pending) used++;
			pending = false;
			seenUpload = true;
		} else if (seenUpload) {
			pending = true;
		}
	}
	const current = pending ? used + 1 : used;
	return { used, included, pending, current, exceeded: included !== null && current > included };
}
