/**
 * The review room's keyboard map, for engineers who work from the keyboard. Keys are ignored while
 * someone types in a field, and Space is left to a button or link that has keyboard focus.
 */

export type ShortcutAction =
	| { type: 'togglePlay' }
	| { type: 'nudge'; ms: number }
	| { type: 'shuttle'; dir: -1 | 0 | 1 }
	| { type: 'noteAtPlayhead' }
	| { type: 'rangeStart' }
	| { type: 'rangeEnd' }
	| { type: 'cancel' }
	| { type: 'help' }
	| { type: 'zoom'; dir: -1 | 1 }
	| { type: 'toggleAb' };

export const NUDGE_MS = 1000;
export const NUDGE_LARGE_MS = 5000;

/** What the help overlay lists, in this order; `or` marks alternatives rather than a combination. */
export const SHORTCUTS: { keys: string[]; label: string; or?: boolean }[] = [
	{ keys: ['Space'], label: 'Play / pause' },
	{ keys: ['←', '→'], label: `Back / forward ${NUDGE_MS / 1000} s`, or: true },
	{ keys: ['Shift', '←/→'], label: `Back / forward ${NUDGE_LARGE_MS / 1000} s` },
	{ keys: ['J'], label: 'Rewind (press again to go further)' },
	{ keys: ['K'], label: 'Pause' },
	{ keys: ['L'], label: 'Play (press again for faster)' },
	{ keys: ['C'], label: 'Note at the playhead' },
	{ keys: ['['], label: 'Start a range at the playhead' },
	{ keys: [']'], label: 'End the range and write a note on it' },
	{ keys: ['B'], label: 'Switch A/B' },
	{ keys: ['+', '−'], label: 'Zoom the detail waveform in / out', or: true },
	{ keys: ['Esc'], label: 'Cancel the range or note' },
	{ keys: ['?'], label: 'This help' }
];

export interface KeyLike {
	key: string;
	shiftKey?: boolean;
	ctrlKey?: boolean;
	metaKey?: boolean;
	altKey?: boolean;
}

export function actionForKey(e: KeyLike): ShortcutAction | null {
	// Browser and OS shortcuts (Ctrl+C, Cmd+[ …) stay theirs.
	if (e.ctrlKey || e.metaKey || e.altKey) return null;
	switch (e.key) {
		case ' ':
		case 'Spacebar':
			return { type: 'togglePlay' };
		case 'ArrowLeft':
			return { type: 'nudge', ms: -(e.shiftKey ? NUDGE_LARGE_MS : NUDGE_MS) };
		case 'ArrowRight':
			return { type: 'nudge', ms: e.shiftKey ? NUDGE_LARGE_MS : NUDGE_MS };
		case 'j':
		case 'J':
			return { type: 'shuttle', dir: -1 };
		case 'k':
		case 'K':
			return { type: 'shuttle', dir: 0 };
		case 'l':
		case 'L':
			return { type: 'shuttle', dir: 1 };
		case 'c':
		case 'C':
			return { type: 'noteAtPlayhead' };
		case '[':
			return { type: 'rangeStart' };
		case ']':
			return { type: 'rangeEnd' };
		case 'b':
		case 'B':
			return { type: 'toggleAb' };
		case '+':
		case '=':
			return { type: 'zoom', dir: 1 };
		case '-':
		case '_':
			return { type: 'zoom', dir: -1 };
		case 'Escape':
			return { type: 'cancel' };
		case '?':
			return { type: 'help' };
		default:
			return null;
	}
}

interface ElementLike {
	tagName?: string;
	isContentEditable?: boolean;
	type?: string;
	matches?: (selector: string) => boolean;
}

const TEXT_INPUTS = new Set([
	'text',
	'search',
	'email',
	'url',
	'tel',
	'password',
	'number',
	'date',
	'time'
]);

/** A field the person is typing in: every key belongs to it. */
export function isTypingTarget(t: ElementLike | null | undefined): boolean {
	if (!t?.tagName) return false;
	const tag = t.tagName.toUpperCase();
	if (tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable) return true;
	return tag === 'INPUT' && TEXT_INPUTS.has((t.type ?? 'text').toLowerCase());
}

/**
 * Whether a key should go to the focused element instead of the player: everything in a field;
 * Space and Enter on a control reached from the keyboard (a mouse click leaves focus on a button
 * without :focus-visible, and then Space still plays, as engineers expect).
 */
export function keyBelongsToTarget(e: KeyLike, t: ElementLike | null | undefined): boolean {
	if (isTypingTarget(t)) return true;
	if (e.key !== ' ' && e.key !== 'Enter') return false;
	const tag = t?.tagName?.toUpperCase();
	const control =
		tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || tag === 'INPUT' || tag === 'LABEL';
	if (!control) return false;
	try {
		return t?.matches?.(':focus-visible') ?? true;
	} catch {
		return true;
	}
}
