// The organization's projects: all pages (100 a request, the API's maximum), sorted by name,
// Nothing is asked of the API until the view is shown.
import * as vscode from 'vscode';
import { collect, type Project, type ProjectsClient } from '../client';
import { COMMANDS } from '../commands/ids';
import { makeChildren, type TreeNode } from './node';

export interface ProjectNode extends TreeNode {
  readonly project: Project;
}

export function isProjectNode(n: unknown): n is ProjectNode {
  return typeof n === 'object' && n !== null && 'project' in n;
}

export function projectNode(p: Project): ProjectNode {
  return {
    id: p.id,
    project: p,
    getTreeItem() {
      const item = new vscode.TreeItem(projectName(p), vscode.TreeItemCollapsibleState.None);
      item.id = p.id;
      // An unknown status (a future one) is shown as it comes, not hidden.
      item.description = p.status && p.status !== 'active' ? p.status : undefined;
      item.tooltip = `${projectName(p)}\n${p.id}\ncreated ${new Date(p.created_at * 1000).toISOString().slice(0, 10)}`;
      item.iconPath = new vscode.ThemeIcon('project');
      item.contextValue = p.status === 'archived' ? 'project.archived' : 'project';
      return item;
    },
  };
}

const projectName = (p: Project) => p.name || p.id;

export function sortProjects(projects: Project[]): Project[] {
  return [...projects].sort((a, b) => projectName(a).localeCompare(projectName(b)));
}

export class ProjectsTree implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly hasKey: () => Promise<boolean>,
    private readonly client: () => Promise<ProjectsClient>,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.getChildren ? node.getChildren() : [];
    // No key: an empty view, so its welcome (with "Set Admin Key…") shows instead.
    if (!(await this.hasKey())) return [];
    return makeChildren('root', async () => {
      const client = await this.client();
      const projects = await collect((after) => client.listProjects({ limit: 100, after }));
      return sortProjects(projects).map(projectNode);
    }, { empty: 'No projects in this organization.', retry: { command: COMMANDS.refresh, title: 'Retry' } });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
