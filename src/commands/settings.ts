// Edit Project Settings… (a project's row, or the palette with a picker) and Edit Organization
// Settings… (the Organization view's title): the settings form of either.
import * as l10n from '@vscode/l10n';
import { targetProject, type Ctx } from '../kit/context';
import type { SettingsForms } from '../settings/panel';

export function settingsCommands(ctx: Ctx, forms: SettingsForms) {
  return {
    async projectSettings(node?: unknown): Promise<void> {
      const p = await targetProject(ctx, node, { forChange: true, title: l10n.t('Edit the settings of which project?') });
      forms.show(p);
    },
    async organizationSettings(): Promise<void> {
      await ctx.client(); // no key: says so (and offers to set one) before a form opens to nothing
      forms.show('organization');
    },
  };
}
