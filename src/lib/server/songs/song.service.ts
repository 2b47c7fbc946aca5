import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { newId, nowIso } from '../db/ids';
import { writeTransaction } from '../db/transaction';
import { notFound } from '../http/errors';
import { appendLog } from '../log/log.service';
import { requireRole } from '../projects/access';
import { listSongVersions } from '../versions/version.service';
import { findSong, insertSong } from './song.repository';

export async function createSong(db: Db, user: User, projectId: string, input: { title: string }) {
	const song = await writeTransaction(db, async (tx) => {
		await requireRole(tx, projectId, user, 'manageSongs');
		const song = await insertSong(tx, {
			id: newId(),
			projectId,
			title: input.title,
			createdAt: nowIso()
		});
		await appendLog(tx, {
			projectId,
			type: 'song.created',
			actorId: user.id,
			songId: song.id,
			summary: `${user.name} added the song “${song.title}”`
		});
		return song;
	});
	return getSong(db, user, song.id);
}

/** A song with its versions; 404 when it does not exist or is in a project the caller is not in. */
export async function getSong(db: Db, user: User, songId: string) {
	const song = await findSong(db, songId);
	if (!song) throw notFound('That song');
	const access = await requireRole(db, song.projectId, user, 'read', 'That song');
	const versions = await listSongVersions(db, song.id);
	return {
		...song,
		myRole: access.role,
		// 'in_review' once there is a version; the decisions module refines this with approvals.
		state: versions.length ? 'in_review' : 'empty',
		finalVersionId: null as string | null,
		versions
	};
}
