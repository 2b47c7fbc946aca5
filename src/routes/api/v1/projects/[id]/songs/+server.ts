import { json } from '@sveltejs/kit';
import { api, created, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { songSchema } from '$lib/server/projects/project.schemas';
import { getProject } from '$lib/server/projects/project.service';
import { createSong } from '$lib/server/songs/song.service';

export const GET = api(async (event) => {
	const project = await getProject(await getDb(), requireUser(event), event.params.id!);
	return json({ songs: project.songs });
});

export const POST = api(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request, songSchema);
	return created({ song: await createSong(await getDb(), user, event.params.id!, input) });
});
