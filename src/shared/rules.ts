// The rules a name must follow, wherever it is typed: a Create or Rename box, a project file. One
// place, so a file cannot hold a name the boxes would refuse.
import * as l10n from '@vscode/l10n';

export const NAME_MAX = 128;

/** Why `value` is not a usable name (of a project, a service account), or undefined. */
export function nameProblem(value: string, empty: string): string | undefined {
  const v = value.trim();
  if (!v) return empty;
  if (v.length > NAME_MAX) return l10n.t('At most {0} characters (this is {1}).', NAME_MAX, v.length);
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[\u0000-\u001f\u007f]/.test(v)) return l10n.t('No line breaks or control characters.');
  return undefined;
}
