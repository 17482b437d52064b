// Everything but registration: the client, the cache, the tree, the commands and the rate-limit form.
// Bundled apart as dist/core.js and required on first use (the view asks for rows with a key set, or a
// command runs), so activation evaluates none of it.
import './l10n';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AdminKey } from './kit/adminKey';
import { clientFor } from './kit/api';
import type { Pacer, ProjectsClient } from './client';
import { adminKeyCommands } from './commands/adminKey';
import type { Ctx } from './kit/context';
import { COMMANDS, PANELS, type CommandId, type PanelType } from './kit/ids';
import { memberCommands } from './commands/members';
import { serviceAccountCommands } from './commands/serviceAccounts';
import { expiryWarning, organizationCommands } from './commands/organization';
import { OrganizationTree } from './tree/organizationTree';
import { redactedMatches, type OrgRowContext } from './store/orgKinds';
import { bulkCommands } from './commands/bulk';
import { applyingPlan } from './bulk/plan';
import { DemoOrganization } from './commands/demo';
import { orgCommands } from './commands/search';
import { policyCommands } from './commands/policySearch';
import { roleIndexCommands } from './commands/accessSearch';
import { directRoles, MEMBER_ROLES } from './index/access';
import { eachHolder, ORG_SCOPE } from './index/roles';
import { memberLabel } from './store/orgKinds';
import type { RolesLookup } from './tree/roleRows';
import { projectCommands } from './commands/projects';
import { rateLimitCommands } from './commands/rateLimits';
import { wrapCommands, type RegisteredFn } from './kit/register';
import { viewCommands } from './commands/view';
import { errorText } from './client';
import { isArchived } from './shared/projectInfo';
import { persistIndex, readSettings, showArchived, showCost } from './kit/config';
import { ReadOnlyDocuments } from './kit/documents';
import { fileCommands } from './files/commands';
import { isProjectFile } from './files/projectFile';
import { ProjectFileLens } from './files/lens';
import { fingerprint, IndexFiles } from './index/files';
import { OrgIndex } from './index/orgIndex';
import type { TreeNode } from './kit/node';
import { redactingLog } from './kit/log';
import { panelWire, type WrapWire } from './kit/panelWire';
import { PlanPanels } from './kit/planPanel';
import { AccessPanels } from './access/panel';
import { accessCommands } from './commands/access';
import { groupCommands } from './commands/groups';
import { roleCommands } from './commands/roles';
import { visiblePacer } from './kit/pacing';
import { RateLimitForms } from './rateLimits/panel';
import { SettingsForms } from './settings/panel';
import { settingsCommands } from './commands/settings';
import { ProjectDecorations, ProjectsTree } from './tree/projectsTree';
import { OrgStore } from './store/store';
import { OrgWriter } from './store/writer';
import { VsCodeUi, type Ui } from './kit/ui';
import { ActivityPanels } from './activity/panel';
import { usageCommands } from './usage/commands';
import { MonthToDate } from './usage/cost';
import { UsagePanels } from './usage/panel';
import { UsageSource } from './usage/source';

export interface CoreDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  adminKey: AdminKey;
  /** The Projects view (created at activation), for reveal. */
  view(): vscode.TreeView<TreeNode> | undefined;
  /** The Organization view, for reveal. */
  orgView(): vscode.TreeView<TreeNode> | undefined;
  /** Development and Test mode only: wraps the Ui (see extension.ts). */
  wrapUi?: (real: Ui) => Ui;
  /** Development and Test mode only: wraps each webview panel's wire (see extension.ts). */
  wrapWire?: WrapWire;
}

export type Core = ReturnType<typeof createCore>;

