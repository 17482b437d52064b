import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { collect } from '../../src/client';
import { activeProjects, archivedProject, clientFor, defaultProject, rejection, useEmulator } from './helpers';

const ctx = useEmulator({ seed: 'demo' });
beforeEach(() => ctx.emu.reset('demo'));

describe('projects', () => {
  it('lists active projects only, unless archived ones are asked for', async () => {
    const c = clientFor(ctx.emu);
    const active = await c.listProjects({ limit: 100 });
    assert.equal(active.object, 'list');
    assert.equal(active.has_more, false);
    assert.deepEqual(
      active.data.map((p) => p.id),
      ctx.emu.org.projects.filter((p) => p.status === 'active').map((p) => p.id),
    );
    const all = await c.listProjects({ limit: 100, includeArchived: true });
    const archived = all.data.find((p) => p.id === archivedProject(ctx.emu).id);
    assert.ok(archived, 'the archived project is listed');
    assert.equal(archived.status, 'archived');
    assert.equal(typeof archived.archived_at, 'number');
    assert.equal(all.data.length, ctx.emu.org.projects.length);
  });

  it('uses the API default page size of 20 when no limit is given', async () => {
    ctx.emu.reset('large:45');
    const c = clientFor(ctx.emu);
    const first = await c.listProjects();
    assert.equal(first.data.length, 20);
    assert.equal(first.has_more, true);
    assert.equal(first.last_id, first.data[19]!.id);
  });

  it('walks every page, more than three of them, in order and without repeats', async () => {
    const c = clientFor(ctx.emu);
    const pages: number[] = [];
    const all = await collect((after) => c.listProjects({ limit: 2, after, includeArchived: true }), {
      onPage: (p) => pages.push(p.data.length),
    });
    assert.deepEqual(pages, [2, 2, 2, 1]);
    assert.deepEqual(
      all.map((p) => p.id),
      ctx.emu.org.projects.map((p) => p.id),
    );
    const log = ctx.emu.requests.map((r) => r.query);
    assert.match(log[1]!, new RegExp(`after=${all[1]!.id}`));
  });

  it('creates, retrieves and renames a project', async () => {
    const c = clientFor(ctx.emu);
    const created = await c.createProject({ projectCreateRequest: { name: '  Billing  ' } });
    assert.match(created.id, /^proj_[A-Za-z0-9]{24}$/);
    assert.equal(created.object, 'organization.project');
    assert.equal(created.name, 'Billing');
    assert.equal(created.status, 'active');
    assert.ok(Math.abs(created.created_at - Date.now() / 1000) < 60, 'created_at is a unix timestamp in seconds');
    assert.equal((await c.retrieveProject({ projectId: created.id })).name, 'Billing');
    const renamed = await c.modifyProject({ projectId: created.id, projectUpdateRequest: { name: 'Billing v2' } });
    assert.equal(renamed.name, 'Billing v2');
    assert.equal(ctx.emu.org.projects.find((p) => p.id === created.id)?.name, 'Billing v2');
    const create = ctx.emu.requests.find((r) => r.method === 'POST' && r.path === '/organization/projects');
    assert.equal(create?.status, 200, 'a create answers 200, not 201');
  });

  it('new projects get rate limits for every model the organization has', async () => {
    const c = clientFor(ctx.emu);
    const p = await c.createProject({ projectCreateRequest: { name: 'Fresh', residency: 'EU_STORAGE_PROCESSING' } });
    assert.equal(p.residency, 'EU_STORAGE_PROCESSING');
    const limits = await c.listProjectRateLimits({ projectId: p.id });
    assert.equal(limits.data.length, Object.keys(ctx.emu.org.org_limits).length);
  });

  it('rejects an empty name before sending anything', async () => {
    const c = clientFor(ctx.emu);
    const e = await rejection(c.createProject({ projectCreateRequest: { name: '   ' } }));
    assert.equal(e.kind, 'invalid_request');
    assert.equal(e.param, 'name');
    assert.match(e.message, /name: must not be empty/);
    assert.equal(ctx.emu.requests.length, 0);
  });

  it('archives a project: status, archived_at, hidden from the default list, no way back', async () => {
    const c = clientFor(ctx.emu);
    const target = activeProjects(ctx.emu)[0]!;
    const archived = await c.archiveProject({ projectId: target.id });
    assert.equal(archived.status, 'archived');
    assert.equal(typeof archived.archived_at, 'number');
    const list = await c.listProjects({ limit: 100 });
    assert.ok(!list.data.some((p) => p.id === target.id));
    const again = await rejection(c.archiveProject({ projectId: target.id }));
    assert.equal(again.status, 400);
    assert.equal(again.code, 'project_archived');
  });

  it('refuses to modify an archived project, or give it users or service accounts', async () => {
    const c = clientFor(ctx.emu);
    const p = archivedProject(ctx.emu);
    const user = ctx.emu.org.users.find((u) => !p.members.some((m) => m.user_id === u.id))!;
    for (const call of [
      c.modifyProject({ projectId: p.id, projectUpdateRequest: { name: 'x' } }),
      c.createProjectUser({ projectId: p.id, projectUserCreateRequest: { user_id: user.id, role: 'member' } }),
      c.createProjectServiceAccount({ projectId: p.id, projectServiceAccountCreateRequest: { name: 'bot' } }),
    ]) {
      const e = await rejection(call);
      assert.equal(e.status, 400);
      assert.equal(e.code, 'project_archived');
      assert.equal(e.type, 'invalid_request_error');
      assert.match(e.message, /archived/);
    }
    assert.equal(ctx.emu.org.projects.find((x) => x.id === p.id)?.name, 'Legacy Chatbot');
  });

  it('refuses to archive or rename the default project', async () => {
    const c = clientFor(ctx.emu);
    const d = defaultProject(ctx.emu);
    const archive = await rejection(c.archiveProject({ projectId: d.id }));
    assert.equal(archive.status, 400);
    assert.match(String(archive.apiMessage), /default project cannot be archived/);
    const rename = await rejection(c.modifyProject({ projectId: d.id, projectUpdateRequest: { name: 'Mine' } }));
    assert.equal(rename.status, 400);
    assert.equal(ctx.emu.org.projects.find((p) => p.is_default)?.status, 'active');
    assert.equal(ctx.emu.org.projects.find((p) => p.is_default)?.name, 'Default project');
  });

  it('404 names the object that was not found', async () => {
    const c = clientFor(ctx.emu);
    const e = await rejection(c.retrieveProject({ projectId: 'proj_doesnotexist' }));
    assert.equal(e.kind, 'http');
    assert.equal(e.status, 404);
    assert.match(e.message, /Not found \(404\): project proj_doesnotexist/);
    assert.match(e.message, /GET \/organization\/projects\/\{project_id\}/);
    assert.match(String(e.requestId), /^req_/);
  });
});
