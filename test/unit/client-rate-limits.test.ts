import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { collect } from '../../src/client';
import { activeProjects, archivedProject, clientFor, rejection, useEmulator } from './helpers';

const ctx = useEmulator({ seed: 'demo' });
beforeEach(() => ctx.emu.reset('demo'));
const research = () => ctx.emu.org.projects.find((p) => p.name === 'Research Sandbox')!;

describe('rate limits', () => {
  it('lists every model (default page 100) with only the fields that model has', async () => {
    const c = clientFor(ctx.emu);
    const p = research();
    const list = await c.listProjectRateLimits({ projectId: p.id });
    assert.equal(list.data.length, p.rate_limits.length);
    assert.ok(list.data.length >= 10 && list.data.length <= 20);
    for (const rl of list.data) {
      assert.equal(rl.id, `rl-${rl.model}`);
      assert.equal(rl.object, 'project.rate_limit');
      assert.equal(typeof rl.max_requests_per_1_minute, 'number');
      assert.equal(typeof rl.max_tokens_per_1_minute, 'number');
    }
    assert.equal(list.data.find((r) => r.model === 'gpt-4o')?.max_images_per_1_minute, undefined);
    assert.equal(typeof list.data.find((r) => r.model === 'dall-e-3')?.max_images_per_1_minute, 'number');
    assert.equal(typeof list.data.find((r) => r.model === 'whisper-1')?.max_audio_megabytes_per_1_minute, 'number');
  });

  it('pages forward with after and backward with before', async () => {
    const c = clientFor(ctx.emu);
    const p = research();
    const all = await collect((after) => c.listProjectRateLimits({ projectId: p.id, limit: 5, after }));
    assert.deepEqual(
      all.map((r) => r.id),
      p.rate_limits.map((r) => r.id),
    );
    const back = await c.listProjectRateLimits({ projectId: p.id, limit: 3, before: all[6]!.id });
    assert.deepEqual(
      back.data.map((r) => r.id),
      all.slice(3, 6).map((r) => r.id),
    );
    assert.equal(back.has_more, true);
  });

  it('updates only the fields sent and returns the updated object', async () => {
    const c = clientFor(ctx.emu);
    const p = research();
    const before = p.rate_limits.find((r) => r.model === 'gpt-4o')!.limits;
    const updated = await c.updateProjectRateLimits({
      projectId: p.id,
      rateLimitId: 'rl-gpt-4o',
      projectRateLimitUpdateRequest: { max_requests_per_1_minute: 123 },
    });
    assert.equal(updated.max_requests_per_1_minute, 123);
    assert.equal(updated.max_tokens_per_1_minute, before.max_tokens_per_1_minute);
    assert.equal(research().rate_limits.find((r) => r.model === 'gpt-4o')?.limits.max_requests_per_1_minute, 123);
  });

  it('rejects negative and fractional values before sending', async () => {
    const c = clientFor(ctx.emu);
    for (const v of [-1, 1.5]) {
      const e = await rejection(
        c.updateProjectRateLimits({ projectId: research().id, rateLimitId: 'rl-gpt-4o', projectRateLimitUpdateRequest: { max_tokens_per_1_minute: v } }),
      );
      assert.equal(e.kind, 'invalid_request');
      assert.equal(e.param, 'max_tokens_per_1_minute');
    }
    assert.equal(ctx.emu.requests.length, 0);
  });

  it('the API refuses a field the model does not have, a value above the org limit, and bad types', async () => {
    const c = clientFor(ctx.emu);
    const p = research();
    const before = JSON.stringify(p.rate_limits);
    const notApplicable = await rejection(
      c.updateProjectRateLimits({ projectId: p.id, rateLimitId: 'rl-gpt-4o', projectRateLimitUpdateRequest: { max_images_per_1_minute: 5 } }),
    );
    assert.equal(notApplicable.status, 400);
    assert.equal(notApplicable.param, 'max_images_per_1_minute');
    const ceiling = ctx.emu.org.org_limits['gpt-4o']!.max_requests_per_1_minute!;
    const tooHigh = await rejection(
      c.updateProjectRateLimits({
        projectId: p.id,
        rateLimitId: 'rl-gpt-4o',
        projectRateLimitUpdateRequest: { max_tokens_per_1_minute: 10, max_requests_per_1_minute: ceiling + 1 },
      }),
    );
    assert.equal(tooHigh.status, 400);
    assert.equal(tooHigh.param, 'max_requests_per_1_minute');
    assert.match(String(tooHigh.apiMessage), new RegExp(`organization's limit of ${ceiling}`));
    assert.equal(JSON.stringify(research().rate_limits), before, 'a rejected update changes nothing, not even its valid fields');

    // The client would refuse these; the emulator must refuse them too, for clients that do not.
    for (const [body, param] of [
      [{ max_requests_per_1_minute: -5 }, 'max_requests_per_1_minute'],
      [{ max_requests_per_1_minute: '100' }, 'max_requests_per_1_minute'],
      [{ max_requests_per_1_minute: 1.5 }, 'max_requests_per_1_minute'],
      [{ bogus: 1 }, 'bogus'],
    ] as const) {
      const r = await fetch(`${ctx.emu.baseUrl}/organization/projects/${p.id}/rate_limits/rl-gpt-4o`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ctx.emu.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(r.status, 400);
      assert.equal(((await r.json()) as { error: { param: string } }).error.param, param);
    }
  });

  it('unknown rate limit ids are 404; archived projects cannot be changed', async () => {
    const c = clientFor(ctx.emu);
    const e = await rejection(c.updateProjectRateLimits({ projectId: research().id, rateLimitId: 'rl-nope', projectRateLimitUpdateRequest: {} }));
    assert.equal(e.status, 404);
    const a = archivedProject(ctx.emu);
    const id = a.rate_limits[0]!.id;
    const archived = await rejection(
      c.updateProjectRateLimits({ projectId: a.id, rateLimitId: id, projectRateLimitUpdateRequest: { max_requests_per_1_minute: 1 } }),
    );
    assert.equal(archived.code, 'project_archived');
    assert.ok(activeProjects(ctx.emu).length > 0);
  });
});
