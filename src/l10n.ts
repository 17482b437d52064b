// Modules that also run outside VS Code (the unit tests, the webviews' shared code) translate with
// @vscode/l10n; in the extension it reads VS Code's bundle for the display language, and dates,
// numbers and money follow the same language. core.ts imports this first, so texts made when a module
// loads are translated too.
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { setLocale } from './shared/locale';

if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
setLocale(vscode.env.language);
