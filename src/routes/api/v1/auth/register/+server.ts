import { api, created, readJson } from '$lib/server/http/api';
import { registerSchema } from '$lib/server/auth/auth.schemas';
import { startSession } from '$lib/server/auth/login';
import { registerUser } from '$lib/server/auth/user.service';
import { getDb } from '$lib/server/db';

export const POST = api(async (event) => {
	const input = await readJson(event.request, registerSchema);
	const db = await getDb();
	const user = await registerUser(db, input);
	await startSession(db, event, user);
	return created({ user });
});
