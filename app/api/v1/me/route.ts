import { describeIdentity } from '@/lib/accounts/api-tokens';
import { defineApiRoute } from '@/lib/http/api';

/** Who the token or session stands for: the first call a script makes to check its token. */
export const GET = defineApiRoute({
  run: ({ db, user }) => describeIdentity(db, user),
});
