// Imported first by every webview script: the page carries the extension's translations for the
// display language (see webviewHtml.ts), and @vscode/l10n must have them before any text is built.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { setLocale } from '../shared/locale';

// Dates, numbers and money in VS Code's display language, which the extension wrote as the page's lang.
setLocale(document.documentElement.lang);

const Bundle = z.record(z.string(), z.string());
const raw = document.querySelector('meta[name="l10n-bundle"]')?.getAttribute('content');
if (raw) {
  try {
    const bundle = Bundle.safeParse(JSON.parse(raw));
    if (bundle.success) l10n.config({ contents: bundle.data });
  } catch {
    // An unreadable bundle leaves the texts in English rather than the page blank.
  }
}
