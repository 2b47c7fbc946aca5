import { z } from 'zod';
import { emailSchema } from '../auth/auth.schemas';
import { ROLES } from './roles';

const text = (max: number) => z.string().trim().max(max, `Keep it under ${max} characters.`);

export const createProjectSchema = z.object({
	title: text(200).min(1, 'Give the project a title.'),
	artist: text(200).optional().nullable()
});

export const updateProjectSchema = z.object({
	title: text(200).min(1).optional(),
	artist: text(200).optional().nullable(),
	downloadRoles: z.array(z.enum(ROLES)).optional(),
	approverRole: z.enum(['auto', 'label', 'artist']).optional()
});

export const roleSchema = z.enum(ROLES, { message: `Role must be one of: ${ROLES.join(', ')}.` });

export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });
export const changeRoleSchema = z.object({ role: roleSchema });

export const briefSchema = z.object({
	vision: text(10_000).default(''),
	tone: text(2_000).default(''),
	notes: text(20_000).default(''),
	keyElements: z
		.array(
			z.object({
				id: z
					.string()
					.regex(/^[A-Za-z0-9_-]{1,64}$/, 'A key element id is letters, digits, - or _.')
					.optional(),
				text: text(500).min(1, 'A key element needs some text.')
			})
		)
		.max(100, 'At most 100 key elements.')
		.default([]),
	revisionRounds: z.number().int().min(0).max(100).nullable().optional(),
	/** Optional optimistic lock: the revision the editor started from. */
	baseRevision: z.number().int().min(0).optional()
});

export const referenceSchema = z.object({
	title: text(200).min(1, 'Give the reference a title.'),
	artist: text(200).optional().nullable(),
	url: z
		.url({ protocol: /^https?$/, message: 'The link must be an http(s) URL.' })
		.max(2000)
		.optional()
		.nullable()
		.or(z.literal('').transform(() => null)),
	notes: text(5_000).optional().nullable()
});

export const songSchema = z.object({ title: text(200).min(1, 'Give the song a title.') });
