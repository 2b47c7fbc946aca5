import { json } from '@sveltejs/kit';
import { api, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { versionPatchSchema } from '$lib/server/versions/version.schemas';
import { getVersion, updateVersion } from '$lib/server/versions/version.service';
import { markAddressed } from '$lib/server/comments/comment-addressing.service';

export const GET = api(async (event) => {
	return json({ version: await getVersion(await getDb(), requireUser(event), event.params.id!) });
});

export const PATCH = api(async (event) => {
	const user = requireUser(event);
	const { addresses, ...patch } = await readJson(event.request, versionPatchSchema);
	const db = await getDb();
	// All-or-nothing on its own: an unknown or ineligible note refuses the whole list (400/409).
	if (addresses?.length) await markAddressed(db, user, event.params.id!, addresses);
	return json({ version: await updateVersion(db, user, event.params.id!, patch) });
});
