import { AppError } from '../http/errors';

/** The declared body size, when the client sent one. */
export function declaredLength(request: Request): number | null {
	const raw = request.headers.get('content-length');
	if (raw === null || !/^\d+$/.test(raw.trim())) return null;
	return Number(raw);
}

/**
 * An upload refused before its body was read (413, 415, 403...) must not make the client send
 * the rest of a 400 MB file into the void: the answer closes the connection after it is sent.
 */
export async function closeOnRefusal<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof AppError) e.headers = { ...e.headers, Connection: 'close' };
		throw e;
	}
}
