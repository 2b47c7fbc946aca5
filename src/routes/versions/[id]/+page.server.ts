import { error } from '@sveltejs/kit';
import type { AddressedNote, Note } from '$lib/comments/note.types';
import type { RoundsInfo, SongState } from '$lib/decisions/labels';
import type { Approval } from '$lib/server/decisions/approval.service';
import { requirePageUser } from '$lib/server/http/page';
import { can } from '$lib/server/projects/access';
import type { Role } from '$lib/server/projects/roles';
import { toReviewReference, toReviewVersion, type ApiReference, type ApiVersion } from './review';
import type { PageServerLoad } from './$types';

/**
 * The review room loads through the public API (the same calls a script makes), which keeps this
 * page decoupled from the versions and comments services and checks access exactly as the API does:
 * a version outside the caller's projects is a 404.
 */
export const load: PageServerLoad = async (event) => {
	const user = requirePageUser(event);
	const get = async <T>(path: string, optional = false): Promise<T | null> => {
		const res = await event.fetch(path);
		if (res.ok) return (await res.json()) as T;
		if (optional) return null;
		if (res.status === 404 || res.status === 403) error(404, { message: 'Not found' });
		error(res.status >= 500 ? 502 : res.status, { message: `Could not load ${path}` });
	};
	const id = event.params.id;
	const { version } = (await get<{ version: ApiVersion }>(`/api/v1/versions/${id}`))!;
	const earlier = <T>(path: string) => (version.number > 1 ? get<T>(path, true) : null);
	const [songRes, commentsRes, openRes, addressedRes] = await Promise.all([
		get<{
			song: {
				id: string;
				projectId: string;
				title: string;
				state: SongState;
				rounds: RoundsInfo;
				versions: ApiVersion[];
			};
		}>(`/api/v1/songs/${version.songId}`),
		get<{ comments: Note[] }>(`/api/v1/versions/${id}/comments`, true),
		earlier<{ comments: Note[] }>(`/api/v1/versions/${id}/open-notes`),
		// The earlier notes this version addressed (for the picker and "Against the brief").
		earlier<{ comments: AddressedNote[] }>(`/api/v1/versions/${id}/addressed-notes`)
	]);
	const song = songRes!.song;
	const { project } = (await get<{
		project: {
			id: string;
			title: string;
			myRole: Role;
			brief: { keyElements: { id: string; text: string }[] };
			references?: ApiReference[];
		};
	}>(`/api/v1/projects/${song.projectId}`))!;
	// Projects can keep lossless originals from some roles; the stream is for every member.
	const head = await event.fetch(`/api/v1/versions/${id}/audio?variant=original`, {
		method: 'HEAD'
	});

	return {
		me: { id: user.id, name: user.name },
		project: { id: project.id, title: project.title, myRole: project.myRole },
		song: { id: song.id, title: song.title, rounds: song.rounds },
		version: toReviewVersion(version),
		approval: version.approval as Approval,
		addressed: addressedRes?.comments ?? [],
		versions: song.versions.map(toReviewVersion).sort((a, b) => a.number - b.number),
		briefItems: project.brief.keyElements.map((k) => ({ id: k.id, text: k.text })),
		// The project's references carry their audio summary (loudness for matching).
		references: (project.references ?? []).map(toReviewReference),
		comments: commentsRes?.comments ?? [],
		openNotes: openRes?.comments ?? [],
		canPlayOriginal: head.ok,
		can: {
			upload: can(project.myRole, 'uploadVersion'),
			comment: can(project.myRole, 'comment'),
			address: can(project.myRole, 'addressNotes'),
			deleteAny: project.myRole === 'owner'
		}
	};
};
