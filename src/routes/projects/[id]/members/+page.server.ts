import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { formAction, requirePageUser } from '$lib/server/http/page';
import { changeMemberRole, inviteMember, removeMember } from '$lib/server/projects/member.service';
import { inviteSchema, roleSchema } from '$lib/server/projects/project.schemas';
import type { Actions } from './$types';

const memberKey = z.object({ member: z.string().min(1).max(64) });

export const actions: Actions = {
	invite: async (event) => {
		const user = requirePageUser(event);
		return formAction(
			event,
			inviteSchema,
			async (input) => {
				const m = await inviteMember(await getDb(), user, event.params.id, input);
				return { invited: m.email, pending: m.status === 'invited' };
			},
			'invite'
		);
	},
	role: async (event) => {
		const user = requirePageUser(event);
		return formAction(
			event,
			memberKey.extend({ role: roleSchema }),
			async ({ member, role }) => {
				await changeMemberRole(await getDb(), user, event.params.id, member, role);
			},
			'role'
		);
	},
	remove: async (event) => {
		const user = requirePageUser(event);
		const result = await formAction(
			event,
			memberKey,
			async ({ member }) => {
				await removeMember(await getDb(), user, event.params.id, member);
				return member === user.id ? 'left' : undefined;
			},
			'remove'
		);
		if (result === 'left') redirect(303, '/projects');
		return result;
	}
};
