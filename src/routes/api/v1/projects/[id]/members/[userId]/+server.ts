import { json } from '@sveltejs/kit';
import { api, noContent, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { changeRoleSchema } from '$lib/server/projects/project.schemas';
import { changeMemberRole, removeMember } from '$lib/server/projects/member.service';

export const PATCH = api(async (event) => {
	const user = requireUser(event);
	const { role } = await readJson(event.request, changeRoleSchema);
	const { id, userId } = event.params;
	return json({ member: await changeMemberRole(await getDb(), user, id!, userId!, role) });
});

export const DELETE = api(async (event) => {
	const user = requireUser(event);
	await removeMember(await getDb(), user, event.params.id!, event.params.userId!);
	return noContent();
});
