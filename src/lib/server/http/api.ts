import { json, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { AppError, badRequest, unauthorized } from './errors';

export function errorResponse(e: AppError): Response {
	return json(
		{ error: { code: e.code, message: e.message } },
		{ status: e.status, headers: e.headers }
	);
}

/** Wraps an API handler: AppErrors become the contract's error shape; anything else is a bug (500). */
export function api<E extends RequestEvent>(handler: (event: E) => Promise<Response>) {
	return async (event: E): Promise<Response> => {
		try {
			return await handler(event);
		} catch (e) {
			if (e instanceof AppError) return errorResponse(e);
			throw e;
		}
	};
}

export function requireUser(event: RequestEvent) {
	if (!event.locals.user) throw unauthorized();
	return event.locals.user;
}

function describe(error: z.ZodError): string {
	const issue = error.issues[0];
	const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
	return `${where}${issue.message}`;
}

export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
	const result = schema.safeParse(data);
	if (!result.success) throw badRequest(describe(result.error));
	return result.data;
}

/** Reads and validates a JSON body (400 with a readable message when it is not JSON or wrong). */
export async function readJson<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<z.infer<S>> {
	let body: unknown;
	try {
		const text = await request.text();
		body = text ? JSON.parse(text) : {};
	} catch {
		throw badRequest('The body must be valid JSON.', 'invalid_json');
	}
	return parse(schema, body);
}

/** Reads a form post into a plain object for the same schemas the JSON API uses. */
export async function readForm(request: Request): Promise<Record<string, string>> {
	const form = await request.formData();
	const out: Record<string, string> = {};
	for (const [k, v] of form) if (typeof v === 'string') out[k] = v;
	return out;
}

export const created = (body: unknown) => json(body, { status: 201 });
export const noContent = () => new Response(null, { status: 204 });
