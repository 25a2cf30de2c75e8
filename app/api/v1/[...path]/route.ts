import { notFound } from '@/lib/errors';
import { defineApiRoute } from '@/lib/http/api';

// Any other address under /api/v1 answers in the API's JSON error format rather
// than with the portal's HTML 404 page (after authentication, like every route).
const unknownAddress = defineApiRoute({
  run: async ({ request }) => {
    throw notFound(`Không có địa chỉ API ${request.method} ${new URL(request.url).pathname}.`);
  },
});

export { unknownAddress as GET, unknownAddress as POST, unknownAddress as PUT, unknownAddress as PATCH, unknownAddress as DELETE };
