import type { VersionRecord } from './version.repository';

export type ApprovalState = 'in_review' | 'changes_requested' | 'approved';

export interface Approval {
	state: ApprovalState;
	decisions: unknown[];
}

/** Until decisions exist every version is in review; the decisions module passes its own. */
export const defaultApproval = (): Approval => ({ state: 'in_review', decisions: [] });

/**
 * The contract's `version` shape, produced in exactly one place. Extensions to the contract
 * (`codec`, `frames`, `warnings`, `projectId`) are additive. Pass `extra.approval` to add decisions.
 */
export function toVersionDto(v: VersionRecord, extra: { approval?: Approval } = {}) {
	return {
		id: v.id,
		songId: v.songId,
		projectId: v.projectId,
		number: v.number,
		filename: v.filename,
		notes: v.notes,
		sizeBytes: v.sizeBytes,
		sha256: v.sha256,
		status: v.status,
		error: v.error,
		createdAt: v.createdAt,
		uploadedBy: v.uploadedBy,
		format: v.status === 'ready' ? v.format : null,
		loudness: v.status === 'ready' ? v.loudness : null,
		warnings: v.status === 'ready' ? v.warnings : [],
		stream: { status: v.streamStatus },
		approval: extra.approval ?? defaultApproval()
	};
}

export type VersionDto = ReturnType<typeof toVersionDto>;
