import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { AppError } from './errors';
import { parse, readForm } from './api';

/** Pages and actions need a signed-in user; others go to sign-in and come back afterwards. */
export function requirePageUser(event: Pick<RequestEvent, 'locals' | 'url'>) {
	if (!event.locals.user) {
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	}
	return event.locals.user;
}

/**
 * Runs a form action: the form is validated with the same schema as the JSON API and calls the same
 * service; an AppError becomes `fail(status, {error, values})` so the page can show it in place.
 */
export async function formAction<S extends z.ZodType, T>(
	event: RequestEvent,
	schema: S,
	fn: (input: z.infer<S>, values: Record<string, string>) => Promise<T>,
	/** Names the form on a page with several, so the page shows the error next to the right one. */
	name = 'default'
) {
	const values = await readForm(event.request);
	try {
		return await fn(parse(schema, values), values);
	} catch (e) {
		if (e instanceof AppError) {
			const { password: _p, ...safe } = values;
			return fail(e.status, { form: name, error: e.message, code: e.code, values: safe });
		}
		throw e;
	}
}

/** Loads that hit an AppError (404 for other projects' things) show SvelteKit's error page. */
export async function loadOr404<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof AppError) {
			const { error } = await import('@sveltejs/kit');
			error(e.status, { message: e.message, code: e.code });
		}
		throw e;
	}
}
