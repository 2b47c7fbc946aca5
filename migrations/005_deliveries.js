/**
 * Session deliveries: the stems and rough mix an artist hands over before mixing, each file's
 * one-time analysis (kept as JSON so the report is recomputed without decoding again), and the
 * engineer's decisions on the delivery.
 */
export async function up(db) {
	await db.schema
		.createTable('delivery')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('song_id', 'text', (c) => c.notNull().references('song.id').onDelete('cascade'))
		.addColumn('project_id', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		// Chosen by a person (PATCH roughMixFileId); null = recognised by name.
		.addColumn('rough_mix_file_id', 'text')
		// 'open' until an owner or engineer decides: 'accepted' | 'fixes_requested'.
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
		// The last computed report (JSON) and its verdict, refreshed whenever a file lands.
		.addColumn('report', 'text')
		.addColumn('verdict', 'text')
		.execute();
	await db.schema.createIndex('delivery_song_idx').on('delivery').column('song_id').execute();

	await db.schema
		.createTable('delivery_file')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('delivery_id', 'text', (c) =>
			c.notNull().references('delivery.id').onDelete('cascade')
		)
		.addColumn('project_id', 'text', (c) => c.notNull())
		// Relative, normalised path inside the delivery: 'drums/Kick.wav'.
		.addColumn('path', 'text', (c) => c.notNull())
		.addColumn('container', 'text', (c) => c.notNull())
		.addColumn('size_bytes', 'bigint', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('uploaded_by', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		// 'analysing' | 'ready' | 'failed'
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('error', 'text')
		// JSON: format, loudness, clipping, silent, dualMono, warnings (one analyseFile result).
		.addColumn('analysis', 'text')
		.addColumn('decoded_sha256', 'text')
		.addColumn('verdict', 'text')
		.addUniqueConstraint('delivery_file_path_uq', ['delivery_id', 'path'])
		.execute();

	await db.schema
		.createTable('delivery_decision')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('delivery_id', 'text', (c) =>
			c.notNull().references('delivery.id').onDelete('cascade')
		)
		.addColumn('decision', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('decided_by', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('delivery_decision_delivery_idx')
		.on('delivery_decision')
		.column('delivery_id')
		.execute();
}
