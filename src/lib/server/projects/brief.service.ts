import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { newId, nowIso } from '../db/ids';
import { writeTransaction } from '../db/transaction';
import { conflict } from '../http/errors';
import { appendLog } from '../log/log.service';
import { requireRole } from './access';
import {
	getLatestBrief,
	insertBriefRevision,
	listBriefRevisions,
	type Brief
} from './brief.repository';

export interface BriefInput {
	vision: string;
	tone: string;
	notes: string;
	keyElements: { id?: string; text: string }[];
	revisionRounds?: number | null;
	baseRevision?: number;
}

/** Which fields a revision changed, for the log summary and the history view. */
export function changedFields(
	before: Brief,
	after: Omit<Brief, 'updatedAt' | 'updatedBy'>
): string[] {
	const out: string[] = [];
	if (before.vision !== after.vision) out.push('vision');
	if (before.tone !== after.tone) out.push('tone');
	if (before.notes !== after.notes) out.push('notes');
	if (JSON.stringify(before.keyElements) !== JSON.stringify(after.keyElements))
		out.push('key elements');
	if (before.revisionRounds !== after.revisionRounds) out.push('revision rounds');
	return out;
}

/** Every save is a new revision; earlier ones are kept. Key elements keep their ids across saves. */
export async function updateBrief(
	db: Db,
	user: User,
	projectId: string,
	input: BriefInput
): Promise<Brief> {
	return writeTransaction(db, async (tx) => {
		await requireRole(tx, projectId, user, 'editBrief');
		const current = await getLatestBrief(tx, projectId);
		if (input.baseRevision !== undefined && input.baseRevision !== current.revision) {
			throw conflict(
				'brief_changed',
				`Someone saved the brief (revision ${current.revision}) after you opened it. Reload to see their changes.`
			);
		}
		const next = {
			revision: current.revision + 1,
			vision: input.vision,
			tone: input.tone,
			notes: input.notes,
			keyElements: input.keyElements.map((k) => ({
				id: k.id ?? newId().slice(0, 12),
				text: k.text
			})),
			revisionRounds:
				input.revisionRounds === undefined ? current.revisionRounds : input.revisionRounds
		};
		const ids = new Set(next.keyElements.map((k) => k.id));
		if (ids.size !== next.keyElements.length) {
			throw conflict('duplicate_key_element', 'Two key elements share an id.');
		}
		const changed = changedFields(current, next);
		const createdAt = nowIso();
		await insertBriefRevision(tx, {
			id: newId(),
			projectId,
			authorId: user.id,
			createdAt,
			...next
		});
		await appendLog(tx, {
			projectId,
			type: 'brief.updated',
			actorId: user.id,
			summary: `${user.name} updated the brief (revision ${next.revision})${changed.length ? `: ${changed.join(', ')}` : ''}`,
			data: { revision: next.revision, changed }
		});
		return { ...next, updatedAt: createdAt, updatedBy: { id: user.id, name: user.name } };
	});
}

export async function getBriefHistory(db: Db, user: User, projectId: string): Promise<Brief[]> {
	await requireRole(db, projectId, user, 'read');
	return listBriefRevisions(db, projectId);
}
