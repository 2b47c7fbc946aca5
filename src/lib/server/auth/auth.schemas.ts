import { z } from 'zod';

export const emailSchema = z
	.string()
	.trim()
	.toLowerCase()
	.pipe(z.email({ message: 'Enter a valid e-mail address.' }));

export const registerSchema = z.object({
	email: emailSchema,
	password: z
		.string()
		.min(8, 'Use a password of at least 8 characters.')
		.max(256, 'That password is too long (256 characters at most).'),
	name: z.string().trim().min(1, 'Tell us your name.').max(100)
});

export const loginSchema = z.object({
	email: emailSchema,
	password: z.string().min(1, 'Enter your password.').max(256)
});

export const tokenSchema = z.object({ name: z.string().trim().min(1, 'Name the token.').max(100) });
