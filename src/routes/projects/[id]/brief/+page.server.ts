import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { parse } from '$lib/server/http/api';
import { AppError } from '$lib/server/http/errors';
import { requirePageUser } from '$lib/server/http/page';
import { updateBrief } from '$lib/server/projects/brief.service';
import { briefSchema } from '$lib/server/projects/project.schemas';
import type { Actions } from './$types';

export const actions: Actions = {
	/** The brief form posts repeated key-element fields, so it maps its own form to the API schema. */
	save: async (event) => {
		const user = requirePageUser(event);
		const form = await event.request.formData();
		const ids = form.getAll('keyElementId').map(String);
		const texts = form.getAll('keyElementText').map(String);
		const rounds = String(form.get('revisionRounds') ?? '').trim();
		const raw = {
			vision: String(form.get('vision') ?? ''),
			tone: String(form.get('tone') ?? ''),
			notes: String(form.get('notes') ?? ''),
			keyElements: texts
				.map((text, i) => ({ id: ids[i] || undefined, text: text.trim() }))
				.filter((k) => k.text),
			revisionRounds: rounds === '' ? null : Number(rounds),
			baseRevision: Number(form.get('baseRevision'))
		};
		try {
			const brief = await updateBrief(
				await getDb(),
				user,
				event.params.id,
				parse(briefSchema, raw)
			);
			return { saved: brief.revision };
		} catch (e) {
			if (e instanceof AppError) return fail(e.status, { error: e.message, code: e.code });
			throw e;
		}
	}
};
