import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { newId, nowIso } from '../db/ids';
import { writeTransaction } from '../db/transaction';
import { getSongStatuses, syncApprovalLocks } from '../decisions/approval.service';
import { publishApprovals } from '../decisions/decision.events';
import { appendLog } from '../log/log.service';
import { listSongs } from '../songs/song.repository';
import { listProjectReferenceAudio } from '../versions/reference-audio.repository';
import { toReferenceAudioSummary } from '../versions/reference-audio.service';
import { requireRole } from './access';
import { getLatestBrief } from './brief.repository';
import { insertMember, listMembers } from './member.repository';
import {
	findProject,
	insertProject,
	listProjectsForUser,
	updateProjectSettings
} from './project.repository';
import { listReferences } from './reference.repository';

export async function createProject(
	db: Db,
	user: User,
	input: { title: string; artist?: string | null }
) {
	const id = newId();
	await writeTransaction(db, async (tx) => {
		await insertProject(tx, {
			id,
			title: input.title,
			artist: input.artist || null,
			createdBy: user.id,
			createdAt: nowIso()
		});
		await insertMember(tx, {
			id: newId(),
			projectId: id,
			userId: user.id,
			email: user.email,
			role: 'owner',
			invitedBy: null
		});
		await appendLog(tx, {
			projectId: id,
			type: 'project.created',
			actorId: user.id,
			summary: `${user.name} created the project “${input.title}”`
		});
	});
	return getProject(db, user, id);
}

export function listProjects(db: Db, user: User) {
	return listProjectsForUser(db, user.id);
}

export async function getProject(db: Db, user: User, projectId: string) {
	const access = await requireRole(db, projectId, user, 'read');
	const project = (await findProject(db, projectId))!;
	const [brief, songRows, members, referenceRows, referenceAudio] = await Promise.all([
		getLatestBrief(db, projectId),
		listSongs(db, projectId),
		listMembers(db, projectId),
		listReferences(db, projectId),
		listProjectReferenceAudio(db, projectId)
	]);
	// Each reference's audio in brief, so a page needs no request per reference.
	const references = referenceRows.map((r) => ({
		...r,
		audio: toReferenceAudioSummary(referenceAudio.get(r.id))
	}));
	const statuses = await getSongStatuses(
		db,
		projectId,
		songRows.map((s) => s.id)
	);
	// Every place a song appears shows its state (in review / changes requested / approved).
	const songs = songRows.map((s) => {
		const st = statuses.get(s.id)!;
		return { ...s, state: st.state, finalVersionId: st.finalVersionId, rounds: st.rounds };
	});
	return { ...project, myRole: access.role, brief, songs, members, references };
}

export async function updateProject(
	db: Db,
	user: User,
	projectId: string,
	patch: Parameters<typeof updateProjectSettings>[2]
) {
	const approved = await writeTransaction(db, async (tx) => {
		await requireRole(tx, projectId, user, 'manageSettings');
		await updateProjectSettings(tx, projectId, patch);
		// Choosing other approvers can complete an approval: lock such finals now.
		return patch.approverRole ? syncApprovalLocks(tx, projectId, user) : [];
	});
	await publishApprovals(db, approved);
	return getProject(db, user, projectId);
}
