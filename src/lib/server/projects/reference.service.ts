import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { newId, nowIso } from '../db/ids';
import { writeTransaction } from '../db/transaction';
import { appendLog } from '../log/log.service';
import { requireRole } from './access';
import { insertReference, type Reference } from './reference.repository';

export async function addReference(
	db: Db,
	user: User,
	projectId: string,
	input: { title: string; artist?: string | null; url?: string | null; notes?: string | null }
): Promise<Reference> {
	return writeTransaction(db, async (tx) => {
		await requireRole(tx, projectId, user, 'addReference');
		const reference: Reference = {
			id: newId(),
			projectId,
			title: input.title,
			artist: input.artist || null,
			url: input.url || null,
			notes: input.notes || null,
			createdAt: nowIso()
		};
		await insertReference(tx, { ...reference, createdBy: user.id });
		await appendLog(tx, {
			projectId,
			type: 'reference.added',
			actorId: user.id,
			summary: `${user.name} added the reference “${reference.title}”${reference.artist ? ` by ${reference.artist}` : ''}`,
			data: { referenceId: reference.id }
		});
		return reference;
	});
}
