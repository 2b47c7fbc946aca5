import { json } from '@sveltejs/kit';
import { api, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { getBriefHistory } from '$lib/server/projects/brief.service';

export const GET = api(async (event) => {
	const revisions = await getBriefHistory(await getDb(), requireUser(event), event.params.id!);
	return json({ revisions });
});
