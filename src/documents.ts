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

  /** Opens a document as `language`, in a preview tab. */
  async open(uri: vscode.Uri, language: string, options: vscode.TextDocumentShowOptions = {}): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, language);
    await vscode.window.showTextDocument(doc, { preview: true, ...options });
    return doc;
  }
}
