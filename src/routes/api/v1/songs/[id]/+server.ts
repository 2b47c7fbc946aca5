import { json } from '@sveltejs/kit';
import { api, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { getSong } from '$lib/server/songs/song.service';

export const GET = api(async (event) => {
	return json({ song: await getSong(await getDb(), requireUser(event), event.params.id!) });
});
