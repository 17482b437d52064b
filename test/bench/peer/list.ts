// The same root listing, three ways, against one emulator: our client as the tree uses it, and the
// official SDK as its documentation shows it (default page size) and tuned to 100 a page.
import OpenAI from 'openai';
import { collect, createProjectsClient } from '../../../src/client';

export async function oursList(baseUrl: string, apiKey: string): Promise<number> {
  const c = createProjectsClient({ baseUrl, apiKey });
  return (await collect((after) => c.listProjects({ limit: 100, after, includeArchived: true }))).length;
}

export async function sdkList(baseUrl: string, apiKey: string, limit?: number): Promise<number> {
  const c = new OpenAI({ apiKey: null, adminAPIKey: apiKey, baseURL: baseUrl });
  let n = 0;
  for await (const _ of c.admin.organization.projects.list({ include_archived: true, ...(limit ? { limit } : {}) })) n++;
  return n;
}
