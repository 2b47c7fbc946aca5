import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { listComments } from '../comments/comment.service';
import { findVersionFacts } from '../decisions/decision.repository';
import { getLatestBrief } from '../projects/brief.repository';
import { listAddressedInVersion } from '../comments/comment.repository';
import type { ExportNote } from './notes.types';

/**
 * A version's notes for export (top-level notes with their replies, brief elements by name),
 * and the name downloads start with ("Song Title v3"). Everyone in the project may export;
 * outsiders get 404 from the comments' own access check.
 */
export async function getExportNotes(db: Db, user: User, versionId: string) {
	const comments = await listComments(db, user, versionId);
	const v = (await findVersionFacts(db, versionId))!;
	const brief = await getLatestBrief(db, v.projectId);
	const element = new Map(brief.keyElements.map((k) => [k.id, k.text]));
	const notes: ExportNote[] = comments.map((c) => ({
		atMs: c.atMs,
		endMs: c.endMs,
		body: c.body,
		author: c.author.name,
		status: c.status,
		briefItem: c.briefItemId ? (element.get(c.briefItemId) ?? null) : null,
		replies: c.replies.map((r) => ({ author: r.author.name, body: r.body }))
	}));
	return { notes, baseName: `${v.songTitle} v${v.number}` };
}

/** "Against the brief": the key elements, this version's notes, and the notes it addressed. */
export async function getBriefCoverage(db: Db, user: User, versionId: string) {
	const comments = await listComments(db, user, versionId);
	const v = (await findVersionFacts(db, versionId))!;
	const [brief, addressedRows] = await Promise.all([
		getLatestBrief(db, v.projectId),
		listAddressedInVersion(db, versionId)
	]);
	const addressed = addressedRows.map((c) => ({
		id: c.id,
		body: c.body,
		atMs: c.atMs,
		status: c.status,
		briefItemId: c.briefItemId,
		author: { name: c.authorName ?? 'Former member' },
		versionNumber: c.versionNumber
	}));
	return {
		briefRevision: brief.revision,
		keyElements: brief.keyElements,
		notes: comments.map((c) => ({
			id: c.id,
			body: c.body,
			atMs: c.atMs,
			status: c.status,
			briefItemId: c.briefItemId,
			author: { name: c.author.name }
		})),
		addressed
	};
}
