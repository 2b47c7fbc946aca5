import { json } from '@sveltejs/kit';
import { api, created, readJson, requireUser } from '$lib/server/http/api';
import { tokenSchema } from '$lib/server/auth/auth.schemas';
import { createApiToken, listApiTokens } from '$lib/server/auth/token.service';
import { getDb } from '$lib/server/db';

export const GET = api(async (event) => {
	const user = requireUser(event);
	return json({ tokens: await listApiTokens(await getDb(), user.id) });
});

export const POST = api(async (event) => {
	const user = requireUser(event);
	const { name } = await readJson(event.request, tokenSchema);
	return created(await createApiToken(await getDb(), user.id, name));
});
