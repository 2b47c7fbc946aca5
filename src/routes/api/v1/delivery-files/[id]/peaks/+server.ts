import { json } from '@sveltejs/kit';
import { api, parse, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { peaksQuerySchema } from '$lib/server/deliveries/delivery.schemas';
import { deliveryFilePeaks } from '$lib/server/deliveries/delivery.media';

export const GET = api(async (event) => {
	const user = requireUser(event);
	const q = parse(peaksQuerySchema, Object.fromEntries(event.url.searchParams));
	return json(await deliveryFilePeaks(await getDb(), user, event.params.id!, q.samplesPerPixel));
});
