import type { Db } from '../db';
import { getApproval } from '../decisions/approval.service';
import { publishVersionEvent } from '../realtime/emitter';
import { toVersionDto } from './version.dto';
import { setAnalysisProgress } from './analysis.progress';
import { findVersion, type VersionRecord } from './version.repository';

/** Tells every socket joined to the version that it changed. Call only after the write committed. */
export async function publishVersion(db: Db, versionId: string): Promise<void> {
	const v = await findVersion(db, versionId);
	if (!v) return;
	const payload = toVersionDto(v, { approval: await getApproval(db, versionId) });
	publishVersionEvent(versionId, 'version:updated', payload);
}

/** Live analysis progress goes out at most this often: enough for a bar, cheap for sockets. */
export const PROGRESS_EVERY_MS = 500;

/**
 * An `onProgress` for the analysis of `v` (a row read when the job started, still `processing`):
 * records the fraction for GETs and publishes `version:updated` at most every 500 ms.
 */
export function progressPublisher(v: VersionRecord): (fraction: number) => void {
	let last = 0;
	return (fraction) => {
		setAnalysisProgress(v.id, fraction);
		const now = Date.now();
		if (now - last < PROGRESS_EVERY_MS) return;
		last = now;
		publishVersionEvent(v.id, 'version:updated', toVersionDto(v));
	};
}
