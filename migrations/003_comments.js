/**
 * Timestamped notes on a mix version, with one level of replies. `client_id` is the browser's own id
 * for a note, so a note resent after a lost connection is stored once (unique per author).
 */
export async function up(db) {
	await db.schema
		.createTable('comment')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('version_id', 'text', (c) =>
			c.notNull().references('version.id').onDelete('cascade')
		)
		// Denormalised from the version so access checks and the open-notes query need no join.
		.addColumn('project_id', 'text', (c) => c.notNull())
		.addColumn('song_id', 'text', (c) => c.notNull())
		.addColumn('parent_id', 'text', (c) => c.references('comment.id').onDelete('cascade'))
		.addColumn('author_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('at_ms', 'integer', (c) => c.notNull())
		.addColumn('end_ms', 'integer')
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
		.addColumn('addressed_in_version_id', 'text')
		.addColumn('brief_item_id', 'text')
		.addColumn('client_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('comment_version_idx')
		.on('comment')
		.columns(['version_id', 'at_ms'])
		.execute();
	await db.schema.createIndex('comment_parent_idx').on('comment').column('parent_id').execute();
	await db.schema
		.createIndex('comment_song_status_idx')
		.on('comment')
		.columns(['song_id', 'status'])
		.execute();
	// NULL client ids never collide (SQLite and PostgreSQL alike), so notes without one are fine.
	await db.schema
		.createIndex('comment_client_uq')
		.on('comment')
		.columns(['author_id', 'client_id'])
		.unique()
		.execute();
}
