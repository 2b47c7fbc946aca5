import { json } from '@sveltejs/kit';
import { api, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { patchDeliverySchema } from '$lib/server/deliveries/delivery.schemas';
import { getDelivery, updateDeliveryDetails } from '$lib/server/deliveries/delivery.service';

export const GET = api(async (event) => {
	const user = requireUser(event);
	return json({ delivery: await getDelivery(await getDb(), user, event.params.id!) });
});

export const PATCH = api(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request, patchDeliverySchema);
	return json({
		delivery: await updateDeliveryDetails(await getDb(), user, event.params.id!, input)
	});
});
