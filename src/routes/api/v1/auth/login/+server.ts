import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import { loginSchema } from '$lib/server/auth/auth.schemas';
import { startSession } from '$lib/server/auth/login';
import { authenticate } from '$lib/server/auth/user.service';
import { getDb } from '$lib/server/db';

export const POST = api(async (event) => {
	const input = await readJson(event.request, loginSchema);
	const db = await getDb();
	const user = await authenticate(db, input, event.getClientAddress());
	await startSession(db, event, user);
	return json({ user });
});
