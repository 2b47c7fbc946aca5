/**
 * Decisions on mix versions and the locks of approved finals.
 *
 * A version's approval state is computed from its decisions and the project's *current* approvers,
 * never stored (so removing an approver or changing a role re-evaluates it). What is stored is the
 * moment a version became the song's final: `final_lock` keeps who approved, when, and the file's
 * SHA-256, so the final stays auditable even if members change later. A reopen releases the lock
 * (released_* columns) instead of deleting it: earlier finals remain on record.
 */
export async function up(db) {
	await db.schema
		.createTable('decision')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('version_id', 'text', (c) =>
			c.notNull().references('version.id').onDelete('cascade')
		)
		// Denormalised from the version so project- and song-wide queries need no join.
		.addColumn('project_id', 'text', (c) => c.notNull())
		.addColumn('song_id', 'text', (c) => c.notNull())
		// No foreign key: a decision outlives its author's account, like the log does.
		.addColumn('user_id', 'text', (c) => c.notNull())
		// The decider's role when they decided (their current role may differ later).
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('decision', 'text', (c) => c.notNull())
		.addColumn('note', 'text')
		// Order of decisions on one version: timestamps can tie, a counter cannot.
		.addColumn('ordinal', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('decision_ordinal_uq', ['version_id', 'ordinal'])
		.execute();
	await db.schema.createIndex('decision_song_idx').on('decision').column('song_id').execute();

	await db.schema
		.createTable('final_lock')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('version_id', 'text', (c) =>
			c.notNull().references('version.id').onDelete('cascade')
		)
		.addColumn('song_id', 'text', (c) => c.notNull())
		.addColumn('project_id', 'text', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('approved_at', 'text', (c) => c.notNull())
		// The approver whose approval completed the set (JSON {id, name, role}).
		.addColumn('approved_by', 'text', (c) => c.notNull())
		// Every approver's approval at that moment (JSON [{id, name, role, at}]).
		.addColumn('approvals', 'text', (c) => c.notNull())
		// The last decision (ordinal) the lock saw: after a release, decisions up to it no longer
		// count, so a reopened final needs a fresh round of approvals.
		.addColumn('through_ordinal', 'integer', (c) => c.notNull())
		.addColumn('released_at', 'text')
		.addColumn('released_by', 'text')
		.addColumn('release_reason', 'text')
		.execute();
	await db.schema
		.createIndex('final_lock_version_idx')
		.on('final_lock')
		.column('version_id')
		.execute();
	// At most one locked final per song.
	await db.schema
		.createIndex('final_lock_song_uq')
		.on('final_lock')
		.column('song_id')
		.unique()
		.where('released_at', 'is', null)
		.execute();
}
