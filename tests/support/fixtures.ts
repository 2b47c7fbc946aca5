import type { ApiClient } from './client';
import { signUp } from './client';
import { seedVersion } from './seed';
import type { RunningServer } from './server';

export type Person = Awaited<ReturnType<typeof signUp>>;

/** A project with a song, one ready version and members of the given roles, through the real API. */
export async function setupProject(
	server: RunningServer,
	roles: string[] = ['engineer', 'artist', 'viewer'],
	opts: { durationMs?: number | null } = {}
) {
	const owner = await signUp(server.url, 'Olive Owner', 'owner');
	const project = await owner.client.post('/api/v1/projects', { title: 'Night Drive EP' });
	if (project.status !== 201) throw new Error(`project: ${project.status} ${project.text}`);
	const projectId: string = project.json.project.id;
	const song = await owner.client.post(`/api/v1/projects/${projectId}/songs`, { title: 'Tides' });
	if (song.status !== 201) throw new Error(`song: ${song.status} ${song.text}`);
	const songId: string = song.json.song.id;
	const members: Record<string, Person> = {};
	for (const role of roles) {
		const person = await signUp(
			server.url,
			`${role[0].toUpperCase()}${role.slice(1)} Person`,
			role
		);
		await addMember(owner.client, projectId, person.email, role);
		members[role] = person;
	}
	const version = seedVersion(server.dataDir, { projectId, songId, durationMs: opts.durationMs });
	return { owner, projectId, songId, versionId: version.id, members };
}

export async function addMember(owner: ApiClient, projectId: string, email: string, role: string) {
	const r = await owner.post(`/api/v1/projects/${projectId}/members`, { email, role });
	if (r.status !== 201) throw new Error(`member: ${r.status} ${r.text}`);
	return r.json.member as { id: string; userId: string };
}
