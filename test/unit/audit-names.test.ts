// Which project an audit event is about when the API filed it under the default project (an admin
// key's change): settled by an id that is one project's, by a membership's moment, or said uncertain.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditLog, Project } from '../../src/client';
import type { FolderItems, FolderKind } from '../../src/store/store';
import { AuditNames } from '../../src/activity/auditNames';

const project = (id: string, name: string): Project => ({ object: 'organization.project', id, name, created_at: 0, status: 'active' });
const def = project('proj_def', 'Default project');
const mobile = project('proj_mobile', 'Mobile App');
const data = project('proj_data', 'Data Platform');
const AT = 1_800_000_000;

const lists: Record<string, Partial<FolderItems>> = {
  proj_mobile: {
    users: [{ object: 'organization.project.user', id: 'user_ada', name: 'Ada', email: 'ada@example.com', role: 'member', added_at: AT }],
    serviceAccounts: [{ object: 'organization.project.service_account', id: 'svc_push', name: 'push', role: 'member', created_at: AT }],
    apiKeys: [],
    rateLimits: [{ object: 'project.rate_limit', id: 'rl-gpt-4o', model: 'gpt-4o', max_requests_per_1_minute: 1, max_tokens_per_1_minute: 1 }],
  },
  proj_data: {
    users: [{ object: 'organization.project.user', id: 'user_ada', name: 'Ada', email: 'ada@example.com', role: 'owner', added_at: AT - 86_400 }],
    serviceAccounts: [{ object: 'organization.project.service_account', id: 'svc_etl', name: 'etl', role: 'member', created_at: AT }],
    apiKeys: [],
    rateLimits: [{ object: 'project.rate_limit', id: 'rl-gpt-4o', model: 'gpt-4o', max_requests_per_1_minute: 1, max_tokens_per_1_minute: 1 }],
  },
};
const names = new AuditNames([def, mobile, data], (p, k: FolderKind) => lists[p.id]?.[k]);

const event = (type: string, id: string, filed: Project, at = AT): AuditLog => ({
  id: `audit_${type}_${id}`,
  type,
  effective_at: at,
  project: { id: filed.id, name: filed.name },
  [type]: { id },
});
const column = (e: AuditLog, subject?: Project) => {
  const about = names.about(e, subject);
  return about && names.projectText(e, about);
};

describe('audit events filed under the default project', () => {
  it('an id that is one project’s: under that project, saying where it was filed, and not under another', () => {
    const e = event('service_account.created', 'svc_push', def);
    assert.equal(column(e, mobile), 'Mobile App (filed under Default project)');
    assert.equal(names.about(e, data), undefined);
    assert.equal(column(e), 'Mobile App (filed under Default project)', 'in the object’s own view too');
    assert.equal(column(e, def), 'Mobile App (filed under Default project)', 'and in the default project’s');
    assert.equal(names.label('svc_push'), 'service account push');
  });

  it('a person added: under the one project they joined at that moment', () => {
    const e = event('user.added', 'user_ada', def);
    assert.equal(column(e, mobile), 'Mobile App (filed under Default project)');
    assert.equal(names.about(e, data), undefined, 'they joined Data Platform a day earlier');
    const earlier = event('user.added', 'user_ada', def, AT - 3600);
    assert.equal(names.about(earlier, mobile), undefined, 'an addition at no membership’s moment is no project’s');
  });

  it('a rate limit’s id is every project’s: shown, and said to be uncertain', () => {
    const e = event('rate_limit.updated', 'rl-gpt-4o', def);
    assert.equal(column(e, mobile), 'Mobile App or another project (filed under Default project; the event does not say which)');
    assert.equal(names.about(event('rate_limit.updated', 'rl-gpt-4o', data), mobile), undefined, 'filed under another project: that one’s');
  });

  it('filed under the project itself: as filed', () => {
    const e = event('user.added', 'user_ada', data, AT - 86_400);
    assert.equal(column(e, data), 'Data Platform');
  });
});
