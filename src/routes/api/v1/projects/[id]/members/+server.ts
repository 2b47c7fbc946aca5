import { json } from '@sveltejs/kit';
import { api, created, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { inviteSchema } from '$lib/server/projects/project.schemas';
import { inviteMember } from '$lib/server/projects/member.service';
import { getProject } from '$lib/server/projects/project.service';

export const GET = api(async (event) => {
	const project = await getProject(await getDb(), requireUser(event), event.params.id!);
	return json({ members: project.members });
});

export const POST = api(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request, inviteSchema);
	return created({ member: await inviteMember(await getDb(), user, event.params.id!, input) });
});
