import { ApiClient, signUp } from './client';

export const MEMBER_ROLES = ['owner', 'engineer', 'artist', 'label', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** A project with one signed-in client per role, plus an outsider who belongs to another project. */
export async function projectWithTeam(base: string) {
	const owner = await signUp(base, 'Olive Owner', 'owner');
	const created = await owner.client.post('/api/v1/projects', {
		title: 'Team project',
		artist: 'Band'
	});
	const projectId: string = created.json.project.id;
	const clients = { owner: owner.client } as Record<MemberRole, ApiClient>;
	const users = { owner: owner.user } as Record<
		MemberRole,
		{ id: string; name: string; email: string }
	>;
	for (const role of MEMBER_ROLES.filter((r) => r !== 'owner')) {
		const m = await signUp(base, `${role} person`, role);
		const r = await owner.client.post(`/api/v1/projects/${projectId}/members`, {
			email: m.email,
			role
		});
		if (r.status !== 201) throw new Error(`invite failed: ${r.text}`);
		clients[role] = m.client;
		users[role] = m.user;
	}
	const outsider = await signUp(base, 'Oscar Outsider', 'outsider');
	await outsider.client.post('/api/v1/projects', { title: 'Somebody else’s project' });
	const song = await owner.client.post(`/api/v1/projects/${projectId}/songs`, {
		title: 'First song'
	});
	return {
		projectId,
		songId: song.json.song.id as string,
		clients,
		users,
		outsider: outsider.client
	};
}
