import { redirect } from 'next/navigation';
import { homePathFor } from '@/lib/authz';
import { requireUser } from '@/lib/server/session';

export default async function HomePage() {
  const user = await requireUser();
  redirect(homePathFor(user));
}
