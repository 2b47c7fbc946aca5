/**
 * The real-time contract (../shared/API.md "Real time"), typed once and shared by the socket.io server
 * and the browser client. Payload shapes here are the wire shapes: change them only by extending.
 */

export type CommentStatus = 'open' | 'addressed' | 'resolved';

export interface CommentAuthor {
	id: string | null;
	name: string;
	/** The author's current role in the project; null once they left it. */
	role: string | null;
}

export interface Comment {
	id: string;
	versionId: string;
	parentId: string | null;
	author: CommentAuthor;
	body: string;
	atMs: number;
	endMs: number | null;
	status: CommentStatus;
	addressedInVersionId: string | null;
	briefItemId: string | null;
	createdAt: string;
	updatedAt: string;
	replies: Comment[];
}

/** The contract's `version` object; owned by the versions module, only `id` is relied on here. */
export interface VersionPayload {
	id: string;
	status?: string;
	[field: string]: unknown;
}

export interface DecisionPayload {
	versionId: string;
	decision: 'approved' | 'changes_requested';
	by: { id: string; name: string; role?: string };
	state: 'in_review' | 'changes_requested' | 'approved';
}

export interface PresenceUser {
	userId: string;
	name: string;
	role: string;
	positionMs: number;
	playing: boolean;
	/** Set while the user is writing a note (extension: where, so "X is writing at 1:32"). */
	typing: { atMs: number } | null;
}

export interface PresencePayload {
	versionId: string;
	users: PresenceUser[];
}

export type JoinAck = { ok: true; presence: PresenceUser[] } | { ok: false; error: string };

export interface ServerToClientEvents {
	presence: (payload: PresencePayload) => void;
	'comment:created': (comment: Comment) => void;
	'comment:updated': (comment: Comment) => void;
	'comment:deleted': (payload: { id: string; versionId: string }) => void;
	'version:updated': (version: VersionPayload) => void;
	'decision:recorded': (payload: DecisionPayload) => void;
	/** Extension: this socket lost access to a version it had joined (member removed). */
	'version:evicted': (payload: { versionId: string; reason: string }) => void;
}

export interface ClientToServerEvents {
	'version:join': (versionId: string, ack: (answer: JoinAck) => void) => void;
	'version:leave': (versionId: string) => void;
	'presence:update': (payload: { versionId: string; positionMs: number; playing: boolean }) => void;
	'comment:typing': (payload: { versionId: string; atMs: number }) => void;
}

/** Events a service may publish to a version's room (through the bus, after its commit). */
export type VersionEventName = Exclude<keyof ServerToClientEvents, 'presence' | 'version:evicted'>;
export type VersionEventPayload<E extends VersionEventName> = Parameters<
	ServerToClientEvents[E]
>[0];
