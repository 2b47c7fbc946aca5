import { getDb } from '$lib/server/db';
import { formAction, loadOr404, requirePageUser } from '$lib/server/http/page';
import { decisionSchema } from '$lib/server/deliveries/delivery.schemas';
import { decideDelivery, getDelivery } from '$lib/server/deliveries/delivery.service';
import { can } from '$lib/server/projects/access';
import { getProject } from '$lib/server/projects/project.service';
import { getSong } from '$lib/server/songs/song.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePageUser(event);
	return loadOr404(async () => {
		const db = await getDb();
		const delivery = await getDelivery(db, user, event.params.id);
		const song = await getSong(db, user, delivery.songId);
		const project = await getProject(db, user, song.projectId);
		return {
			delivery,
			song: { id: song.id, title: song.title },
			project: { id: project.id, title: project.title },
			can: {
				deliver: can(delivery.myRole, 'deliver'),
				decide: can(delivery.myRole, 'acceptDelivery'),
				download: project.downloadRoles.includes(delivery.myRole)
			}
		};
	});
};

export const actions: Actions = {
	decide: async (event) => {
		const user = requirePageUser(event);
		return formAction(event, decisionSchema, async (input) => {
			await decideDelivery(await getDb(), user, event.params.id, input);
			return { ok: input.decision };
		});
	}
};
