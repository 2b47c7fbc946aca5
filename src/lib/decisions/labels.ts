/** Plain words for approval states, shared by every place a song or version shows its state. */
export type SongState = 'empty' | 'in_review' | 'changes_requested' | 'approved';

export const stateLabels: Record<SongState, string> = {
	empty: 'No mix yet',
	in_review: 'In review',
	changes_requested: 'Changes requested',
	approved: 'Approved'
};

export const stateTone: Record<SongState, string> = {
	empty: '',
	in_review: 'accent',
	changes_requested: 'warn',
	approved: 'ok'
};

export interface RoundsInfo {
	used: number;
	included: number | null;
	pending: boolean;
	current: number;
	exceeded: boolean;
}

/** "Round 2 of 3 included", or why there is no round yet. */
export function roundsText(r: RoundsInfo): string {
	if (r.current === 0) {
		return r.included === null ? 'First mix' : `First mix · ${r.included} rounds included`;
	}
	const of = r.included === null ? '' : ` of ${r.included} included`;
	return `Round ${r.current}${of}${r.pending ? ' (changes requested)' : ''}`;
}
