import type { Generated } from 'kysely';

/** Table types: snake_case as stored; repositories map rows to camelCase domain objects. */
export interface UserTable {
	id: string;
	email: string;
	name: string;
	password_hash: string;
	created_at: string;
}

export interface SessionTable {
	id: string;
	user_id: string;
	expires_at: number;
	created_at: string;
}

export interface ApiTokenTable {
	id: string;
	user_id: string;
	name: string;
	token_hash: string;
	created_at: string;
	last_used_at: string | null;
}

export interface ProjectTable {
	id: string;
	title: string;
	artist: string | null;
	created_by: string;
	created_at: string;
	/** Roles allowed to download originals, comma separated. */
	download_roles: Generated<string>;
	/** Which role approves finals: 'auto' = label members, else artists. */
	approver_role: Generated<string>;
}

export interface ProjectMemberTable {
	id: string;
	project_id: string;
	user_id: string | null;
	email: string;
	role: string;
	invited_by: string | null;
	created_at: string;
}

export interface BriefRevisionTable {
	id: string;
	project_id: string;
	revision: number;
	vision: string;
	tone: string;
	notes: string;
	key_elements: string;
	revision_rounds: number | null;
	author_id: string | null;
	created_at: string;
}

export interface ReferenceTable {
	id: string;
	project_id: string;
	title: string;
	artist: string | null;
	url: string | null;
	notes: string | null;
	created_by: string;
	created_at: string;
}

export interface SongTable {
	id: string;
	project_id: string;
	title: string;
	position: number;
	created_at: string;
}

export interface LogEventTable {
	seq: Generated<number>;
	id: string;
	project_id: string;
	type: string;
	at: string;
	actor_id: string | null;
	song_id: string | null;
	version_id: string | null;
	comment_id: string | null;
	summary: string;
	data: string | null;
}

export interface VersionTable {
	id: string;
	song_id: string;
	project_id: string;
	number: number;
	filename: string;
	notes: Generated<string>;
	uploaded_by: string | null;
	created_at: string;
	size_bytes: number;
	sha256: string;
	container: string;
	status: string;
	error: string | null;
	format: string | null;
	loudness: string | null;
	warnings: string | null;
	stream_status: Generated<string>;
}

export interface ReferenceAudioTable {
	reference_id: string;
	project_id: string;
	filename: string;
	uploaded_by: string | null;
	created_at: string;
	size_bytes: number;
	sha256: string;
	container: string;
	status: string;
	error: string | null;
	format: string | null;
	loudness: string | null;
	warnings: string | null;
}

export interface CommentTable {
	id: string;
	version_id: string;
	project_id: string;
	song_id: string;
	parent_id: string | null;
	author_id: string | null;
	body: string;
	at_ms: number;
	end_ms: number | null;
	status: Generated<string>;
	addressed_in_version_id: string | null;
	brief_item_id: string | null;
	client_id: string | null;
	created_at: string;
	updated_at: string;
}

export interface Database {
	user: UserTable;
	session: SessionTable;
	api_token: ApiTokenTable;
	project: ProjectTable;
	project_member: ProjectMemberTable;
	brief_revision: BriefRevisionTable;
	reference: ReferenceTable;
	song: SongTable;
	log_event: LogEventTable;
	version: VersionTable;
	reference_audio: ReferenceAudioTable;
	comment: CommentTable;
}
