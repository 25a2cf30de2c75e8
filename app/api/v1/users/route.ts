import { createUserFromApi, CreateUserApiSchema } from '@/lib/accounts/user-admin-api';
import { defineApiRoute } from '@/lib/http/api';

/** Creates an account (administrators), answering with its generated password, shown this once. */
export const POST = defineApiRoute({
  body: CreateUserApiSchema,
  run: ({ db, user, input, now }) => createUserFromApi(db, user, input, now),
});
