import { json } from '@sveltejs/kit';
import { api, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { updateProjectSchema } from '$lib/server/projects/project.schemas';
import { getProject, updateProject } from '$lib/server/projects/project.service';

export const GET = api(async (event) => {
	const user = requireUser(event);
	return json({ project: await getProject(await getDb(), user, event.params.id!) });
});

export const PATCH = api(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request, updateProjectSchema);
	return json({ project: await updateProject(await getDb(), user, event.params.id!, input) });
});
