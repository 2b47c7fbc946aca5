import type { Selectable } from 'kysely';
import type { Tx } from '../db/transaction';
import type { UserTable } from '../db/schema';

export interface User {
	id: string;
	email: string;
	name: string;
}

export const toUser = (row: Pick<Selectable<UserTable>, 'id' | 'email' | 'name'>): User => ({
	id: row.id,
	email: row.email,
	name: row.name
});

export async function insertUser(db: Tx, row: UserTable): Promise<void> {
	await db.insertInto('user').values(row).execute();
}

export async function findUserByEmail(db: Tx, email: string) {
	return db.selectFrom('user').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Tx, id: string): Promise<User | undefined> {
	const row = await db
		.selectFrom('user')
		.select(['id', 'email', 'name'])
		.where('id', '=', id)
		.executeTakeFirst();
	return row && toUser(row);
}
