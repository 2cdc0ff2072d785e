import { paths } from '@/config/paths';

import type { Me } from '@/lib/auth';

export type Section = 'members' | 'apiKeys' | 'users' | 'audit' | 'limits';

export const sections: { id: Section; label: string; href: string }[] = [
  { id: 'members', label: 'Members', href: paths.adminMembers.getHref() },
  { id: 'apiKeys', label: 'API keys', href: paths.adminApiKeys.getHref() },
  { id: 'users', label: 'Users', href: paths.adminUsers.getHref() },
  { id: 'audit', label: 'Audit log', href: paths.adminAudit.getHref() },
  { id: 'limits', label: 'Limits', href: paths.adminLimits.getHref() },
];

/** Mirrors what each endpoint needs (docs/identity.md); the service still decides. */
export function canSee(section: Section, me: Me): boolean {
  switch (section) {
    case 'members':
      return me.permissions.includes('read');
    case 'apiKeys':
      return me.permissions.includes('admin');
    case 'users':
    case 'audit':
    case 'limits':
      return me.systemAdmin === true;
  }
}

export const canManageMembers = (me: Me) => me.permissions.includes('admin');
export const isOwner = (me: Me) => me.permissions.includes('owner');

/**
 * Where /admin leads: the first section that administers something. A plain member may still
 * read the member list, but /admin itself tells them they cannot administer.
 */
export function landingSection(me: Me): Section | null {
  if (canManageMembers(me)) {
    return 'members';
  }
  if (me.systemAdmin) {
    return 'users';
  }
  return null;
}
