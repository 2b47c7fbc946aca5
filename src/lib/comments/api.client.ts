/** JSON calls to the app's own API from the browser (the session cookie and Origin go along). */
export class ApiError extends Error {
	constructor(
		message: string,
		public status: number,
		public code: string
	) {
		super(message);
	}
}

export async function apiFetch<T>(
	path: string,
	init: { method?: string; body?: unknown; fetch?: typeof fetch } = {}
): Promise<T> {
	const f = init.fetch ?? fetch;
	const res = await f(path, {
		method: init.method ?? 'GET',
		headers: init.body !== undefined ? { 'content-type': 'application/json' } : undefined,
		body: init.body !== undefined ? JSON.stringify(init.body) : undefined
	});
	if (res.status === 204) return undefined as T;
	const json = await res.json().catch(() => null);
	if (!res.ok) {
		throw new ApiError(
			json?.error?.message ?? `The server answered ${res.status}; try again.`,
			res.status,
			json?.error?.code ?? 'http_error'
		);
	}
	return json as T;
}
