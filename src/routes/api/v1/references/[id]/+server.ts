import { json } from '@sveltejs/kit';
import { api, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { getReference } from '$lib/server/versions/reference-audio.service';

export const GET = api(async (event) => {
	return json({
		reference: await getReference(await getDb(), requireUser(event), event.params.id!)
	});
});
