import type { RequestHandler } from './$types';
import { api } from '$lib/server/http/api';
import { handleTus } from '$lib/server/uploads/tus';

/** Resumable uploads (tus 1.0): see src/lib/server/uploads/tus.ts. */
const tus: RequestHandler = api(async (event) => handleTus(event.request, event.locals.user));

export const POST = tus;
export const PATCH = tus;
export const HEAD = tus;
export const DELETE = tus;
export const OPTIONS = tus;
