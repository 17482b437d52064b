// Read-only documents the extension opens: a project's JSON ("Show Details") and bulk-change plans.
import * as vscode from 'vscode';

export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'openai-projects-details';
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Sets (or replaces) the text of a document; an open editor of it follows. */
  putText(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: ReadOnlyDocuments.scheme, path: `/${name}` });
    this.docs.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  put(name: string, value: unknown): vscode.Uri {
    return this.putText(name, JSON.stringify(value, null, 2));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }

  /**
   * Opens a document as `language`, in a preview tab; one already open (a plan Compare showed beside
   * its diff) is brought forward where it is, not opened a second time in another column.
   */
  async open(uri: vscode.Uri, language: string, options: vscode.TextDocumentShowOptions = {}): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== language) await vscode.languages.setTextDocumentLanguage(doc, language);
    const where = vscode.window.tabGroups.all.find((g) =>
      g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()),
    );
    await vscode.window.showTextDocument(doc, { preview: true, ...options, ...(where ? { viewColumn: where.viewColumn } : {}) });
    return doc;
  }
}
