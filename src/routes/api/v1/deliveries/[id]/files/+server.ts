import { api, created, parse, requireUser } from '$lib/server/http/api';
import { AppError } from '$lib/server/http/errors';
import { getDb } from '$lib/server/db';
import { uploadQuerySchema } from '$lib/server/deliveries/delivery.schemas';
import { addDeliveryUpload } from '$lib/server/deliveries/delivery.upload';

function declaredLength(request: Request): number | null {
	const raw = request.headers.get('content-length');
	return raw !== null && /^\d+$/.test(raw.trim()) ? Number(raw) : null;
}

/** Raw audio at `?path=`, or a zip: 201 `{file, files}` (`file` is the first of `files`). */
export const POST = api(async (event) => {
	try {
		const user = requireUser(event);
		const query = parse(uploadQuerySchema, Object.fromEntries(event.url.searchParams));
		const { files } = await addDeliveryUpload(await getDb(), user, event.params.id!, {
			body: event.request.body,
			declaredLength: declaredLength(event.request),
			path: query.path
		});
		return created({ file: files[0], files });
	} catch (e) {
		// A refused upload must not make the client send the rest of a large body into the void.
		if (e instanceof AppError) e.headers = { ...e.headers, Connection: 'close' };
		throw e;
	}
});
