import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { formAction, loadOr404, requirePageUser } from '$lib/server/http/page';
import { createDeliverySchema } from '$lib/server/deliveries/delivery.schemas';
import { createDelivery, listDeliveries } from '$lib/server/deliveries/delivery.service';
import { can } from '$lib/server/projects/access';
import { getProject } from '$lib/server/projects/project.service';
import { getSong } from '$lib/server/songs/song.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePageUser(event);
	return loadOr404(async () => {
		const db = await getDb();
		const song = await getSong(db, user, event.params.id);
		const project = await getProject(db, user, song.projectId);
		return {
			song: { id: song.id, title: song.title },
			project: { id: project.id, title: project.title },
			deliveries: await listDeliveries(db, user, song.id),
			canDeliver: can(project.myRole, 'deliver')
		};
	});
};

export const actions: Actions = {
	create: async (event) => {
		const user = requirePageUser(event);
		const result = await formAction(event, createDeliverySchema, async (input) =>
			createDelivery(await getDb(), user, event.params.id, input)
		);
		if ('id' in result) redirect(303, `/deliveries/${result.id}`);
		return result;
	}
};
