import { z } from 'zod';
import { tokenSchema } from '$lib/server/auth/auth.schemas';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/auth/token.service';
import { getDb } from '$lib/server/db';
import { formAction, requirePageUser } from '$lib/server/http/page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePageUser(event);
	return { tokens: await listApiTokens(await getDb(), user.id) };
};

export const actions: Actions = {
	create: async (event) => {
		const user = requirePageUser(event);
		return formAction(
			event,
			tokenSchema,
			async ({ name }) => ({ created: await createApiToken(await getDb(), user.id, name) }),
			'create'
		);
	},
	revoke: async (event) => {
		const user = requirePageUser(event);
		return formAction(
			event,
			z.object({ id: z.string().min(1).max(64) }),
			async ({ id }) => revokeApiToken(await getDb(), user.id, id),
			'revoke'
		);
	}
};
