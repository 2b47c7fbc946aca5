import { describe, expect, it } from 'vitest';
import {
	countRounds,
	evaluateApproval,
	selectApprovers,
	type DecisionKind,
	type DecisionRecord
} from './approval.rules';

const A = { id: 'a', name: 'A', role: 'label' };
const B = { id: 'b', name: 'B', role: 'label' };
const O = { id: 'o', name: 'O', role: 'owner' };
let n = 0;
const d = (by: typeof A, decision: DecisionKind): DecisionRecord => ({
	id: `d${++n}`,
	versionId: 'v',
	decision,
	note: null,
	by,
	ordinal: n,
	at: new Date(n).toISOString()
});

describe('selectApprovers', () => {
	const members = [
		{ userId: 'o', name: 'O', role: 'owner' },
		{ userId: 'l', name: 'L', role: 'label' },
		{ userId: null, name: 'pending@x', role: 'label' },
		{ userId: 'r', name: 'R', role: 'artist' }
	];
	it('labels first, then artists, then owners; pending invites never', () => {
		expect(selectApprovers(members, 'auto').map((a) => a.id)).toEqual(['l']);
		expect(selectApprovers(members.slice(2), 'auto').map((a) => a.id)).toEqual(['r']);
		expect(selectApprovers(members.slice(0, 1), 'auto').map((a) => a.id)).toEqual(['o']);
	});
	it('the project setting overrides the automatic choice', () => {
		expect(selectApprovers(members, 'artist').map((a) => a.id)).toEqual(['r']);
		expect(selectApprovers([members[0], members[3]], 'label').map((a) => a.id)).toEqual(['o']);
	});
});

describe('evaluateApproval', () => {
	it('in review until every approver approved; an owner does not stand in', () => {
		expect(evaluateApproval([], [A, B]).state).toBe('in_review');
		expect(evaluateApproval([d(A, 'approved'), d(O, 'approved')], [A, B]).state).toBe('in_review');
		expect(evaluateApproval([d(A, 'approved'), d(B, 'approved')], [A, B]).state).toBe('approved');
	});
	it('the latest request for changes, by anyone, wins', () => {
		const ds = [d(A, 'approved'), d(B, 'approved'), d(O, 'changes_requested')];
		const e = evaluateApproval(ds, [A, B]);
		expect(e.state).toBe('changes_requested');
		expect(e.approvers.map((a) => a.decision)).toEqual([null, null]);
		expect(evaluateApproval([...ds, d(A, 'approved')], [A, B]).state).toBe('in_review');
	});
	it('decisions up to a released lock no longer count', () => {
		const ds = [d(A, 'approved'), d(B, 'approved')];
		expect(evaluateApproval(ds, [A, B], ds[1].ordinal).state).toBe('in_review');
	});
	it('no approvers never means approved', () => {
		expect(evaluateApproval([d(O, 'approved')], []).state).toBe('in_review');
	});
});

describe('countRounds', () => {
	const t = (s: number) => ({ at: new Date(s * 1000).toISOString() });
	it('one round per request answered by an upload; several requests before it are one', () => {
		expect(countRounds([t(1)], [], 2)).toMatchObject({ used: 0, current: 0, pending: false });
		expect(countRounds([t(1)], [t(2), t(3)], 2)).toMatchObject({
			used: 0,
			current: 1,
			pending: true
		});
		expect(countRounds([t(1), t(4)], [t(2), t(3)], 2)).toMatchObject({ used: 1, pending: false });
		expect(countRounds([t(1), t(4), t(6)], [t(2), t(5)], 1)).toMatchObject({
			used: 2,
			exceeded: true
		});
	});
	it('requests before the first upload count for nothing; no brief means no limit', () => {
		expect(countRounds([t(2)], [t(1)], null)).toMatchObject({ used: 0, exceeded: false });
		expect(countRounds([t(1), t(3)], [t(2)], null)).toMatchObject({ used: 1, included: null });
	});
});
