import { getDb } from '$lib/server/db';
import { loadOr404, requirePageUser } from '$lib/server/http/page';
import { can } from '$lib/server/projects/access';
import { findProject } from '$lib/server/projects/project.repository';
import { getSong } from '$lib/server/songs/song.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePageUser(event);
	const db = await getDb();
	const song = await loadOr404(() => getSong(db, user, event.params.id));
	const project = (await findProject(db, song.projectId))!;
	const canDownload = song.myRole === 'owner' || project.downloadRoles.includes(song.myRole);
	return {
		song: { id: song.id, title: song.title, projectId: song.projectId },
		project: { id: project.id, title: project.title, artist: project.artist },
		versions: song.versions,
		can: { upload: can(song.myRole, 'uploadVersion'), download: canDownload }
	};
};
