import type { Db } from '../db';
import { bus } from '../realtime/bus';
import { toVersionDto } from './version.dto';
import { findVersion } from './version.repository';

/** Tells every socket joined to the version that it changed. Call only after the write committed. */
export async function publishVersion(db: Db, versionId: string): Promise<void> {
	const v = await findVersion(db, versionId);
	if (v)
		bus.emit('version.event', { versionId, event: 'version:updated', payload: toVersionDto(v) });
}
