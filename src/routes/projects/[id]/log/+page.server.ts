import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { loadOr404, requirePageUser } from '$lib/server/http/page';
import { typesFilter } from '$lib/server/log/log.filter';
import { getProjectLog } from '$lib/server/log/log.service';
import { getBriefHistory } from '$lib/server/projects/brief.service';
import type { PageServerLoad } from './$types';

const PAGE = 100;
// Plain GET parameters, so the filters work without JavaScript and links can be shared.
const filters = z.object({
	song: z.string().max(64).optional().catch(undefined),
	person: z.string().max(64).optional().catch(undefined),
	kind: z.string().max(40).optional().catch(undefined),
	before: z.coerce.number().int().min(1).optional().catch(undefined)
});

export const load: PageServerLoad = async (event) => {
	const user = requirePageUser(event);
	const q = filters.parse(Object.fromEntries(event.url.searchParams));
	const db = await getDb();
	const [events, revisions] = await loadOr404(() =>
		Promise.all([
			getProjectLog(db, user, event.params.id, {
				songId: q.song || undefined,
				actorId: q.person || undefined,
				types: typesFilter({ kind: q.kind || undefined }),
				limit: PAGE + 1,
				before: q.before
			}),
			getBriefHistory(db, user, event.params.id)
		])
	);
	const shown = events.slice(0, PAGE);
	// Only the brief revisions the shown entries refer to (and the ones before them, for the diff).
	const wanted = new Set(
		shown
			.filter((e) => e.type === 'brief.updated')
			.flatMap((e) => {
				const r = (e.data as { revision?: number } | null)?.revision ?? 0;
				return [r, r - 1];
			})
	);
	return {
		filters: { song: q.song ?? '', person: q.person ?? '', kind: q.kind ?? '' },
		events: shown.map((e) => ({
			id: e.id,
			type: e.type,
			kind: e.kind,
			at: e.at,
			actor: e.actor,
			songId: e.songId,
			versionId: e.versionId,
			commentId: e.commentId,
			summary: e.summary,
			revision:
				e.type === 'brief.updated' ? ((e.data as { revision?: number }).revision ?? null) : null
		})),
		older: events.length > PAGE ? shown.at(-1)!.cursor : null,
		revisions: revisions
			.filter((r) => wanted.has(r.revision))
			.map((r) => ({
				revision: r.revision,
				vision: r.vision,
				tone: r.tone,
				notes: r.notes,
				keyElements: r.keyElements,
				revisionRounds: r.revisionRounds
			}))
	};
};
