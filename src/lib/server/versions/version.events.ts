import type { Db } from '../db';
import { getApproval } from '../decisions/approval.service';
import { bus } from '../realtime/bus';
import { toVersionDto } from './version.dto';
import { findVersion } from './version.repository';

/** Tells every socket joined to the version that it changed. Call only after the write committed. */
export async function publishVersion(db: Db, versionId: string): Promise<void> {
	const v = await findVersion(db, versionId);
	if (!v) return;
	const payload = toVersionDto(v, { approval: await getApproval(db, versionId) });
	bus.emit('version.event', { versionId, event: 'version:updated', payload });
}
