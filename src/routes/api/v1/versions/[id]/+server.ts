import { json } from '@sveltejs/kit';
import { api, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { versionPatchSchema } from '$lib/server/versions/version.schemas';
import { getVersion, updateVersion } from '$lib/server/versions/version.service';

export const GET = api(async (event) => {
	return json({ version: await getVersion(await getDb(), requireUser(event), event.params.id!) });
});

export const PATCH = api(async (event) => {
	const user = requireUser(event);
	const patch = await readJson(event.request, versionPatchSchema);
	return json({ version: await updateVersion(await getDb(), user, event.params.id!, patch) });
});
