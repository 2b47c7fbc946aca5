import { api, noContent } from '$lib/server/http/api';
import { deleteSessionTokenCookie, invalidateSession } from '$lib/server/auth/session.service';
import { getDb } from '$lib/server/db';

export const POST = api(async (event) => {
	if (event.locals.session) await invalidateSession(await getDb(), event.locals.session.id);
	deleteSessionTokenCookie(event.cookies, event.url);
	return noContent();
});
