// The status-bar item that says which organization this window uses, when more than one is set up
// here; a click switches. Made at activation: it reads only names from globalState, no secret.
import * as vscode from 'vscode';
import { organizationName, type AdminKey } from './adminKey';
import { COMMANDS } from './ids';

export function organizationStatus(adminKey: AdminKey): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('openaiProjects.organization', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('OpenAI Projects: organization');
  item.command = COMMANDS.switchOrganization;
  const draw = () => {
    const active = adminKey.active;
    // One organization needs no saying; the demo has an item of its own.
    if (adminKey.organizations().length < 2 || !active || adminKey.inDemo) {
      item.hide();
      return;
    }
    item.text = `$(organization) ${organizationName(active).replace(/\$\(/g, '$\u200b(')}`;
    item.tooltip = vscode.l10n.t('OpenAI Projects uses {0}{1}. Click to switch organization.', organizationName(active), active.org ? ` (${active.org})` : '');
    item.show();
  };
  draw();
  return vscode.Disposable.from(item, adminKey.onDidChangeOrganizations(draw), adminKey.onDidChange(draw));
}
