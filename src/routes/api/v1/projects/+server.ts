import { json } from '@sveltejs/kit';
import { api, created, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { createProjectSchema } from '$lib/server/projects/project.schemas';
import { createProject, listProjects } from '$lib/server/projects/project.service';

export const GET = api(async (event) => {
	const user = requireUser(event);
	return json({ projects: await listProjects(await getDb(), user) });
});

export const POST = api(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request, createProjectSchema);
	return created({ project: await createProject(await getDb(), user, input) });
});
