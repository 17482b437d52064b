// The Organization view's journeys in the browser, each checked in the emulator afterwards: invite a
// person, who accepts and is then a member; offboard a person through the plan, after which they are
// in no list; rotate this window's admin key, after which the window keeps working with the new one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useSession, withScreenshot } from './session';
import { eventually } from '../../tools/workbench';

const PROJECTS = 'OpenAI Projects';
const ORG = 'Organization';

describe('UI: the Organization view', () => {
  const s = useSession({ keyFromEnv: true }, async (s) => {
    await s.wb.openView();
    // The view starts collapsed (nothing is read for it until then): open it as a person does.
    await pane(ORG, true);
    await s.wb.row(ORG, 'Members').waitFor();
    // Room for its rows (a tree draws only the rows in sight): the sash above it dragged up.
    await sashTo(160);
  });
  /** Drags the sash between the two views so the Organization view's header is at `y`. */
  const sashTo = async (y: number) => {
    const box = (await s.wb.view(ORG).locator('.pane-header').boundingBox())!;
    await s.wb.page.mouse.move(box.x + 100, box.y - 1);
    await s.wb.page.mouse.down();
    await s.wb.page.mouse.move(box.x + 100, y, { steps: 8 });
    await s.wb.page.mouse.up();
  };
  /** Opens or folds a view in the side bar by its header. */
  const pane = async (name: string, open: boolean) => {
    const header = s.wb.view(name).locator('.pane-header');
    if (((await header.getAttribute('aria-expanded')) === 'true') !== open) await header.click();
    await eventually(
      () => header.getAttribute('aria-expanded'),
      (v) => v === String(open),
      `${name} ${open ? 'open' : 'folded'}`,
    );
  };
  /** A tree draws only the rows in sight: scrolls the view down until `label`'s row is drawn. */
  const scrollTo = async (label: string) => {
    const list = s.wb.view(ORG).locator('.monaco-list').first();
    for (let i = 0; i < 20 && !(await s.wb.row(ORG, label).count()); i++) {
      await list.hover();
      await s.wb.page.mouse.wheel(0, 120);
      await s.wb.page.waitForTimeout(100);
    }
  };
  /** The view's Collapse All: every folder folded, the list back at its top (its title action shows while the header is hovered). */
  const collapseAll = async () => {
    const header = s.wb.view(ORG).locator('.pane-header');
    const action = header.locator('.actions a[aria-label="Collapse All"]').first();
    await eventually(
      async () => {
        await header.hover();
        await action.click({ timeout: 3000 }).catch(() => undefined);
        return s.wb.rows(ORG).count();
      },
      (n) => n === 5,
      'the five folders, folded',
      30_000,
    );
  };

  const folder = async (name: string) => {
    const row = s.wb.row(ORG, name);
    await s.wb.expand(row);
  };
  const refreshOrg = async () => {
    const pane = s.wb.view(ORG);
    await pane.hover();
    await pane.locator('.pane-header .actions a[aria-label="Refresh"]').first().click();
  };

  it('Invite to Organization: the invite is pending; once accepted, the person is a member', (t) =>
    withScreenshot(t, s.wb, async () => {
      await s.wb.runCommand('OpenAI Projects: Invite to Organization…');
      await s.wb.answerQuickInput('nova@example.com', { expectTitle: 'Invite to the organization' });
      await s.wb.pickQuickItem(/^reader/);
      await s.wb.pickQuickItem('No project');
      await eventually(
        () => (s.emu.org.invites ?? []).find((i) => i.email === 'nova@example.com')?.status,
        (st) => st === 'pending',
        'the invite sent',
      );
      await folder('Pending invites');
      await s.wb.row(ORG, 'nova@example.com').waitFor();
      // They follow the link in their email.
      const invite = s.emu.org.invites!.find((i) => i.email === 'nova@example.com')!;
      const r = await fetch(`${s.emu.controlUrl}/invites/accept`, { method: 'POST', body: JSON.stringify({ id: invite.id, name: 'Nova Person' }) });
      assert.equal(r.status, 200);
      await refreshOrg();
      await folder('Members');
      await eventually(
        async () => {
          await scrollTo('Nova Person');
          return s.wb.row(ORG, 'Nova Person').count();
        },
        (n) => n === 1,
        'Nova among the members',
      );
      assert.match(await s.wb.description(s.wb.row(ORG, 'Nova Person')), /nova@example\.com · reader/);
      await eventually(
        () => s.wb.row(ORG, 'nova@example.com').count(),
        (n) => n === 0,
        'no longer a pending invite',
      );
    }));

  it('Offboard Person: one plan lists what goes by project; applied, the person is in no list', (t) =>
    withScreenshot(t, s.wb, async () => {
      const alan = s.emu.org.users.find((u) => u.name === 'Alan Turing')!;
      const theirs = s.emu.org.projects.filter((p) => p.status === 'active' && !p.is_default && p.members.some((m) => m.user_id === alan.id));
      assert.ok(theirs.length >= 1);
      await collapseAll();
      await folder('Members');
      await s.wb.contextMenu(s.wb.row(ORG, 'Alan Turing'), 'Offboard Person…');
      const plan = s.wb.webview('Plan — offboard Alan Turing');
      const goes = plan.locator('h2:has-text("What goes with it") + table tbody tr');
      await eventually(
        () => goes.count(),
        (n) => n >= theirs.length + 1,
        'what goes with them, in a table',
      );
      const lines = await goes.allInnerTexts();
      assert.ok(
        lines.some((l) => l.includes('alan-dev') && l.includes('stops working')),
        lines.join(' / '),
      );
      assert.ok(
        lines.some((l) => l.includes(theirs[0]!.name) && l.includes('membership')),
        lines.join(' / '),
      );
      const apply = plan.locator('vscode-button#apply');
      assert.equal((await apply.innerText()).trim(), 'Apply 1 change');
      await apply.click();
      await eventually(
        () => s.emu.org.users.some((u) => u.id === alan.id) || s.emu.org.projects.some((p) => p.members.some((m) => m.user_id === alan.id)),
        (still) => !still,
        'Alan out of the organization and every project',
      );
      await eventually(
        () => plan.locator('#summary').innerText(),
        (t) => /Applied: 1 done/.test(t),
        'the plan shows the outcome',
      );
      await eventually(
        () => s.wb.row(ORG, 'Alan Turing').count(),
        (n) => n === 0,
        'gone from Members',
      );
      // Gone from a project's Users too, with no refresh.
      await collapseAll();
      await sashTo(560);
      const p = theirs[0]!;
      await s.wb.expand(s.wb.row(PROJECTS, p.name));
      await s.wb.expand(s.wb.row(PROJECTS, 'Users').first());
      await s.wb
        .row(PROJECTS, s.emu.org.users.find((u) => p.members.some((m) => m.user_id === u.id))!.name)
        .first()
        .waitFor();
      assert.equal(await s.wb.row(PROJECTS, 'Alan Turing').count(), 0, `not in the users of ${p.name}`);
    }));

  it('Create Group → Add Members → Assign Role → its role’s Held by (after Index Role Assignments) → a reload, Find answers from the index on disk → Delete Group', (t) =>
    withScreenshot(t, s.wb, async () => {
      const ada = s.emu.org.users.find((u) => u.name === 'Ada Lovelace')!;
      await s.wb.runCommand('OpenAI Projects: Create Group…');
      await s.wb.answerQuickInput('Release managers');
      const made = await eventually(
        () => s.emu.org.groups!.find((g) => g.name === 'Release managers'),
        (g) => !!g,
        'the group in the emulator',
      );
      await collapseAll();
      await folder('Groups');
      const row = s.wb.row(ORG, 'Release managers');
      await row.waitFor();
      await s.wb.contextMenu(row, 'Add Members to Group…');
      await s.wb.pickQuickItems(['Ada Lovelace']);
      await eventually(
        () => s.emu.org.groups!.find((g) => g.id === made!.id)?.members ?? [],
        (m) => m.includes(ada.id),
        'Ada in the group',
      );
      await s.wb.contextMenu(row, 'Assign Role…');
      await s.wb.pickQuickItem('Usage analyst');
      const analyst = s.emu.org.roles!.find((r) => r.name === 'Usage analyst')!;
      await eventually(
        () => (s.emu.org.assignments ?? []).some((a) => a.principal_id === made!.id && a.role_id === analyst.id),
        (x) => x,
        'the group holds Usage analyst',
      );

      await s.wb.runCommand('OpenAI Projects: Index Role Assignments…');
      await s.wb.answerDialog('Read Role Assignments', { expectText: 'requests' });
      await eventually(
        () => s.wb.notificationTexts(),
        (n) => n.some((x) => x.startsWith('Index Role Assignments:')),
        'the reads done',
      );
      await collapseAll();
      await folder('Roles');
      await scrollTo('Usage analyst');
      await s.wb.expand(s.wb.row(ORG, 'Usage analyst'));
      await scrollTo('Held by');
      await s.wb.expand(s.wb.row(ORG, 'Held by'));
      await scrollTo('Release managers');
      await s.wb.row(ORG, 'Release managers').waitFor();

      // A new window: the answer comes from the index on disk, no request for it.
      await s.wb.reloadWindow();
      await s.wb.openView();
      await s.wb.runCommand('OpenAI Projects: Find in Organization…');
      await s.wb.typeQuickInput('who has role Usage analyst');
      await s.wb.pickQuickItem('Release managers');
      // Shown in the Organization view; nothing more to do with it.
      await s.wb.page.keyboard.press('Escape');
      await pane(ORG, true);
      const selected = s.wb.view(ORG).locator('.monaco-list-row.selected .label-name').first();
      await eventually(
        () => selected.innerText().catch(() => ''),
        (l) => l === 'Release managers',
        'the group’s row selected',
      );
      await s.wb.contextMenu(s.wb.view(ORG).locator('.monaco-list-row.selected').first(), 'Delete Group…');
      await s.wb.answerDialog('Delete Group', { expectText: 'Release managers' });
      await eventually(
        () => s.emu.org.groups!.some((g) => g.id === made!.id),
        (x) => !x,
        'the group deleted',
      );
      await eventually(
        () => s.wb.row(ORG, 'Release managers').count(),
        (n) => n === 0,
        'its row gone',
      );
    }));
  it('Grant Group Access to Projects… and Revoke Group Everywhere…: each a plan, applied from its page, checked in the emulator', (t) =>
    withScreenshot(t, s.wb, async () => {
      const data = s.emu.org.groups!.find((g) => g.name === 'Data team')!;
      const open = s.emu.org.projects.filter((p) => p.status === 'active' && !p.is_default);
      const fresh = open.filter((p) => !(p.groups ?? []).some((g) => g.group_id === data.id)).slice(0, 2);
      assert.equal(fresh.length, 2);
      await collapseAll();
      await folder('Groups');
      await s.wb.contextMenu(s.wb.row(ORG, 'Data team'), 'Grant Group Access to Projects…');
      await s.wb.pickQuickItems(fresh.map((p) => p.name));
      await s.wb.pickQuickItem(/^Viewer/);
      const plan = s.wb.webview('Plan — give Data team access to projects');
      const apply = plan.locator('vscode-button#apply');
      await eventually(
        () => apply.innerText().then((x) => x.trim()),
        (x) => x === 'Apply 2 changes',
        'two changes planned',
      );
      await apply.click();
      await eventually(
        () =>
          fresh.every((p) => s.emu.org.projects.find((x) => x.id === p.id)!.groups?.some((g) => g.group_id === data.id && g.role_id === 'role_project_viewer')),
        (x) => x,
        'both projects granted as Viewer',
      );
      await eventually(
        () => plan.locator('#summary').innerText(),
        (x) => /Applied: 2 done/.test(x),
        'the plan shows the outcome',
      );

      const everywhere = s.emu.org.projects.filter((p) => (p.groups ?? []).some((g) => g.group_id === data.id)).length;
      await s.wb.contextMenu(s.wb.row(ORG, 'Data team'), 'Revoke Group Everywhere…');
      const revoke = s.wb.webview('Plan — revoke Data team everywhere');
      const go = revoke.locator('vscode-button#apply');
      await eventually(
        () => go.innerText().then((x) => x.trim()),
        (x) => x === `Apply ${everywhere} changes`,
        'one change a project with access',
      );
      await go.click();
      await eventually(
        () => s.emu.org.projects.some((p) => (p.groups ?? []).some((g) => g.group_id === data.id)),
        (x) => !x,
        'no project left with the group',
      );
    }));

  it("Rotate This Window's Admin Key: a new key in use, the old one deleted, and the window keeps working", (t) =>
    withScreenshot(t, s.wb, async () => {
      const old = s.emu.org.admin_keys[0]!;
      const before = s.emu.org.admin_keys.length;
      await s.wb.runCommand("OpenAI Projects: Rotate This Window's Admin Key…");
      await s.wb.answerDialog('Rotate', { expectText: 'Main admin key' });
      await eventually(
        () => !s.emu.org.admin_keys.includes(old) && s.emu.org.admin_keys.length === before,
        (rotated) => rotated,
        'the old key deleted and a new one in its place',
      );
      s.emu.requests.length = 0;
      await s.wb.runCommand('OpenAI Projects: Refresh');
      await eventually(
        () => s.emu.requests.filter((r) => r.path === '/organization/projects' && r.status === 200).length,
        (n) => n >= 1,
        'the projects read again with the new key',
      );
      assert.deepEqual(
        s.emu.requests.filter((r) => r.status === 401).map((r) => r.path),
        [],
        'no request went with the old key',
      );
      await collapseAll();
      await folder('Admin keys');
      await eventually(
        () => s.wb.description(s.wb.row(ORG, 'Main admin key')),
        (d) => d.startsWith('this window'),
        'the new key marked as this window’s',
      );
    }));
  it('Grant Group Access → Who Has Access (each line jumps to its row) → Revoke Group Access', (t) =>
    withScreenshot(t, s.wb, async () => {
      const p = s.emu.org.projects.filter((x) => x.status === 'active' && !x.is_default)[0]!;
      const data = s.emu.org.groups!.find((g) => g.name === 'Data team')!;
      const before = (p.groups ?? []).length;
      await s.wb.runCommand('OpenAI Projects: Grant Group Access to Project…');
      await s.wb.pickQuickItem(p.name);
      await s.wb.pickQuickItem('Data team');
      await s.wb.pickQuickItem(/^Viewer/);
      await eventually(
        () => s.emu.org.projects.find((x) => x.id === p.id)!.groups?.find((g) => g.group_id === data.id)?.role_id,
        (r) => r === 'role_project_viewer',
        'the group granted the project as Viewer',
      );

      await s.wb.runCommand('OpenAI Projects: Who Has Access…');
      await s.wb.pickQuickItem(p.name);
      const view = s.wb.webview(`Who has access to ${p.name}`);
      const grace = view.locator('section', { has: view.locator('h2', { hasText: 'Grace Hopper' }) });
      await eventually(
        () => grace.locator('tbody tr').allInnerTexts(),
        (rows) => rows.some((r) => r.includes('Viewer') && r.includes('through the group "Data team"')),
        'Grace holds Viewer through the group',
      );
      // The line's jump shows the project's group row in the Projects view, selected.
      await grace.locator('button.link', { hasText: 'through the group "Data team"' }).first().click();
      const selected = s.wb.view(PROJECTS).locator('.monaco-list-row.selected .label-name').first();
      await eventually(
        () => selected.innerText().catch(() => ''),
        (l) => l === 'Data team',
        'the group’s row selected under the project',
      );

      await s.wb.contextMenu(s.wb.view(PROJECTS).locator('.monaco-list-row.selected').first(), 'Revoke Group Access…');
      await s.wb.answerDialog('Revoke Access', { expectText: 'Data team' });
      await eventually(
        () => (s.emu.org.projects.find((x) => x.id === p.id)!.groups ?? []).length,
        (n) => n === before,
        'the grant revoked',
      );
      await eventually(
        () => s.wb.view(PROJECTS).locator('.monaco-list-row', { hasText: 'Data team' }).count(),
        (n) => n === 0,
        'gone from the project’s Groups',
      );
    }));
});
