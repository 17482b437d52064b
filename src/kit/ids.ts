// Every command id, in one place; a test checks this map against package.json both ways.
export const COMMANDS = {
  showLog: 'openaiProjects.showLog',
  setAdminKey: 'openaiProjects.setAdminKey',
  clearAdminKey: 'openaiProjects.clearAdminKey',
  refresh: 'openaiProjects.refresh',
  refreshNode: 'openaiProjects.refreshNode',
  showArchived: 'openaiProjects.showArchived',
  hideArchived: 'openaiProjects.hideArchived',
  createProject: 'openaiProjects.createProject',
  renameProject: 'openaiProjects.renameProject',
  archiveProject: 'openaiProjects.archiveProject',
  copyProjectId: 'openaiProjects.copyProjectId',
  showProjectDetails: 'openaiProjects.showProjectDetails',
  openInDashboard: 'openaiProjects.openInDashboard',
  addUser: 'openaiProjects.addUser',
  changeUserRole: 'openaiProjects.changeUserRole',
  removeUser: 'openaiProjects.removeUser',
  createServiceAccount: 'openaiProjects.createServiceAccount',
  deleteServiceAccount: 'openaiProjects.deleteServiceAccount',
  deleteApiKey: 'openaiProjects.deleteApiKey',
  copyApiKeyId: 'openaiProjects.copyApiKeyId',
  renameServiceAccount: 'openaiProjects.renameServiceAccount',
  changeServiceAccountRole: 'openaiProjects.changeServiceAccountRole',
  createServiceAccountKey: 'openaiProjects.createServiceAccountKey',
  replaceServiceAccountKey: 'openaiProjects.replaceServiceAccountKey',
  editApiKey: 'openaiProjects.editApiKey',
  editRateLimits: 'openaiProjects.editRateLimits',
  projectSettings: 'openaiProjects.projectSettings',
  organizationSettings: 'openaiProjects.organizationSettings',
  indexOrganization: 'openaiProjects.indexOrganization',
  indexOrganizationPolicy: 'openaiProjects.indexOrganizationPolicy',
  findInOrganization: 'openaiProjects.findInOrganization',
  findLeakedKey: 'openaiProjects.findLeakedKey',
  removeUserEverywhere: 'openaiProjects.removeUserEverywhere',
  addUserToProjects: 'openaiProjects.addUserToProjects',
  copyRateLimits: 'openaiProjects.copyRateLimits',
  copySettings: 'openaiProjects.copySettings',
  exportProject: 'openaiProjects.exportProject',
  compareWithOrganization: 'openaiProjects.compareWithOrganization',
  applyToOrganization: 'openaiProjects.applyToOrganization',
  showUsage: 'openaiProjects.showUsage',
  showOrganizationUsage: 'openaiProjects.showOrganizationUsage',
  showActivity: 'openaiProjects.showActivity',
  refreshOrganization: 'openaiProjects.refreshOrganization',
  refreshOrganizationNode: 'openaiProjects.refreshOrganizationNode',
  inviteToOrganization: 'openaiProjects.inviteToOrganization',
  cancelInvite: 'openaiProjects.cancelInvite',
  changeOrganizationRole: 'openaiProjects.changeOrganizationRole',
  removeFromOrganization: 'openaiProjects.removeFromOrganization',
  offboardPerson: 'openaiProjects.offboardPerson',
  addOrganization: 'openaiProjects.addOrganization',
  switchOrganization: 'openaiProjects.switchOrganization',
  createAdminKey: 'openaiProjects.createAdminKey',
  deleteAdminKey: 'openaiProjects.deleteAdminKey',
  rotateAdminKey: 'openaiProjects.rotateAdminKey',
  createGroup: 'openaiProjects.createGroup',
  renameGroup: 'openaiProjects.renameGroup',
  deleteGroup: 'openaiProjects.deleteGroup',
  addGroupMembers: 'openaiProjects.addGroupMembers',
  removeGroupMember: 'openaiProjects.removeGroupMember',
  grantGroupAccess: 'openaiProjects.grantGroupAccess',
  revokeGroupAccess: 'openaiProjects.revokeGroupAccess',
  grantGroupToProjects: 'openaiProjects.grantGroupToProjects',
  revokeGroupEverywhere: 'openaiProjects.revokeGroupEverywhere',
  showAccess: 'openaiProjects.showAccess',
  whoHasAccess: 'openaiProjects.whoHasAccess',
  tryDemo: 'openaiProjects.tryDemo',
  stopDemo: 'openaiProjects.stopDemo',
  resetDemo: 'openaiProjects.resetDemo',
} as const;

/** Project files (src/files/): what the CodeLens, the schema and the editor-title menu apply to. */
export const PROJECT_FILE_GLOB = '**/*.openai-project.{json,jsonc}';

export const VIEW_ID = 'openaiProjects.projects';
/** The organization's own lists: members, invites, admin keys. */
export const ORG_VIEW_ID = 'openaiProjects.organization';

/** The webview panels' types: each is restored after a reload (an `onWebviewPanel:` activation event apiece, checked by a test). */
export const PANELS = {
  usage: 'openaiProjects.usage',
  activity: 'openaiProjects.activity',
  rateLimits: 'openaiProjects.rateLimits',
  settings: 'openaiProjects.settings',
} as const;
export type PanelType = (typeof PANELS)[keyof typeof PANELS];

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
