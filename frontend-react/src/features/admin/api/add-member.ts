import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

import { invitationSchema, invitationsQueryKey } from './get-invitations';
import { memberSchema, membersQueryKey } from './get-members';

export type NewMember = { email: string; role: string };

/** 201 with the member when the person has an account, 202 with an invitation otherwise. */
export const addedSchema = z.union([
  memberSchema.transform((member) => ({ kind: 'member' as const, member })),
  invitationSchema.transform((invitation) => ({
    kind: 'invitation' as const,
    invitation,
  })),
]);

export const addMember = (body: NewMember) =>
  api.post('/v1/workspaces/current/members', { schema: addedSchema, body });

export const useAddMember = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addMember,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: membersQueryKey }),
        queryClient.invalidateQueries({ queryKey: invitationsQueryKey }),
      ]),
  });
};
