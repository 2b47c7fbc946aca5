import { getDb } from '$lib/server/db';
import { listDeliveries } from '$lib/server/deliveries/delivery.service';
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
	const deliveries = await listDeliveries(db, user, song.id);
	const latest = deliveries.reduce<(typeof deliveries)[number] | null>(
		(a, d) => (!a || d.createdAt > a.createdAt ? d : a),
		null
	);
	const canDownload = song.myRole === 'owner' || project.downloadRoles.includes(song.myRole);
	return {
		song: {
			id: song.id,
			title: song.title,
			projectId: song.projectId,
			state: song.state,
			finalVersionId: song.finalVersionId,
			rounds: song.rounds
		},
		project: { id: project.id, title: project.title, artist: project.artist },
		versions: song.versions,
		deliveries: {
			count: deliveries.length,
			latest: latest && { status: latest.status, verdict: latest.verdict, files: latest.fileCount }
		},
		can: {
			upload: can(song.myRole, 'uploadVersion'),
			download: canDownload,
			deliver: can(song.myRole, 'deliver')
		}
	};
};
