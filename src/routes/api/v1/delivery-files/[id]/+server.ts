import { json } from '@sveltejs/kit';
import { api, noContent, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import {
	getDelivery,
	removeDeliveryFile,
	requireDeliveryFile
} from '$lib/server/deliveries/delivery.service';

export const GET = api(async (event) => {
	const user = requireUser(event);
	const db = await getDb();
	const { file } = await requireDeliveryFile(db, user, event.params.id!, 'read');
	const delivery = await getDelivery(db, user, file.deliveryId);
	return json({ file: delivery.files.find((f) => f.id === file.id) });
});

export const DELETE = api(async (event) => {
	await removeDeliveryFile(await getDb(), requireUser(event), event.params.id!);
	return noContent();
});
