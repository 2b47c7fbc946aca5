export const ROLES = ['owner', 'engineer', 'artist', 'label', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who may do what: the one table every HTTP route and socket handler consults (via requireRole). */
export const PERMISSIONS = {
	read: ROLES,
	editBrief: ['owner', 'engineer', 'artist'],
	addReference: ['owner', 'engineer', 'artist'],
	manageSongs: ['owner', 'engineer'],
	uploadVersion: ['owner', 'engineer'],
	addressNotes: ['owner', 'engineer'],
	comment: ['owner', 'engineer', 'artist', 'label'],
	decide: ['owner', 'artist', 'label'],
	deliver: ['owner', 'engineer', 'artist'],
	acceptDelivery: ['owner', 'engineer'],
	manageMembers: ['owner'],
	manageSettings: ['owner']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const roleLabels: Record<Role, string> = {
	owner: 'Owner',
	engineer: 'Mix engineer',
	artist: 'Artist',
	label: 'Label',
	viewer: 'Viewer'
};
