import type { Tx } from '../db/transaction';

/** Notes of earlier versions that `versionId` addressed, with their author and version number. */
export async function listAddressedIn(db: Tx, versionId: string) {
	const rows = await db
		.selectFrom('comment')
		.innerJoin('version', 'version.id', 'comment.version_id')
		.leftJoin('user', 'user.id', 'comment.author_id')
		.select([
			'comment.id',
			'comment.body',
			'comment.at_ms',
			'comment.status',
			'comment.brief_item_id',
			'user.name as author_name',
			'version.number'
		])
		.where('comment.addressed_in_version_id', '=', versionId)
		.where('comment.parent_id', 'is', null)
		.orderBy('version.number')
		.orderBy('comment.at_ms')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		body: r.body,
		atMs: Number(r.at_ms),
		status: r.status,
		briefItemId: r.brief_item_id,
		author: { name: r.author_name ?? 'Former member' },
		versionNumber: Number(r.number)
	}));
}
