import { errorResponse } from '$lib/server/http/api';
import { AppError } from '$lib/server/http/errors';

const missing = () =>
	errorResponse(new AppError(404, 'not_found', 'There is no such API endpoint. See docs/api.md.'));

export const GET = missing;
export const POST = missing;
export const PUT = missing;
export const PATCH = missing;
export const DELETE = missing;
