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
  jobs: {
    path: '/jobs',
    getHref: (subjectId?: string) =>
      subjectId ? `/jobs?subjectId=${encodeURIComponent(subjectId)}` : '/jobs',
  },
  ingest: {
    path: '/ingest',
    getHref: () => '/ingest',
  },
  admin: {
    path: '/admin',
    getHref: () => '/admin',
  },
  adminMembers: {
    path: '/admin/members',
    getHref: () => '/admin/members',
  },
  adminApiKeys: {
    path: '/admin/api-keys',
    getHref: () => '/admin/api-keys',
  },
  adminUsers: {
    path: '/admin/users',
    getHref: () => '/admin/users',
  },
  adminAudit: {
    path: '/admin/audit',
    getHref: () => '/admin/audit',
  },
  adminLimits: {
    path: '/admin/limits',
    getHref: () => '/admin/limits',
  },
  billing: {
    path: '/billing',
    getHref: () => '/billing',
  },
  signIn: {
    path: '/sign-in',
    getHref: (redirectTo?: string | null) =>
      redirectTo
        ? `/sign-in?redirectTo=${encodeURIComponent(redirectTo)}`
        : '/sign-in',
  },
} as const;
