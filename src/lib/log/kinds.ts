/**
 * Kinds group the revision log's event types for filtering and icons (shared by the API and the
 * Log page). A type not listed falls under its prefix's kind, or "other".
 */
import type { IconName } from '$lib/components/ui/icons';

export const LOG_KINDS = {
	brief: { label: 'Brief', icon: 'brief', types: ['brief.updated'] },
	references: {
		label: 'References',
		icon: 'headphones',
		types: ['reference.added', 'reference.audio']
	},
	uploads: {
		label: 'Uploads',
		icon: 'upload',
		types: ['version.uploaded', 'version.ready', 'version.failed']
	},
	notes: {
		label: 'Notes',
		icon: 'note',
		types: ['comment.created', 'comment.resolved', 'comment.reopened', 'comment.addressed']
	},
	decisions: {
		label: 'Decisions',
		icon: 'flag',
		types: ['decision.recorded', 'version.approved', 'version.reopened']
	},
	people: {
		label: 'People and songs',
		icon: 'people',
		types: [
			'project.created',
			'song.created',
			'member.added',
			'member.role_changed',
			'member.removed'
		]
	},
	deliveries: { label: 'Deliveries', icon: 'box', types: ['delivery.created', 'delivery.decided'] }
} as const satisfies Record<string, { label: string; icon: IconName; types: readonly string[] }>;

export type LogKind = keyof typeof LOG_KINDS | 'other';

export const isLogKind = (k: string): k is keyof typeof LOG_KINDS => Object.hasOwn(LOG_KINDS, k);

export function kindOf(type: string): LogKind {
	for (const [kind, def] of Object.entries(LOG_KINDS)) {
		if ((def.types as readonly string[]).includes(type)) return kind as LogKind;
	}
	const prefix = type.split('.')[0];
	const byPrefix: Record<string, LogKind> = {
		comment: 'notes',
		decision: 'decisions',
		member: 'people',
		reference: 'references',
		delivery: 'deliveries'
	};
	return byPrefix[prefix] ?? 'other';
}

/** The event types a kind filter stands for. */
export function typesOfKinds(kinds: string[]): string[] {
	return kinds.filter(isLogKind).flatMap((k) => [...LOG_KINDS[k].types]);
}
