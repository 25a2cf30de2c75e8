import { describeIdentity } from '@/lib/server/api-tokens';
import { defineApiRoute } from '@/lib/server/api';

/** Who the token or session stands for: the first call a script makes to check its token. */
export const GET = defineApiRoute({
  run: ({ db, user }) => describeIdentity(db, user),
});
