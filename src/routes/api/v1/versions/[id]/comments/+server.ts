import { json } from '@sveltejs/kit';
import { api, created, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { createCommentSchema } from '$lib/server/comments/comment.schemas';
import { createComment, listComments } from '$lib/server/comments/comment.service';

export const GET = api(async (event) => {
	const comments = await listComments(await getDb(), requireUser(event), event.params.id!);
	return json({ comments });
});

/** 201 for a new note; 200 with the stored note when its clientId was already used (a resend). */
export const POST = api(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request, createCommentSchema);
	const result = await createComment(await getDb(), user, event.params.id!, input);
	return result.created ? created({ comment: result.comment }) : json({ comment: result.comment });
});
