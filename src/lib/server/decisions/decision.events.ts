import type { Db } from '../db';
import { publishVersionEvent } from '../realtime/emitter';
import { publishVersion } from '../versions/version.events';
import type { ApprovalState, DecisionKind } from './approval.rules';

/**
 * Tells every socket joined to the version about a decision, then sends the updated version
 * (with its approval). Call only after the commit.
 */
export async function publishDecision(
	db: Db,
	versionId: string,
	decision: { decision: DecisionKind; by: { id: string; name: string; role: string } },
	state: ApprovalState
): Promise<void> {
	publishVersionEvent(versionId, 'decision:recorded', {
		versionId,
		decision: decision.decision,
		by: decision.by,
		state
	});
	await publishVersion(db, versionId);
}

/** After a commit that changed approvals without a decision (members, settings): re-announce. */
export async function publishApprovals(db: Db, versionIds: string[]): Promise<void> {
	for (const id of versionIds) await publishVersion(db, id);
}
