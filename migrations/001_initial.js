import { sql } from 'kysely';
import { isPostgres } from './dialect.js';

/** Accounts, projects with roles, the versioned brief, references, songs and the append-only log. */
export async function up(db) {
	await db.schema
		.createTable('user')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('expires_at', 'bigint', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

	await db.schema
		.createTable('api_token')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_used_at', 'text')
		.execute();

	await db.schema
		.createTable('project')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('artist', 'text')
		.addColumn('created_by', 'text', (c) => c.notNull().references('user.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('download_roles', 'text', (c) =>
			c.notNull().defaultTo('owner,engineer,artist,label')
		)
		.addColumn('approver_role', 'text', (c) => c.notNull().defaultTo('auto'))
		.execute();

	await db.schema
		.createTable('project_member')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('project_id', 'text', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.references('user.id').onDelete('cascade'))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('invited_by', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('project_member_email_uq', ['project_id', 'email'])
		.execute();
	await db.schema
		.createIndex('project_member_user_idx')
		.on('project_member')
		.column('user_id')
		.execute();
	await db.schema
		.createIndex('project_member_email_idx')
		.on('project_member')
		.column('email')
		.execute();

	await db.schema
		.createTable('brief_revision')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('project_id', 'text', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('revision', 'integer', (c) => c.notNull())
		.addColumn('vision', 'text', (c) => c.notNull())
		.addColumn('tone', 'text', (c) => c.notNull())
		.addColumn('notes', 'text', (c) => c.notNull())
		.addColumn('key_elements', 'text', (c) => c.notNull())
		.addColumn('revision_rounds', 'integer')
		.addColumn('author_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('brief_revision_uq', ['project_id', 'revision'])
		.execute();

	await db.schema
		.createTable('reference')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('project_id', 'text', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('artist', 'text')
		.addColumn('url', 'text')
		.addColumn('notes', 'text')
		.addColumn('created_by', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('song')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('project_id', 'text', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	const pg = isPostgres(db);
	await db.schema
		.createTable('log_event')
		.addColumn('seq', pg ? 'bigserial' : 'integer', (c) =>
			pg ? c.primaryKey() : c.primaryKey().autoIncrement()
		)
		.addColumn('id', 'text', (c) => c.notNull().unique())
		.addColumn('project_id', 'text', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('actor_id', 'text')
		.addColumn('song_id', 'text')
		.addColumn('version_id', 'text')
		.addColumn('comment_id', 'text')
		.addColumn('summary', 'text', (c) => c.notNull())
		.addColumn('data', 'text')
		.execute();
	await db.schema
		.createIndex('log_event_project_idx')
		.on('log_event')
		.columns(['project_id', 'seq'])
		.execute();

	// The log is an audit trail: the database itself refuses to change or delete a row.
	if (pg) {
		await sql`create function log_event_immutable() returns trigger language plpgsql as
			$$ begin raise exception 'log_event is append-only'; end $$`.execute(db);
		await sql`create trigger log_event_no_update before update or delete on log_event
			for each row execute function log_event_immutable()`.execute(db);
	} else {
		await sql`create trigger log_event_no_update before update on log_event
			begin select raise(abort, 'log_event is append-only'); end`.execute(db);
		await sql`create trigger log_event_no_delete before delete on log_event
			begin select raise(abort, 'log_event is append-only'); end`.execute(db);
	}
}
