import { json } from '@sveltejs/kit';
import { api, noContent, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { updateCommentSchema } from '$lib/server/comments/comment.schemas';
import { deleteComment, updateComment } from '$lib/server/comments/comment.service';

export const PATCH = api(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request, updateCommentSchema);
	return json({ comment: await updateComment(await getDb(), user, event.params.id!, input) });
});

export const DELETE = api(async (event) => {
	await deleteComment(await getDb(), requireUser(event), event.params.id!);
	return noContent();
});
