/** Mix versions of a song: the uploaded file's facts, its analysis, and its compressed stream. */
export async function up(db) {
	await db.schema
		.createTable('version')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('song_id', 'text', (c) => c.notNull().references('song.id').onDelete('cascade'))
		.addColumn('project_id', 'text', (c) => c.notNull())
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('filename', 'text', (c) => c.notNull())
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('uploaded_by', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('size_bytes', 'bigint', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		// Known from the header at upload (before analysis): names original.<ext> on disk.
		.addColumn('container', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('error', 'text')
		// JSON documents with the contract's camelCase fields (format, loudness, warnings).
		.addColumn('format', 'text')
		.addColumn('loudness', 'text')
		.addColumn('warnings', 'text')
		.addColumn('stream_status', 'text', (c) => c.notNull().defaultTo('pending'))
		.addUniqueConstraint('version_number_uq', ['song_id', 'number'])
		.execute();
	await db.schema.createIndex('version_project_idx').on('version').column('project_id').execute();
	// The start-up sweep re-queues unfinished analysis; an index keeps it cheap on big libraries.
	await db.schema.createIndex('version_status_idx').on('version').column('status').execute();

	// A reference track's audio (one file per reference, replaceable), analysed like a version.
	// Its own table because 001 (reference) has shipped and is frozen.
	await db.schema
		.createTable('reference_audio')
		.addColumn('reference_id', 'text', (c) =>
			c.primaryKey().references('reference.id').onDelete('cascade')
		)
		.addColumn('project_id', 'text', (c) => c.notNull())
		.addColumn('filename', 'text', (c) => c.notNull())
		.addColumn('uploaded_by', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('size_bytes', 'bigint', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('container', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('error', 'text')
		.addColumn('format', 'text')
		.addColumn('loudness', 'text')
		.addColumn('warnings', 'text')
		.execute();
}
