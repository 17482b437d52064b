// The admin key: SecretStorage first, then the OPENAI_ADMIN_KEY environment variable (the demo and
// scripted setups). It is never written to settings, globalState, logs or files. Several
// organizations each have a key of their own in SecretStorage; globalState holds only their names,
// the organization id the API reported, and which one is in use.
import * as vscode from 'vscode';

const SECRET = 'openaiProjects.adminKey';
const REGISTRY = 'openaiProjects.organizations';
const ACTIVE = 'openaiProjects.activeOrganization';
/** The first organization's slot: its key keeps the name a single key always had. */
const FIRST = 'default';
export const ENV_KEY = 'OPENAI_ADMIN_KEY';

/** An organization this window knows a key for (the key itself is in SecretStorage, by slot). */
export interface Organization {
  slot: string;
  /** As the person named it. */
  name?: string;
  /** As the API reported it (the `openai-organization` header of its answers). */
  org?: string;
}

export const organizationName = (o: Organization) => o.name || o.org || vscode.l10n.t('Organization');
const secretOf = (slot: string) => (slot === FIRST ? SECRET : `${SECRET}.${slot}`);
const isOrganization = (x: unknown): x is Organization =>
  !!x &&
  typeof x === 'object' &&
  typeof (x as Organization).slot === 'string' &&
  /^[a-z0-9]{1,32}$/.test((x as Organization).slot) &&
  ['string', 'undefined'].includes(typeof (x as Organization).name) &&
  ['string', 'undefined'].includes(typeof (x as Organization).org);

/** What the views show: the welcome for `none`, the tree otherwise. */
export type KeyState = 'none' | 'set' | 'invalid';

