import { getDb } from '$lib/server/db';
import { loadOr404, requirePageUser } from '$lib/server/http/page';
import { can } from '$lib/server/projects/access';
import { getProject } from '$lib/server/projects/project.service';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const user = requirePageUser(event);
	const p = await loadOr404(async () => getProject(await getDb(), user, event.params.id));
	return {
		project: {
			id: p.id,
			title: p.title,
			artist: p.artist,
			myRole: p.myRole,
			brief: p.brief,
			songs: p.songs.map((s) => ({ id: s.id, title: s.title, state: s.state, rounds: s.rounds })),
			members: p.members.map((m) => ({
				id: m.id,
				userId: m.userId,
				name: m.name,
				email: m.email,
				role: m.role,
				status: m.status
			})),
			references: p.references
		},
		can: {
			editBrief: can(p.myRole, 'editBrief'),
			addReference: can(p.myRole, 'addReference'),
			manageSongs: can(p.myRole, 'manageSongs'),
			manageMembers: can(p.myRole, 'manageMembers')
		}
	};
};
