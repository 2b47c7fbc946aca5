import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { formAction, requirePageUser } from '$lib/server/http/page';
import { createProjectSchema } from '$lib/server/projects/project.schemas';
import { createProject, listProjects } from '$lib/server/projects/project.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePageUser(event);
	const projects = await listProjects(await getDb(), user);
	return {
		projects: projects.map((p) => ({
			id: p.id,
			title: p.title,
			artist: p.artist,
			myRole: p.myRole,
			songCount: p.songCount
		}))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requirePageUser(event);
		let id = '';
		const result = await formAction(event, createProjectSchema, async (input) => {
			id = (await createProject(await getDb(), user, input)).id;
		});
		if (result) return result;
		redirect(303, `/projects/${id}`);
	}
};
