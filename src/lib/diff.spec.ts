import { describe, expect, it } from 'vitest';
import { diffWords } from './diff';

describe('diffWords', () => {
	it('marks replaced words and keeps the rest', () => {
		const parts = diffWords('warm and organic mix', 'warm and wide mix');
		expect(parts).toEqual([
			{ kind: 'same', text: 'warm and ' },
			{ kind: 'removed', text: 'organic' },
			{ kind: 'added', text: 'wide' },
			{ kind: 'same', text: ' mix' }
		]);
	});

	it('handles empty sides', () => {
		expect(diffWords('', 'new text')).toEqual([{ kind: 'added', text: 'new text' }]);
		expect(diffWords('old', '')).toEqual([{ kind: 'removed', text: 'old' }]);
		expect(diffWords('', '')).toEqual([]);
	});

	it('reassembles both texts exactly', () => {
		const before = 'The vocal sits upfront, drums punchy but not harsh.';
		const after = 'The vocal sits upfront; drums punchy, never harsh. Wide pads.';
		const parts = diffWords(before, after);
		const old = parts
			.filter((p) => p.kind !== 'added')
			.map((p) => p.text)
			.join('');
		const now = parts
			.filter((p) => p.kind !== 'removed')
			.map((p) => p.text)
			.join('');
		expect(old).toBe(before);
		expect(now).toBe(after);
	});
});
