// Names as people type them, in the real host: emoji, right-to-left and mixed-direction text, markup
// and VS Code's own syntax, and the API's longest. Each goes to the API exactly as typed and comes back
// exactly: in the tree's label and tooltip, in a quick pick, in the dialogs and messages, and for a
// service account too. (The UI test checks how the workbench draws them; webviews are in test/ui/usage.)
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { iconless, linkless } from '../../src/kit/ui';
import { emulator, extensionApi, label, resetOrg, state } from './helpers';

const run = async (id: string, ...args: unknown[]): Promise<unknown> => vscode.commands.executeCommand(`openaiProjects.${id}`, ...args);

const NAMES: [string, string][] = [
  ['emoji (surrogate pairs and a joined sequence)', '🚀 Launch team 👩🏽‍💻'],
  ['right-to-left', 'צוות מחקר'],
  ['mixed direction, with Arabic digits', 'فريق Alpha ٢٠٢٦'],
  ['markup and VS Code’s syntax', '<img src=x onerror=alert(1)> **bold** $(alert) [open](command:openaiProjects.clearAdminKey)'],
  ['the longest the API takes (128)', `${'ש'.repeat(60)} ${'x'.repeat(67)}`],
];

describe('names as people type them', () => {
  before(async () => {
    await resetOrg();
    const a = await extensionApi();
    await a.adminKey.store(emulator.adminKey);
    await run('refresh');
  });
  afterEach(async () => {
    assert.deepEqual((await extensionApi()).ui.reset(), [], 'every scripted answer was asked for');
  });

  for (const [what, name] of NAMES) {
    it(`${what}: exact in the API, the tree, a quick pick, the dialogs and the messages`, async () => {
      assert.ok(name.length <= 128, `${name.length} characters`);
      const a = await extensionApi();
      a.ui.reset();
      a.ui.answer(name);
      const id = (await run('createProject')) as string;
      assert.equal((await state()).projects.find((p) => p.id === id)?.name, name, 'the API has it exactly as typed');
      const said = a.ui.asked.filter((x) => x.kind === 'info' || x.kind === 'status').map((x) => x.message);
      assert.deepEqual(said, [`Project "${name}" created (${id}).`]);

      const row = (await a.tree.getChildren()).find((n) => n.id === id)!;
      assert.equal(label(row), name, 'the tree label');
      const tooltip = row.getTreeItem().tooltip;
      assert.equal(typeof tooltip, 'string', 'the tooltip is plain text, not Markdown');
      assert.equal((tooltip as string).split('\n')[0], name);

      // From the palette: the quick pick lists it (VS Code's $(icon) syntax made inert), the box shows it.
      const renamed = `${name.slice(0, 120)} ✓`;
      a.ui.reset();
      a.ui.answer(iconless(name), renamed);
      await run('renameProject');
      const [pick, input] = a.ui.asked;
      assert.ok(pick!.items!.includes(iconless(name)));
      assert.equal(input!.message, `Rename "${name}"`);
      assert.equal((await state()).projects.find((p) => p.id === id)?.name, renamed);

      a.ui.reset();
      a.ui.answer('Create', undefined); // the name passed, confirmed; the new key's dialog: dismissed
      await run(
        'createServiceAccount',
        (await a.tree.getChildren()).find((n) => n.id === id),
        name,
      );
      const sa = (await state()).projects.find((p) => p.id === id)!.service_accounts.find((s) => s.name === name);
      assert.ok(sa, 'a service account with the same name');
      const project = (await a.tree.getChildren()).find((n) => n.id === id)!;
      const accounts = await a.tree.getChildren((await a.tree.getChildren(project))[1]);
      assert.deepEqual(accounts.map(label), [name]);
      assert.match(
        a.ui.asked.find((x) => x.kind === 'modal')!.message,
        new RegExp(`^Service account "${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" created`),
      );

      a.ui.reset();
      a.ui.answer('Archive');
      await run(
        'archiveProject',
        (await a.tree.getChildren()).find((n) => n.id === id),
      );
      assert.equal(a.ui.asked[0]!.message, `Archive the project "${renamed}"?`);
      assert.equal((await state()).projects.find((p) => p.id === id)?.status, 'archived');
    });
  }

  it('a name’s link syntax cannot become a link in a notification, nor its icon syntax an icon in a pick', () => {
    const evil = '[open](command:openaiProjects.clearAdminKey) $(alert)';
    assert.doesNotMatch(linkless(evil), /\]\(/);
    assert.doesNotMatch(iconless(evil), /\$\(/);
    // What a person reads is unchanged: the joiner is invisible.
    assert.equal(linkless(evil).replace(/\u2060/g, ''), evil);
    assert.equal(iconless(evil).replace(/\u2060/g, ''), evil);
  });
});
