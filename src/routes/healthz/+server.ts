import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';

export const GET = async () => {
	await getDb();
	return json({ ok: true });
};