export function createCore({ context, log: channel, adminKey, view, orgView, wrapUi, wrapWire }: CoreDeps) {
  const log = redactingLog(channel);
  const ui: Ui = wrapUi ? wrapUi(new VsCodeUi()) : new VsCodeUi();
  const files = new IndexFiles(join(context.globalStorageUri.fsPath, 'index'), (file, why) =>
    log.warn(`The organization index file ${file} was set aside (${why}); it is rebuilt from the API.`),
  );
  const index = new OrgIndex(files, persistIndex, (e, doing) => log.error(`The organization index, ${doing}: ${errorText(e)}`));
  /** The key, with the index switched to its organization (read from disk once). */
  const currentKey = async () => {
    const key = await adminKey.get();
    if (key) await index.bind(fingerprint(key));
    return key;
  };
  // One pacer per key: the API's rate limit is the key's.
  let paced: { key: string; pacer: Pacer } | undefined;
  /** The API's limits are per minute; the benchmark shortens the window on both sides. */
  let pacerWindowMs: number | undefined;
  // One client per key, settings and pacer: built again only when one of them changes.
  let built: { pacer: Pacer; settings: string; client: ProjectsClient } | undefined;
  const client = async (): Promise<ProjectsClient> => {
    // The slot is read with the key: a switch while the key is being read would otherwise file this
    // key's answers (its organization id) under the organization switched to.
    const slot = adminKey.keySlot;
    const key = await currentKey();
    if (adminKey.keySlot !== slot) return client();
    if (!key) throw new Error(vscode.l10n.t('No admin key is set. Run "OpenAI Projects: Set Admin Key…".'));
    if (paced?.key !== key) paced = { key, pacer: visiblePacer(log, pacerWindowMs) };
    // The demo organization's address, while it runs, stands in for the setting (which stays as it is).
    const demoUrl = adminKey.demoBaseUrl;
    const settings = JSON.stringify([readSettings(), demoUrl]);
    if (built?.pacer !== paced.pacer || built.settings !== settings) {
      // Whose answers these are: the organization they name is recorded for this key's slot only.
      const onOrganization = slot === undefined ? undefined : (org: string) => void adminKey.noteOrganization(org, slot);
      built = { pacer: paced.pacer, settings, client: clientFor(key, log, { pacer: paced.pacer, onOrganization, ...(demoUrl ? { baseUrl: demoUrl } : {}) }) };
    }
    return built.client;
  };
  const store = new OrgStore(client, index);
  const tree = new ProjectsTree(
    store,
    async () => !!(await adminKey.get()),
    showArchived,
    () => void adminKey.refreshState(true),
  );
  // The first rows of a session (and of a new key) come from the index on disk, if there is one.
  const warmStart = async () => ((await currentKey()) ? index.projects?.items : undefined);
  tree.warmStart = warmStart;
  /** What an organization row needs: the key in use (compared, never shown) and where members are (the index). */
  const rowContext = async (): Promise<OrgRowContext> => {
    const key = await adminKey.get();
    const where = new Map<string, string[]>();
    const projects = index.projects?.items;
    if (projects) await index.loadFolders();
    for (const p of projects ?? []) {
      for (const u of index.folder(p.id, 'users')?.items ?? []) where.set(u.id, [...(where.get(u.id) ?? []), p.name || p.id]);
    }
    return {
      isCurrentKey: (k) => !!key && redactedMatches(k.redacted_value, key),
      projectsOf: (id) => (projects ? (where.get(id) ?? []) : undefined),
      now: Date.now() / 1000,
    };
  };
  const orgTree = new OrganizationTree(store, async () => !!(await adminKey.get()), rowContext);
  // Who holds what, as read (the store's last reads, else the index's): a role's Held by, a user's assigned roles.
  const rolesKnown: RolesLookup = {
    orgHolders(roleId) {
      const held = index.rolesOf(ORG_SCOPE)?.items;
      if (!held) return undefined;
      const members = store.orgLoaded('members') ?? [];
      const groups = store.orgLoaded('groups') ?? [];
      const out: NonNullable<ReturnType<RolesLookup['orgHolders']>> = [];
      eachHolder(held, roleId, members, 'org', (principal, id, via) =>
        out.push({
          principal,
          id,
          via,
          label: principal === 'group' ? groups.find((g) => g.id === id)?.name || id : memberLabel(members.find((m) => m.id === id) ?? { id }),
        }),
      );
      return out;
    },
    groupRoles(groupId) {
      const read = store.rolesHeldLoaded({ type: 'group', id: groupId });
      if (read) return read.map((r) => r.name || r.id);
      const indexed = index.rolesOf(ORG_SCOPE)?.items;
      const ids = indexed && (indexed.groups.find((g) => g.id === groupId)?.roleIds ?? []);
      return ids?.map((id) => indexed!.roles.find((r) => r.id === id)?.name || id);
    },
    userRoles(projectId, userId, memberRole) {
      const read = store.rolesHeldLoaded({ type: 'user', id: userId, projectId });
      const indexed = index.rolesOf(projectId)?.items;
      const ids = read
        ? directRoles(read, userId, MEMBER_ROLES[`project:${memberRole}`])
        : indexed && (indexed.users.find((u) => u.id === userId)?.roleIds ?? []);
      if (!ids) return undefined;
      const names = store.projectRolesLoaded(projectId) ?? indexed?.roles ?? [];
      return ids.map((id) => read?.find((r) => r.id === id)?.name || names.find((r) => r.id === id)?.name || id);
    },
  };
  tree.roles = rolesKnown;
  orgTree.roles = rolesKnown;
  const docs = new ReadOnlyDocuments();
  const wire = (panel: vscode.WebviewPanel, name: string, key: string) => panelWire(panel, name, key, wrapWire);
  const ctx: Ctx = {
    ui,
    tree,
    store,
    writer: new OrgWriter(client, store, log),
    client,
    log,
    index,
    // Organization-wide commands need the project list (cached, or one listing) and the lists on disk.
    indexReady: async () => {
      await store.projects(false);
      await index.loadFolders();
    },
    docs,
    view,
    orgView,
    orgTree,
    wire,
    plans: new PlanPanels(context.extensionUri, docs, wire, log),
    pacer: () => paced?.pacer,
    organization: async () => {
      if (!adminKey.inDemo && adminKey.active?.org) return adminKey.active.org;
      const c = await client();
      // Not reported yet (no request made with this key): one read says.
      if (!c.organizationId()) await c.listProjects({ limit: 1 });
      return c.organizationId();
    },
    keys: {
      isCurrent: async (redacted) => {
        const key = await adminKey.get();
        return !!key && redactedMatches(redacted, key);
      },
      verify: async (key) => {
        const demoUrl = adminKey.demoBaseUrl;
        await clientFor(key, log, { maxRetries: 1, ...(demoUrl ? { baseUrl: demoUrl } : {}) }).listAdminApiKeys({ limit: 1 });
      },
      replace: (key) => adminKey.replace(key),
      forgetCurrent: async () => {
        if (!adminKey.inDemo && (await adminKey.stored())) await adminKey.clear();
        else await adminKey.refreshState(true);
      },
    },
  };
  /** Before another organization is put in use: no panel of this one may stay open under it, no plan half-applied. */
  const leaveOrganization = async (to: string): Promise<boolean> => {
    if (applyingPlan()) {
      void ui.notify('warning', vscode.l10n.t('"{0}" is being applied: switch organization once it has finished (or is stopped).', applyingPlan()!));
      return false;
    }
    const panels = [
      ...usage.panels(),
      ...activity.panels(),
      ...rateLimitForms.panels(),
      ...settingsForms.panels(),
      ...ctx.plans.panels(),
      ...accessPanels.panels(),
    ];
    if (
      panels.length &&
      !(await ui.confirm(
        vscode.l10n.t('Switch to {0}?', to),
        vscode.l10n.t(
          'The panels open for this organization close: {0}. Edits not saved in a rate-limit form are lost.',
          panels.map((p) => `"${p.title}"`).join(', '),
        ),
        vscode.l10n.t('Switch'),
      ))
    )
      return false;
    for (const p of panels) p.dispose();
    return true;
  };
  const keys = adminKeyCommands(adminKey, log, ui, {
    forgetIndex: (key) => index.forget(fingerprint(key)),
    leaving: (to) => leaveOrganization(to),
  });
  const viewCmds = viewCommands(ctx);
  const projects = projectCommands(ctx, docs);
  const org = orgCommands(ctx);
  const policyIndex = policyCommands(ctx);
  const roleIndex = roleIndexCommands(ctx);
  const bulk = bulkCommands(ctx);
  const lens = new ProjectFileLens(ctx);
  const projectFiles = fileCommands(ctx, () => lens.refresh());
  const members = memberCommands(ctx);
  const accounts = serviceAccountCommands(ctx);
  const organization = organizationCommands(ctx);
  const groups = groupCommands(ctx);
  const roles = roleCommands(ctx);
  const accessPanels = new AccessPanels(ctx, context.extensionUri);
  const access = accessCommands(ctx, accessPanels);
  orgTree.onAdminKeys = expiryWarning(ctx, () => Promise.resolve(vscode.commands.executeCommand(COMMANDS.rotateAdminKey)));
  const rateLimitForms = new RateLimitForms(ctx, context.extensionUri);
  const rateLimits = rateLimitCommands(ctx, rateLimitForms);
  const settingsForms = new SettingsForms(ctx, context.extensionUri);
  const settings = settingsCommands(ctx, settingsForms);
  const usageSource = new UsageSource(client, store);
  const monthToDate = new MonthToDate(usageSource, store, showCost, () => tree.redraw(), log);
  tree.money = (p) => monthToDate.project(p.id, !isArchived(p));
  const activity = new ActivityPanels(ctx, context.extensionUri);
  const usage: UsagePanels = new UsagePanels(ctx, context.extensionUri, usageSource, {
    openProject: (id) => {
      const p = (store.loadedProjects ?? index.projects?.items ?? []).find((x) => x.id === id);
      if (p) usage.show(p);
      else void ui.notify('warning', vscode.l10n.t('Project {0} is not in the project list (it may have been deleted); refresh the view.', id));
    },
    openActivity: (p) => activity.show({ kind: 'project', project: p }),
  });
  const usageCmds = usageCommands(ctx, usage, activity);
  const demo = new DemoOrganization(ctx, adminKey, context.globalStorageUri);
  const describeView = () => {
    const v = view();
    if (v) v.description = [demo.label, monthToDate.organization()?.text].filter(Boolean).join(' · ') || undefined;
  };
  demo.onLabel = describeView;
  // Owned here, not by the extension context, so the core can be disposed and made again (a test of
  // what a new window would find on disk).
  const disposables: { dispose(): unknown }[] = [
    tree,
    orgTree,
    adminKey.onDidChange(() => orgTree.refresh()),
    // Another key is another organization (or the same one's new key): nothing learned under the old one stays.
    adminKey.onDidChange(() => {
      usageSource.clear();
      monthToDate.refresh();
    }),
    demo,
    vscode.window.registerFileDecorationProvider(new ProjectDecorations()),
    vscode.workspace.registerTextDocumentContentProvider(ReadOnlyDocuments.scheme, docs),
    adminKey.onDidChange(() => (tree.warmStart = warmStart)),
    lens,
    tree.onDidChangeTreeData(() => lens.refresh()),
    // The view's description, set here only: the demo's name, and the organization's month and its own limit.
    tree.onDidChangeTreeData(describeView),
    { dispose: () => void (view() && (view()!.description = undefined)) },
    vscode.workspace.onDidSaveTextDocument((d) => isProjectFile(d.uri.path) && lens.refresh()),
  ];
  const commands: Record<CommandId, RegisteredFn> = wrapCommands(
    {
      [COMMANDS.showLog]: () => log.show(),
      [COMMANDS.setAdminKey]: keys.setAdminKey,
      [COMMANDS.clearAdminKey]: keys.clearAdminKey,
      [COMMANDS.addOrganization]: keys.addOrganization,
      [COMMANDS.switchOrganization]: keys.switchOrganization,
      // Refresh starts over, what was learned about the API's rate limit included.
      [COMMANDS.refresh]: () => {
        paced?.pacer.forget();
        usageSource.clear();
        monthToDate.refresh();
        viewCmds.refresh();
        orgTree.refresh();
      },
      [COMMANDS.refreshOrganization]: () => orgTree.refresh(),
      [COMMANDS.refreshOrganizationNode]: (node?: TreeNode) => orgTree.refresh(node),
      [COMMANDS.inviteToOrganization]: organization.inviteToOrganization,
      [COMMANDS.cancelInvite]: organization.cancelInvite,
      [COMMANDS.changeOrganizationRole]: organization.changeOrganizationRole,
      [COMMANDS.removeFromOrganization]: organization.removeFromOrganization,
      [COMMANDS.createAdminKey]: organization.createAdminKey,
      [COMMANDS.deleteAdminKey]: organization.deleteAdminKey,
      [COMMANDS.rotateAdminKey]: organization.rotateAdminKey,
      [COMMANDS.createGroup]: groups.createGroup,
      [COMMANDS.renameGroup]: groups.renameGroup,
      [COMMANDS.deleteGroup]: groups.deleteGroup,
      [COMMANDS.addGroupMembers]: groups.addGroupMembers,
      [COMMANDS.removeGroupMember]: groups.removeGroupMember,
      [COMMANDS.grantGroupAccess]: groups.grantGroupAccess,
      [COMMANDS.revokeGroupAccess]: groups.revokeGroupAccess,
      [COMMANDS.grantGroupToProjects]: groups.grantGroupToProjects,
      [COMMANDS.revokeGroupEverywhere]: groups.revokeGroupEverywhere,
      [COMMANDS.createRole]: roles.createRole,
      [COMMANDS.editRole]: roles.editRole,
      [COMMANDS.deleteRole]: roles.deleteRole,
      [COMMANDS.assignRole]: roles.assignRole,
      [COMMANDS.unassignRole]: roles.unassignRole,
      [COMMANDS.assignRoleInProjects]: roles.assignRoleInProjects,
      [COMMANDS.showAccess]: access.showAccess,
      [COMMANDS.whoHasAccess]: access.whoHasAccess,
      [COMMANDS.refreshNode]: viewCmds.refreshNode,
      [COMMANDS.showArchived]: viewCmds.showArchived,
      [COMMANDS.hideArchived]: viewCmds.hideArchived,
      [COMMANDS.createProject]: projects.createProject,
      [COMMANDS.renameProject]: projects.renameProject,
      [COMMANDS.archiveProject]: projects.archiveProject,
      [COMMANDS.copyProjectId]: projects.copyProjectId,
      [COMMANDS.showProjectDetails]: projects.showProjectDetails,
      [COMMANDS.openInDashboard]: projects.openInDashboard,
      [COMMANDS.addUser]: members.addUser,
      [COMMANDS.changeUserRole]: members.changeUserRole,
      [COMMANDS.removeUser]: members.removeUser,
      [COMMANDS.createServiceAccount]: members.createServiceAccount,
      [COMMANDS.deleteServiceAccount]: members.deleteServiceAccount,
      [COMMANDS.deleteApiKey]: members.deleteApiKey,
      [COMMANDS.copyApiKeyId]: members.copyApiKeyId,
      [COMMANDS.renameServiceAccount]: accounts.renameServiceAccount,
      [COMMANDS.changeServiceAccountRole]: accounts.changeServiceAccountRole,
      [COMMANDS.createServiceAccountKey]: accounts.createServiceAccountKey,
      [COMMANDS.replaceServiceAccountKey]: accounts.replaceServiceAccountKey,
      [COMMANDS.editApiKey]: accounts.editApiKey,
      [COMMANDS.editRateLimits]: rateLimits.editRateLimits,
      [COMMANDS.projectSettings]: settings.projectSettings,
      [COMMANDS.organizationSettings]: settings.organizationSettings,
      [COMMANDS.indexOrganization]: org.indexOrganization,
      [COMMANDS.indexOrganizationPolicy]: policyIndex.indexOrganizationPolicy,
      [COMMANDS.indexRoleAssignments]: roleIndex.indexRoleAssignments,
      [COMMANDS.findInOrganization]: org.findInOrganization,
      [COMMANDS.findLeakedKey]: org.findLeakedKey,
      [COMMANDS.removeUserEverywhere]: bulk.removeUserEverywhere,
      [COMMANDS.offboardPerson]: bulk.offboardPerson,
      [COMMANDS.addUserToProjects]: bulk.addUserToProjects,
      [COMMANDS.copyRateLimits]: bulk.copyRateLimits,
      [COMMANDS.copySettings]: bulk.copySettings,
      [COMMANDS.exportProject]: projectFiles.exportProject,
      [COMMANDS.compareWithOrganization]: projectFiles.compareWithOrganization,
      [COMMANDS.applyToOrganization]: projectFiles.applyToOrganization,
      [COMMANDS.showUsage]: usageCmds.showUsage,
      [COMMANDS.showOrganizationUsage]: usageCmds.showOrganizationUsage,
      [COMMANDS.showActivity]: usageCmds.showActivity,
      [COMMANDS.tryDemo]: () => demo.tryDemo(),
      [COMMANDS.stopDemo]: () => demo.stopDemo(),
      [COMMANDS.resetDemo]: () => demo.resetDemo(),
    },
    log,
    ui,
  );
  return {
    tree,
    orgTree,
    store,
    ui,
    index,
    lens,
    usage,
    activity,
    rateLimitForms,
    settingsForms,
    commands,
    /** A panel VS Code brought back after a reload (its serializer is registered at activation). */
    restorePanel(type: PanelType, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const panels = { [PANELS.usage]: usage, [PANELS.activity]: activity, [PANELS.rateLimits]: rateLimitForms, [PANELS.settings]: settingsForms };
      return panels[type].restore(panel, state);
    },
    pacer: () => paced?.pacer,
    /** The benchmark only: the pacer's window, for the next key's pacer. */
    setPacerWindow(ms: number) {
      pacerWindowMs = ms;
      paced = undefined;
    },
    /** Saves the index and lets go of everything (deactivation). */
    async dispose() {
      for (const d of disposables) d.dispose();
      await index.flush();
    },
  };
}
