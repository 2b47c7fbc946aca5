import { analysisProgress } from './analysis.progress';
import type { VersionRecord } from './version.repository';

import type { Approval } from '../decisions/approval.service';

export type { Approval };
export type ApprovalState = Approval['state'];

/** A version nobody decided on yet; callers pass the real one from the decisions module. */
export const defaultApproval = (): Approval => ({
	state: 'in_review',
	decisions: [],
	approvers: [],
	approvedAt: null,
	approvedBy: null,
	sha256: null,
	locked: false,
	signedOffBy: []
});

/**
 * The contract's `version` shape, produced in exactly one place. Extensions to the contract
 * (`codec`, `frames`, `warnings`, `projectId`, `progress`) are additive. `progress` is the
 * analysis's 0..1 while `processing`, else null. Pass `extra.approval` to add decisions.
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
		progress: v.status === 'processing' ? analysisProgress(v.id) : null,
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
