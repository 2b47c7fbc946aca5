import { getDb } from '$lib/server/db';
import { formAction, requirePageUser } from '$lib/server/http/page';
import { referenceSchema, songSchema } from '$lib/server/projects/project.schemas';
import { addReference } from '$lib/server/projects/reference.service';
import { createSong } from '$lib/server/songs/song.service';
import type { Actions } from './$types';

export const actions: Actions = {
	addSong: async (event) => {
		const user = requirePageUser(event);
		return formAction(
			event,
			songSchema,
			async (input) => {
				await createSong(await getDb(), user, event.params.id, input);
				return { ok: 'song' };
			},
			'addSong'
		);
	},
	addReference: async (event) => {
		const user = requirePageUser(event);
		return formAction(
			event,
			referenceSchema,
			async (input) => {
				await addReference(await getDb(), user, event.params.id, input);
				return { ok: 'reference' };
			},
			'addReference'
		);
	}
};
