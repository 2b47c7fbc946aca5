import { describe, expect, it } from 'vitest';
import { briefCoverage } from './coverage';

const note = (id: string, atMs: number, status: string, briefItemId: string | null) => ({
	id,
	body: id,
	atMs,
	status,
	briefItemId,
	author: { name: 'A' }
});

describe('briefCoverage', () => {
	it('lists every key element with its notes in time order, then the untied notes', () => {
		const rows = briefCoverage(
			[
				{ id: 'voc', text: 'Vocals upfront' },
				{ id: 'drm', text: 'Punchy drums' },
				{ id: 'bass', text: 'Warm bass' }
			],
			[
				note('n1', 5000, 'open', 'voc'),
				note('n2', 1000, 'resolved', 'voc'),
				note('n3', 2000, 'addressed', 'drm'),
				note('n4', 3000, 'open', null),
				note('n5', 4000, 'open', 'gone')
			]
		);
		expect(
			rows.map((r) => [r.element?.id ?? null, r.notes.map((n) => n.id), r.open, r.done])
		).toEqual([
			['voc', ['n2', 'n1'], 1, 1],
			['drm', ['n3'], 0, 1],
			['bass', [], 0, 0],
			[null, ['n4', 'n5'], 2, 0]
		]);
	});

	it('has no untied row when every note is tied', () => {
		expect(briefCoverage([{ id: 'k', text: 'K' }], [note('a', 1, 'open', 'k')])).toHaveLength(1);
	});
});