export class AdminKey {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: KeyState = 'none';
  /** The key last seen, to tell a real change from the echo of our own store(). */
  private known: string | undefined;
  private cached: Promise<string | undefined> | undefined;
  /** The demo organization's key and address while it runs: in memory only, never stored. */
  private demo?: { key: string; baseUrl: string };
  private readonly orgsChanged = new vscode.EventEmitter<void>();
  /** The organizations, their names, or the one in use changed. */
  readonly onDidChangeOrganizations = this.orgsChanged.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly memento: vscode.Memento,
  ) {}

  /** Every organization with a key here, in the order they were added. */
  organizations(): Organization[] {
    const v = this.memento.get<unknown>(REGISTRY);
    return Array.isArray(v) ? v.filter(isOrganization) : [];
  }

  /** The slot in use: the one last switched to, if it is still known, else the first. */
  private get slot(): string {
    const chosen = this.memento.get<unknown>(ACTIVE);
    const orgs = this.organizations();
    return orgs.find((o) => o.slot === chosen)?.slot ?? orgs[0]?.slot ?? FIRST;
  }

  /** The organization in use (undefined: a single key never named). */
  get active(): Organization | undefined {
    return this.organizations().find((o) => o.slot === this.slot);
  }

  private async saveOrganizations(orgs: Organization[], active?: string): Promise<void> {
    await this.memento.update(REGISTRY, orgs);
    if (active !== undefined) await this.memento.update(ACTIVE, active);
    await this.refreshState(this.current === 'invalid');
    this.orgsChanged.fire();
  }

  /** Stores another organization's key (already checked) and makes it the one in use. */
  async add(key: string, name: string, org?: string): Promise<Organization> {
    const orgs = this.organizations();
    // The key used so far becomes an entry of its own, so it is not lost from the list.
    if (!orgs.length && (await this.stored())) orgs.push({ slot: FIRST });
    let slot = FIRST;
    while (orgs.some((o) => o.slot === slot)) slot = Math.random().toString(36).slice(2, 12) || 'x';
    const entry: Organization = { slot, name: name.trim() || undefined, org };
    await this.secrets.store(secretOf(slot), key.trim());
    await this.saveOrganizations([...orgs, entry], slot);
    await this.switched();
    return entry;
  }

  /** Makes another organization the one in use: its key, its index, its rows. */
  async switchTo(slot: string): Promise<void> {
    if (!this.organizations().some((o) => o.slot === slot)) throw new Error(vscode.l10n.t('That organization is no longer set up here.'));
    await this.memento.update(ACTIVE, slot);
    this.orgsChanged.fire();
    await this.switched();
  }

  /** The slot of the key in use (undefined in the demo), to name whose answers a client reports. */
  get keySlot(): string | undefined {
    return this.demo ? undefined : this.slot;
  }

  /** Records the organization id the API reported for the key of `slot`. */
  async noteOrganization(org: string, slot: string): Promise<void> {
    if (this.demo) return;
    const orgs = this.organizations();
    if (orgs.some((o) => o.slot === slot && o.org === org)) return;
    const i = orgs.findIndex((o) => o.slot === slot);
    if (i >= 0 && orgs[i]!.org === org) return;
    if (i >= 0) orgs[i] = { ...orgs[i]!, org };
    else if (slot === this.slot && (await this.stored())) orgs.push({ slot, org });
    else return;
    await this.saveOrganizations(orgs);
  }

  private async switched(): Promise<void> {
    await this.setDemo(undefined);
    this.cached = undefined;
    await this.update();
  }

  /** The demo's base URL while it runs (it overrides the setting), else undefined. */
  get demoBaseUrl(): string | undefined {
    return this.demo?.baseUrl;
  }

  /**
   * Switches to the demo organization (a key and address for this session only) or, with undefined,
   * back to the person's own key and settings exactly as they were: neither is touched.
   */
  async useDemo(demo: { key: string; baseUrl: string } | undefined): Promise<void> {
    await this.setDemo(demo);
    await this.update();
  }

  private async setDemo(demo: { key: string; baseUrl: string } | undefined): Promise<void> {
    this.demo = demo;
    await vscode.commands.executeCommand('setContext', 'openaiProjects.demo', !!demo);
  }

  /** The one place the `openaiProjects.keyState` context key is set. */
  async refreshState(invalid = false): Promise<boolean> {
    const key = await this.get();
    const changed = key !== this.known;
    this.known = key;
    this.current = !key ? 'none' : invalid ? 'invalid' : 'set';
    await vscode.commands.executeCommand('setContext', 'openaiProjects.keyState', this.current);
    await vscode.commands.executeCommand('setContext', 'openaiProjects.severalOrganizations', this.organizations().length > 1);
    return changed;
  }

  get state(): KeyState {
    return this.current;
  }

  /** Read once and kept in memory (every request needs it; a secret read is a round trip to the window). */
  get(): Promise<string | undefined> {
    if (this.demo) return Promise.resolve(this.demo.key);
    return this.stored().then((v) => v || process.env[ENV_KEY]?.trim() || undefined);
  }

  /** The key in secret storage only (not the environment's). */
  stored(): Promise<string | undefined> {
    return (this.cached ??= Promise.resolve(this.secrets.get(secretOf(this.slot))).then(
      (v) => v?.trim() || undefined,
      (e: unknown) => {
        this.cached = undefined;
        throw e;
      },
    ));
  }

  async store(key: string): Promise<void> {
    // A key of one's own ends the demo: it is what the person asked to see.
    await this.setDemo(undefined);
    await this.secrets.store(secretOf(this.slot), key.trim());
    this.cached = undefined;
    await this.update();
  }

  /** A rotated key takes the place of the one in use: the demo's in memory, else in secret storage. */
  async replace(key: string): Promise<void> {
    if (this.demo) {
      this.demo = { ...this.demo, key: key.trim() };
      await this.update();
      return;
    }
    await this.store(key);
  }

  /** Whether the key in use is the demo's (session only). */
  get inDemo(): boolean {
    return !!this.demo;
  }

  /**
   * Removes the key of the organization in use (`slot`: of another one) and its entry; when it was in
   * use, the next organization set up here (if any) takes its place. Returns the removed key.
   */
  async clear(slot = this.slot): Promise<string | undefined> {
    const wasActive = slot === this.slot;
    const removed = (await this.secrets.get(secretOf(slot)))?.trim() || undefined;
    await this.secrets.delete(secretOf(slot));
    const rest = this.organizations().filter((o) => o.slot !== slot);
    await this.saveOrganizations(rest, wasActive ? (rest[0]?.slot ?? FIRST) : undefined);
    if (wasActive) {
      this.cached = undefined;
      await this.update();
    }
    return removed;
  }

  private async update(): Promise<void> {
    if (await this.refreshState()) this.changed.fire();
  }

  /** Another window changed the stored key. */
  watch(): vscode.Disposable {
    return this.secrets.onDidChange(async (e) => {
      if (e.key !== secretOf(this.slot)) return;
      this.cached = undefined;
      await this.update();
    });
  }

  dispose(): void {
    this.changed.dispose();
    this.orgsChanged.dispose();
  }
}
