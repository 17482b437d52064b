// Edit Rate Limits…: on a project or its Rate limits folder, the form for all models; on a model's
// row, the same form focused on that model.
import * as l10n from '@vscode/l10n';
import type { RateLimitForms } from '../rateLimits/panel';
import { targetProject, type Ctx } from '../kit/context';

export function rateLimitCommands(ctx: Ctx, forms: RateLimitForms) {
  return {
    async editRateLimits(node?: unknown): Promise<void> {
      const p = await targetProject(ctx, node, { forChange: true, title: l10n.t('Edit the rate limits of which project?') });
      const model = node && typeof node === 'object' && 'item' in node ? (node as { item: { model?: unknown } }).item.model : undefined;
      forms.show(p, typeof model === 'string' ? model : undefined);
    },
  };
}
