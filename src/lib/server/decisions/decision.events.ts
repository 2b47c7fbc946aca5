import type { Tx } from '../db/transaction';
import { bus } from '../realtime/bus';
import { getApprovals, type Approval } from './approval.service';
import { listVersionFacts, type VersionFacts } from './decision.repository';

/**
 * Tells every socket joined to the version about a decision. Call only after the commit.
 * `version:updated` carries the version's identity and its new approval; once the versions module
 * is merged it carries the full version DTO (see the note in docs/decisions.md).
 */
export function publishApproval(
	v: VersionFacts,
	approval: Approval,
	decision: { decision: string; by: { id: string; name: string; role: string } }
): void {
	bus.emit('version.event', {
		versionId: v.id,
		event: 'decision:recorded',
		payload: {
			versionId: v.id,
			decision: decision.decision,
			by: decision.by,
			state: approval.state
		}
	});
	bus.emit('version.event', {
		versionId: v.id,
		event: 'version:updated',
		payload: {
			id: v.id,
			songId: v.songId,
			number: v.number,
			sha256: v.sha256,
			status: v.status,
			approval
		}
	});
}

/** After a commit that changed approvals without a decision (members, settings): re-announce. */
export async function publishApprovals(db: Tx, versionIds: string[]): Promise<void> {
	if (!versionIds.length) return;
	const [facts, approvals] = await Promise.all([
		listVersionFacts(db, versionIds),
		getApprovals(db, versionIds)
	]);
	for (const v of facts) {
		const approval = approvals.get(v.id)!;
		bus.emit('version.event', {
			versionId: v.id,
			event: 'version:updated',
			payload: {
				id: v.id,
				songId: v.songId,
				number: v.number,
				sha256: v.sha256,
				status: v.status,
				approval
			}
		});
	}
}
