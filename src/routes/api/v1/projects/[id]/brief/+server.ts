import { json } from '@sveltejs/kit';
import { api, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { updateBrief } from '$lib/server/projects/brief.service';
import { briefSchema } from '$lib/server/projects/project.schemas';
import { getProject } from '$lib/server/projects/project.service';

export const GET = api(async (event) => {
	const project = await getProject(await getDb(), requireUser(event), event.params.id!);
	return json({ brief: project.brief });
});

export const PUT = api(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request, briefSchema);
	return json({ brief: await updateBrief(await getDb(), user, event.params.id!, input) });
});
