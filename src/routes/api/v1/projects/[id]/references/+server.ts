import { json } from '@sveltejs/kit';
import { api, created, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { referenceSchema } from '$lib/server/projects/project.schemas';
import { getProject } from '$lib/server/projects/project.service';
import { addReference } from '$lib/server/projects/reference.service';

export const GET = api(async (event) => {
	const project = await getProject(await getDb(), requireUser(event), event.params.id!);
	return json({ references: project.references });
});

export const POST = api(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request, referenceSchema);
	return created({ reference: await addReference(await getDb(), user, event.params.id!, input) });
});
