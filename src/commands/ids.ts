// Every command id, in one place; a test checks this map against package.json both ways.
export const COMMANDS = {
  showLog: 'openaiProjects.showLog',
  setAdminKey: 'openaiProjects.setAdminKey',
  clearAdminKey: 'openaiProjects.clearAdminKey',
  refresh: 'openaiProjects.refresh',
  copyProjectId: 'openaiProjects.copyProjectId',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
