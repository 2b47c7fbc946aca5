import { json } from '@sveltejs/kit';
import { api, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { listAddressedNotes } from '$lib/server/comments/comment-addressing.service';

/** Extension: notes of earlier versions this version addresses, each with its `versionNumber`. */
export const GET = api(async (event) => {
	const comments = await listAddressedNotes(await getDb(), requireUser(event), event.params.id!);
	return json({ comments });
});
