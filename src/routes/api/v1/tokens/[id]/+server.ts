import { api, noContent, requireUser } from '$lib/server/http/api';
import { revokeApiToken } from '$lib/server/auth/token.service';
import { getDb } from '$lib/server/db';

export const DELETE = api(async (event) => {
	await revokeApiToken(await getDb(), requireUser(event).id, event.params.id!);
	return noContent();
});
