import { redirect } from '@sveltejs/kit';
import { loginSchema } from '$lib/server/auth/auth.schemas';
import { startSession } from '$lib/server/auth/login';
import { authenticate } from '$lib/server/auth/user.service';
import { getDb } from '$lib/server/db';
import { formAction } from '$lib/server/http/page';
import type { Actions, PageServerLoad } from './$types';

const safeNext = (next: string | null) =>
	next?.startsWith('/') && !next.startsWith('//') ? next : '/projects';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
};

export const actions: Actions = {
	default: async (event) => {
		const result = await formAction(event, loginSchema, async (input) => {
			const db = await getDb();
			const user = await authenticate(db, input, event.getClientAddress());
			await startSession(db, event, user);
		});
		if (result) return result;
		redirect(303, safeNext(event.url.searchParams.get('next')));
	}
};
