import { api, created, parse, requireUser } from '$lib/server/http/api';
import { closeOnRefusal, declaredLength } from '$lib/server/versions/upload.route';
import { getDb } from '$lib/server/db';
import { uploadQuerySchema } from '$lib/server/deliveries/delivery.schemas';
import { addDeliveryUpload } from '$lib/server/deliveries/delivery.upload';

/** Raw audio at `?path=`, or a zip: 201 `{file, files}` (`file` is the first of `files`). */
export const POST = api(async (event) =>
	// A refused upload must not make the client send the rest of a large body into the void.
	closeOnRefusal(async () => {
		const user = requireUser(event);
		const query = parse(uploadQuerySchema, Object.fromEntries(event.url.searchParams));
		const { files } = await addDeliveryUpload(await getDb(), user, event.params.id!, {
			body: event.request.body,
			declaredLength: declaredLength(event.request),
			contentType: event.request.headers.get('content-type') ?? '',
			path: query.path
		});
		return created({ file: files[0], files });
	})
);
