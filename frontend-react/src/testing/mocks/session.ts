import { HttpResponse } from 'msw';

import type { Me } from '@/lib/auth';

/** `GET /api/v1/session` answers for a signed-in caller and for a signed-out visitor. */
export const signedIn = (me: Me) => HttpResponse.json({ signedIn: true, me });

export const signedOut = () => HttpResponse.json({ signedIn: false });
