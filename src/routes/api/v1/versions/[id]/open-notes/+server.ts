import { json } from '@sveltejs/kit';
import { api, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { listOpenNotes } from '$lib/server/comments/comment-addressing.service';

/** Extension: open notes of earlier versions of the song, for the "this version addresses" picker. */
export const GET = api(async (event) => {
	const comments = await listOpenNotes(await getDb(), requireUser(event), event.params.id!);
	return json({ comments });
});
