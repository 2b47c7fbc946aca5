import { redirect } from '@sveltejs/kit';
import { registerSchema } from '$lib/server/auth/auth.schemas';
import { startSession } from '$lib/server/auth/login';
import { registerUser } from '$lib/server/auth/user.service';
import { getDb } from '$lib/server/db';
import { formAction } from '$lib/server/http/page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/projects');
};

export const actions: Actions = {
	default: async (event) => {
		const result = await formAction(event, registerSchema, async (input) => {
			const db = await getDb();
			const user = await registerUser(db, input);
			await startSession(db, event, user);
		});
		if (result) return result;
		const next = event.url.searchParams.get('next');
		redirect(303, next?.startsWith('/') && !next.startsWith('//') ? next : '/projects');
	}
};
