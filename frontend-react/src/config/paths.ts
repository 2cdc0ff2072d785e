export const paths = {
  home: {
    path: '/',
    getHref: () => '/',
  },
  ask: {
    path: '/ask',
    getHref: () => '/ask',
  },
  sources: {
    path: '/sources',
    getHref: () => '/sources',
  },
  source: {
    path: '/sources/:id',
    getHref: (id: string) => `/sources/${encodeURIComponent(id)}`,
  },
  ingest: {
    path: '/ingest',
    getHref: () => '/ingest',
  },
  admin: {
    path: '/admin',
    getHref: () => '/admin',
  },
  signIn: {
    path: '/sign-in',
    getHref: (redirectTo?: string | null) =>
      redirectTo
        ? `/sign-in?redirectTo=${encodeURIComponent(redirectTo)}`
        : '/sign-in',
  },
} as const;
