// package.json as the unit tests read it: typed as far as they look, with its %key% strings resolved
// from package.nls.json as VS Code does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

export interface Manifest {
  name: string;
  displayName: string;
  icon: string;
  l10n: string;
  galleryBanner: { color: string; theme: string };
  categories: string[];
  extensionKind: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string; restrictedConfigurations?: string[] }; virtualWorkspaces: boolean };
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, unknown> };
    walkthroughs: { id: string; steps: { id: string; media: { markdown: string }; completionEvents: string[] }[] }[];
  };
}

export const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
export const manifest = JSON.parse(manifestText) as Manifest;
export const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** A manifest string as shown: `%key%` looked up in package.nls.json, anything else as it is. */
export function text(s: string | undefined): string | undefined {
  return s && /^%.+%$/.test(s) ? nls[s.slice(1, -1)] : s;
}
