import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { collect } from '../../src/client';
import { activeProjects, clientFor, defaultProject, rejection, useEmulator } from './helpers';

const ctx = useEmulator({ seed: 'demo' });
beforeEach(() => ctx.emu.reset('demo'));

function outsider(projectIndex = 0) {
  const p = activeProjects(ctx.emu)[projectIndex]!;
  const u = ctx.emu.org.users.find((x) => !p.members.some((m) => m.user_id === x.id))!;
  return { p, u };
}

describe('project users', () => {
  it('lists a project’s members with name, email, role and added_at', async () => {
    const c = clientFor(ctx.emu);
    const p = activeProjects(ctx.emu)[0]!;
    const list = await c.listProjectUsers({ projectId: p.id });
    assert.deepEqual(
      list.data.map((u) => [u.id, u.role]),
      p.members.map((m) => [m.user_id, m.role]),
    );
    const first = list.data[0]!;
    assert.equal(first.object, 'organization.project.user');
    assert.equal(first.email, ctx.emu.org.users.find((u) => u.id === first.id)?.email);
  });

  it('adds an organization member by id or by email, then retrieves, promotes and removes them', async () => {
    const c = clientFor(ctx.emu);
    const { p, u } = outsider();
    const added = await c.createProjectUser({ projectId: p.id, projectUserCreateRequest: { user_id: u.id, role: 'member' } });
    assert.deepEqual([added.id, added.role, added.email], [u.id, 'member', u.email]);
    assert.equal((await c.retrieveProjectUser({ projectId: p.id, userId: u.id })).role, 'member');
    const promoted = await c.modifyProjectUser({ projectId: p.id, userId: u.id, projectUserUpdateRequest: { role: 'owner' } });
    assert.equal(promoted.role, 'owner');
    assert.equal(ctx.emu.org.projects.find((x) => x.id === p.id)?.members.find((m) => m.user_id === u.id)?.role, 'owner');
    const removed = await c.deleteProjectUser({ projectId: p.id, userId: u.id });
    assert.deepEqual(removed, { object: 'organization.project.user.deleted', id: u.id, deleted: true });
    assert.ok(!ctx.emu.org.projects.find((x) => x.id === p.id)?.members.some((m) => m.user_id === u.id));

    const other = outsider(1);
    const byEmail = await c.createProjectUser({ projectId: other.p.id, projectUserCreateRequest: { email: other.u.email, role: 'owner' } });
    assert.equal(byEmail.id, other.u.id);
  });

  it('refuses someone who is not in the organization, someone added twice, and a bad role', async () => {
    const c = clientFor(ctx.emu);
    const { p, u } = outsider();
    const stranger = await rejection(c.createProjectUser({ projectId: p.id, projectUserCreateRequest: { email: 'nobody@example.org', role: 'member' } }));
    assert.equal(stranger.status, 400);
    assert.match(String(stranger.apiMessage), /not a member of this organization/);
    const insider = p.members[0]!.user_id;
    const twice = await rejection(c.createProjectUser({ projectId: p.id, projectUserCreateRequest: { user_id: insider, role: 'member' } }));
    assert.equal(twice.status, 400);
    assert.match(String(twice.apiMessage), /already a member/);
    const badRole = await rejection(c.createProjectUser({ projectId: p.id, projectUserCreateRequest: { user_id: u.id, role: 'reader' } }));
    assert.equal(badRole.status, 400);
    assert.equal(badRole.param, 'role');
    assert.equal(ctx.emu.org.projects.find((x) => x.id === p.id)?.members.length, p.members.length);
  });

  it('asks for a user id or an email before sending', async () => {
    const c = clientFor(ctx.emu);
    const e = await rejection(c.createProjectUser({ projectId: 'proj_x', projectUserCreateRequest: { role: 'member' } }));
    assert.equal(e.kind, 'invalid_request');
    assert.match(e.message, /user_id or email is required/);
    assert.equal(ctx.emu.requests.length, 0);
  });

  it('removing or re-roling a non-member is a 400; retrieving one is a 404', async () => {
    const c = clientFor(ctx.emu);
    const { p, u } = outsider();
    assert.equal((await rejection(c.deleteProjectUser({ projectId: p.id, userId: u.id }))).status, 400);
    assert.equal((await rejection(c.modifyProjectUser({ projectId: p.id, userId: u.id, projectUserUpdateRequest: { role: 'owner' } }))).status, 400);
    const missing = await rejection(c.retrieveProjectUser({ projectId: p.id, userId: u.id }));
    assert.equal(missing.status, 404);
    assert.match(missing.message, new RegExp(`user ${u.id} in project ${p.id}`));
  });

  it('the default project holds every member and takes nobody directly', async () => {
    const c = clientFor(ctx.emu);
    const d = defaultProject(ctx.emu);
    const all = await collect((after) => c.listProjectUsers({ projectId: d.id, limit: 5, after }));
    assert.equal(all.length, ctx.emu.org.users.length);
    const e = await rejection(c.createProjectUser({ projectId: d.id, projectUserCreateRequest: { user_id: 'user_x', role: 'member' } }));
    assert.equal(e.status, 400);
    assert.match(String(e.apiMessage), /default project/);
    const rm = await rejection(c.deleteProjectUser({ projectId: d.id, userId: all[0]!.id }));
    assert.equal(rm.status, 400);
  });
});

describe('organization users', () => {
  it('lists the organization across pages and filters by email', async () => {
    const c = clientFor(ctx.emu);
    const all = await collect((after) => c.listOrganizationUsers({ limit: 4, after }));
    assert.deepEqual(
      all.map((u) => u.id),
      ctx.emu.org.users.map((u) => u.id),
    );
    assert.ok(all.every((u) => u.object === 'organization.user' && (u.role === 'owner' || u.role === 'reader')));
    const two = await c.listOrganizationUsers({ emails: ['grace@example.com', 'ALAN@example.com'] });
    assert.deepEqual(two.data.map((u) => u.email).sort(), ['alan@example.com', 'grace@example.com']);
    assert.match(ctx.emu.requests.at(-1)!.query, /emails=grace(@|%40)example\.com&emails=ALAN(@|%40)example\.com/);
  });
});
