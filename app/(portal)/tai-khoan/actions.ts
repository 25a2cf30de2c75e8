'use server';

import { defineFormAction } from '@/lib/http/action';
import { createApiToken, CreateApiTokenSchema, revokeApiToken, RevokeApiTokenSchema } from '@/lib/accounts/api-tokens';

// Tokens are always the signed-in user's own: the data layer takes the user id from
// the session, so any signed-in user may manage theirs.
const anySignedInUser = () => true;

export const createApiTokenAction = defineFormAction({
  name: 'token.create',
  schema: CreateApiTokenSchema,
  authorize: anySignedInUser,
  run: async ({ db, user, input }) => ({ message: 'Đã tạo mã truy cập.', secret: (await createApiToken(db, user.id, input.name)).token }),
  revalidate: ['/tai-khoan'],
});

export const revokeApiTokenAction = defineFormAction({
  name: 'token.revoke',
  schema: RevokeApiTokenSchema,
  authorize: anySignedInUser,
  run: async ({ db, user, input }) => {
    const token = await revokeApiToken(db, user.id, input.tokenId);
    return `Đã thu hồi mã “${token.name}”.`;
  },
  revalidate: ['/tai-khoan'],
});
