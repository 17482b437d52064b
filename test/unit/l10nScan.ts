// Finds text in src/ that a person would read but that is not passed through l10n.t: string and
// template literals with words in them, outside the places where English is right (log lines, ids,
// CSS, values the code compares).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface Untranslated {
  file: string;
  line: number;
  text: string;
}

// Calls whose string arguments are code, not text: logging, commands and settings, string methods.
const CODE_CALLEES = new Set(
  (
    'log info warn error debug trace appendLine executeCommand getConfiguration get has setContext registerCommand startsWith endsWith ' +
    'includes split replace replaceAll join RegExp Symbol parse stringify Uri file joinPath createWebviewPanel querySelector getAttribute ' +
    'setProperty cssVar getPropertyValue padStart padEnd localeCompare toLocaleString DateTimeFormat NumberFormat'
  ).split(' '),
);

/** Words, and a space or an ellipsis (one capitalised word counts too): a sentence, a label, a title. */
function isText(s: string): boolean {
  if (!/[A-Za-z]{2}/.test(s) || /:\/\//.test(s)) return false;
  // Markup, CSS and JSON (braces other than placeholders, or a tag) are code too.
  if (/[{}]/.test(s) || /^\s*</.test(s)) return false;
  if (!/\s|…/.test(s)) return /^[A-Z][a-z]+$/.test(s);
  return true;
}

export function scanFile(file: string, root: string): Untranslated[] {
  const src = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, src, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Untranslated[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const p = node.parent;
      let code =
        ts.isImportDeclaration(p) ||
        ts.isExportDeclaration(p) ||
        ts.isLiteralTypeNode(p) ||
        ts.isElementAccessExpression(p) ||
        ts.isCaseClause(p) ||
        ts.isTaggedTemplateExpression(p) ||
        (ts.isPropertyAssignment(p) && p.name === node) ||
        (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(p.operatorToken.kind));
      if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(node)) {
        const callee = p.expression.getText(sf);
        const name = callee.split('.').pop()!;
        if (/\bl10n\.t$/.test(callee)) return; // translated: its arguments are what l10n.t fills in
        if (CODE_CALLEES.has(name) || /\blog\b/.test(callee)) code = true;
        // A webview panel's first argument is its type (code); its title comes second.
        if (name === 'createWebviewPanel') code = p.arguments.indexOf(node) === 0;
      }
      if (!code) {
        const text = ts.isTemplateExpression(node)
          ? node.head.text + node.templateSpans.map((s, i) => `{${i}}${s.literal.text}`).join('')
          : (node as ts.StringLiteral).text;
        if (isText(text.replace(/\{\d+\}/g, ''))) {
          found.push({ file: relative(root, file), line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text });
        }
      }
      // Text inside a template's placeholders is looked at too (a translated sentence built from English bits is not translated).
      if (!ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

export function scanSources(root: string, dir = join(root, 'src')): Untranslated[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts'))
    .map((d) => join(d.parentPath, d.name))
    .sort()
    .flatMap((f) => scanFile(f, root));
}
