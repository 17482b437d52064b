// The organization's own operations: its members, its invites and its admin keys (12 operations of
// OpenAI's admin API, shapes in test/fixtures/openai-organization-openapi.json).
import * as l10n from '@vscode/l10n';
import type { CallOptions, ListRequest, Read, Write } from './http';
import * as S from './schemas';

const USER = '/organization/users/{user_id}';
const INVITE = '/organization/invites/{invite_id}';
const KEY = '/organization/admin_api_keys/{key_id}';

export function organizationOperations(read: Read, write: Write) {
  const member = (id: string) => l10n.t('organization member {0}', id);
  const invite = (id: string) => l10n.t('invite {0}', id);
  const adminKey = (id: string) => l10n.t('admin key {0}', id);
  return {
    listOrganizationUsers: async (r: ListRequest & { emails?: string[] } = {}, o?: CallOptions) =>
      read('/organization/users', {}, l10n.t('the organization members'), S.OrganizationUserList, { limit: r.limit, after: r.after, emails: r.emails }, o),
    retrieveOrganizationUser: async (r: { userId: string }, o?: CallOptions) =>
      read(USER, { user_id: r.userId }, member(r.userId), S.OrganizationUser, undefined, o),
    modifyOrganizationUser: async (r: { userId: string; userRoleUpdateRequest: S.UserRoleUpdateRequest }, o?: CallOptions) =>
      write('POST', USER, { user_id: r.userId }, member(r.userId), S.OrganizationUser, { schema: S.UserRoleUpdateRequest, value: r.userRoleUpdateRequest }, o),
    deleteOrganizationUser: async (r: { userId: string }, o?: CallOptions) =>
      write('DELETE', USER, { user_id: r.userId }, member(r.userId), S.Deleted, undefined, o),

    listInvites: async (r: ListRequest = {}, o?: CallOptions) =>
      read('/organization/invites', {}, l10n.t('the pending invites'), S.InviteList, { limit: r.limit, after: r.after }, o),
    createInvite: async (r: { inviteRequest: S.InviteRequest }, o?: CallOptions) =>
      write(
        'POST',
        '/organization/invites',
        {},
        l10n.t('an invite for {0}', r.inviteRequest.email),
        S.Invite,
        { schema: S.InviteRequest, value: r.inviteRequest },
        o,
      ),
    retrieveInvite: async (r: { inviteId: string }, o?: CallOptions) => read(INVITE, { invite_id: r.inviteId }, invite(r.inviteId), S.Invite, undefined, o),
    deleteInvite: async (r: { inviteId: string }, o?: CallOptions) =>
      write('DELETE', INVITE, { invite_id: r.inviteId }, invite(r.inviteId), S.Deleted, undefined, o),

    listAdminApiKeys: async (r: ListRequest = {}, o?: CallOptions) =>
      read('/organization/admin_api_keys', {}, l10n.t('the admin keys'), S.AdminApiKeyList, { limit: r.limit, after: r.after }, o),
    createAdminApiKey: async (r: { adminApiKeyCreateRequest: S.AdminApiKeyCreateRequest }, o?: CallOptions) =>
      write(
        'POST',
        '/organization/admin_api_keys',
        {},
        l10n.t('the new admin key "{0}"', r.adminApiKeyCreateRequest.name),
        S.AdminApiKeyCreated,
        { schema: S.AdminApiKeyCreateRequest, value: r.adminApiKeyCreateRequest },
        o,
      ),
    retrieveAdminApiKey: async (r: { keyId: string }, o?: CallOptions) => read(KEY, { key_id: r.keyId }, adminKey(r.keyId), S.AdminApiKey, undefined, o),
    deleteAdminApiKey: async (r: { keyId: string }, o?: CallOptions) => write('DELETE', KEY, { key_id: r.keyId }, adminKey(r.keyId), S.Deleted, undefined, o),
  };
}
