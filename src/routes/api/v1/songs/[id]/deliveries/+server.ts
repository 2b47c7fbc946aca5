import { json } from '@sveltejs/kit';
import { api, created, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { createDeliverySchema } from '$lib/server/deliveries/delivery.schemas';
import { createDelivery, listDeliveries } from '$lib/server/deliveries/delivery.service';

export const GET = api(async (event) => {
	const user = requireUser(event);
	return json({ deliveries: await listDeliveries(await getDb(), user, event.params.id!) });
});

export const POST = api(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request, createDeliverySchema);
	return created({ delivery: await createDelivery(await getDb(), user, event.params.id!, input) });
});
