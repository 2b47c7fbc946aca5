import { describe, expect, it } from 'vitest';
import {
	actionForKey,
	isTypingTarget,
	keyBelongsToTarget,
	NUDGE_LARGE_MS,
	NUDGE_MS
} from './shortcuts';

describe('actionForKey', () => {
	it('maps the review keys', () => {
		expect(actionForKey({ key: ' ' })).toEqual({ type: 'togglePlay' });
		expect(actionForKey({ key: 'ArrowLeft' })).toEqual({ type: 'nudge', ms: -NUDGE_MS });
		expect(actionForKey({ key: 'ArrowRight', shiftKey: true })).toEqual({
			type: 'nudge',
			ms: NUDGE_LARGE_MS
		});
		expect(actionForKey({ key: 'j' })).toEqual({ type: 'shuttle', dir: -1 });
		expect(actionForKey({ key: 'K' })).toEqual({ type: 'shuttle', dir: 0 });
		expect(actionForKey({ key: 'l' })).toEqual({ type: 'shuttle', dir: 1 });
		expect(actionForKey({ key: 'c' })).toEqual({ type: 'noteAtPlayhead' });
		expect(actionForKey({ key: '[' })).toEqual({ type: 'rangeStart' });
		expect(actionForKey({ key: ']' })).toEqual({ type: 'rangeEnd' });
		expect(actionForKey({ key: 'Escape' })).toEqual({ type: 'cancel' });
		expect(actionForKey({ key: '?', shiftKey: true })).toEqual({ type: 'help' });
	});
	it('leaves browser shortcuts and other keys alone', () => {
		expect(actionForKey({ key: 'c', ctrlKey: true })).toBeNull();
		expect(actionForKey({ key: '[', metaKey: true })).toBeNull();
		expect(actionForKey({ key: 'ArrowLeft', altKey: true })).toBeNull();
		expect(actionForKey({ key: 'x' })).toBeNull();
		expect(actionForKey({ key: 'Tab' })).toBeNull();
	});
});

describe('typing targets', () => {
	it('knows fields', () => {
		expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
		expect(isTypingTarget({ tagName: 'input', type: 'text' })).toBe(true);
		expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
		expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
		expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
		expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
		expect(isTypingTarget(null)).toBe(false);
	});
	it('gives Space to a keyboard-focused button, not to a clicked one', () => {
		const focused = { tagName: 'BUTTON', matches: () => true };
		const clicked = { tagName: 'BUTTON', matches: () => false };
		expect(keyBelongsToTarget({ key: ' ' }, focused)).toBe(true);
		expect(keyBelongsToTarget({ key: ' ' }, clicked)).toBe(false);
		expect(keyBelongsToTarget({ key: 'c' }, focused)).toBe(false);
		expect(keyBelongsToTarget({ key: 'c' }, { tagName: 'TEXTAREA' })).toBe(true);
		expect(keyBelongsToTarget({ key: ' ' }, { tagName: 'DIV' })).toBe(false);
	});
});
