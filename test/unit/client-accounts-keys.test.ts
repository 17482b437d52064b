import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { activeProjects, clientFor, defaultProject, rejection, useEmulator } from './helpers';

const ctx = useEmulator({ seed: 'demo' });
beforeEach(() => ctx.emu.reset('demo'));

describe('service accounts', () => {
  it('creates one with role member and shows its full key exactly once', async () => {
    const c = clientFor(ctx.emu);
    const p = activeProjects(ctx.emu)[0]!;
    const sa = await c.createProjectServiceAccount({ projectId: p.id, projectServiceAccountCreateRequest: { name: 'deploy-bot' } });
    assert.match(sa.id, /^svc_acct_/);
    assert.equal(sa.role, 'member');
    const value = sa.api_key?.value ?? '';
    assert.match(value, /^sk-svcacct-[A-Za-z0-9_-]{40,}$/);

    const keys = await c.listProjectApiKeys({ projectId: p.id, limit: 100 });
    const listed = keys.data.find((k) => k.id === sa.api_key?.id);
    assert.ok(listed, 'the new key is listed');
    assert.equal(listed.owner.type, 'service_account');
    assert.equal(listed.owner.service_account?.id, sa.id);
    assert.ok(listed.redacted_value.endsWith(value.slice(-4)));
    assert.ok(!JSON.stringify(keys).includes(value), 'the full key never appears in a list');
    const again = await c.retrieveProjectServiceAccount({ projectId: p.id, serviceAccountId: sa.id });
    assert.ok(!JSON.stringify(again).includes(value));
    assert.ok(!JSON.stringify(ctx.emu.org).includes(value), 'the emulator does not keep the full key either');
  });

  it('create_service_account_only makes one with role none and no key', async () => {
    const c = clientFor(ctx.emu);
    const p = activeProjects(ctx.emu)[0]!;
    const sa = await c.createProjectServiceAccount({
      projectId: p.id,
      projectServiceAccountCreateRequest: { name: 'bare', create_service_account_only: true },
    });
    assert.equal(sa.role, 'none');
    assert.equal(sa.api_key, null);
  });

  it('lists, retrieves and deletes one; deleting it removes its key', async () => {
    const c = clientFor(ctx.emu);
    const p = activeProjects(ctx.emu).find((x) => x.service_accounts.length)!;
    const list = await c.listProjectServiceAccounts({ projectId: p.id });
    assert.deepEqual(
      list.data.map((s) => s.id),
      p.service_accounts.map((s) => s.id),
    );
    const target = list.data[0]!;
    assert.equal((await c.retrieveProjectServiceAccount({ projectId: p.id, serviceAccountId: target.id })).name, target.name);
    const keyCount = (await c.listProjectApiKeys({ projectId: p.id })).data.length;
    const del = await c.deleteProjectServiceAccount({ projectId: p.id, serviceAccountId: target.id });
    assert.deepEqual(del, { object: 'organization.project.service_account.deleted', id: target.id, deleted: true });
    const keys = await c.listProjectApiKeys({ projectId: p.id });
    assert.equal(keys.data.length, keyCount - 1);
    assert.ok(!keys.data.some((k) => k.owner.service_account?.id === target.id));
    assert.equal((await rejection(c.retrieveProjectServiceAccount({ projectId: p.id, serviceAccountId: target.id }))).status, 404);
  });

  it('the default project takes no service accounts', async () => {
    const c = clientFor(ctx.emu);
    const e = await rejection(c.createProjectServiceAccount({ projectId: defaultProject(ctx.emu).id, projectServiceAccountCreateRequest: { name: 'x' } }));
    assert.equal(e.status, 400);
    assert.equal(defaultProject(ctx.emu).service_accounts.length, 0);
  });
});

describe('API keys', () => {
  it('lists keys with owner and access, retrieves one and deletes a user-owned key', async () => {
    const c = clientFor(ctx.emu);
    const p = activeProjects(ctx.emu)[0]!;
    const keys = await c.listProjectApiKeys({ projectId: p.id });
    const userKey = keys.data.find((k) => k.owner.type === 'user')!;
    assert.equal(userKey.owner_project_access, 'active');
    // OpenAI's own shape: the start and the last four around a hidden middle (`sk-abc...def`).
    assert.match(userKey.redacted_value, /^sk-proj-[\w-]{3}\.\.\.[\w-]{4}$/);
    assert.ok(userKey.owner.user?.email);
    const one = await c.retrieveProjectApiKey({ projectId: p.id, keyId: userKey.id });
    assert.deepEqual(one, userKey);
    const del = await c.deleteProjectApiKey({ projectId: p.id, keyId: userKey.id });
    assert.deepEqual(del, { object: 'organization.project.api_key.deleted', id: userKey.id, deleted: true });
    assert.ok(!ctx.emu.org.projects.find((x) => x.id === p.id)?.api_keys.some((k) => k.id === userKey.id));
    const gone = await rejection(c.deleteProjectApiKey({ projectId: p.id, keyId: userKey.id }));
    assert.equal(gone.status, 404);
    assert.match(gone.message, new RegExp(`API key ${userKey.id} in project ${p.id}`));
  });

  it('a key owned by a service account may be deleted on its own (SDK 7.57): the account and its other keys stay', async () => {
    const c = clientFor(ctx.emu);
    const p = activeProjects(ctx.emu)[0]!;
    const saKey = (await c.listProjectApiKeys({ projectId: p.id })).data.find((k) => k.owner.type === 'service_account')!;
    const saId = saKey.owner.service_account!.id;
    const other = await c.createProjectServiceAccountApiKey({ projectId: p.id, serviceAccountId: saId, request: { name: 'second' } });
    const gone = await c.deleteProjectApiKey({ projectId: p.id, keyId: saKey.id });
    assert.equal(gone.deleted, true);
    const held = ctx.emu.org.projects.find((x) => x.id === p.id)!;
    assert.ok(!held.api_keys.some((k) => k.id === saKey.id), 'the key is gone');
    assert.ok(
      held.api_keys.some((k) => k.id === other.id),
      'its account’s other key stays',
    );
    assert.ok(
      held.service_accounts.some((s) => s.id === saId),
      'the account stays',
    );
  });

  it('a removed member’s key shows owner_project_access inactive', async () => {
    const c = clientFor(ctx.emu);
    const p = activeProjects(ctx.emu)[0]!;
    const key = (await c.listProjectApiKeys({ projectId: p.id })).data.find((k) => k.owner.type === 'user')!;
    await c.deleteProjectUser({ projectId: p.id, userId: key.owner.user!.id });
    const after = await c.retrieveProjectApiKey({ projectId: p.id, keyId: key.id });
    assert.equal(after.owner_project_access, 'inactive');
    const inactive = await c.listProjectApiKeys({ projectId: p.id, ownerProjectAccess: 'inactive' });
    assert.deepEqual(
      inactive.data.map((k) => k.id),
      [key.id],
    );
    const active = await c.listProjectApiKeys({ projectId: p.id, ownerProjectAccess: 'active' });
    assert.ok(active.data.length > 0 && active.data.every((k) => k.owner_project_access === 'active'));
  });
});
