// Effective access from what an index holds: one person across 1,000 projects, each with its members
// and 50 groups with access (two roles each), the person in half the groups. Pure computation: no
// request is possible (src/index/access.ts takes lists, not a client).
import { effectiveAccess, whoHasAccess, type AccessSnapshot, type RoleRef } from '../../src/index/access';
import { whoHolds, type HeldRoles } from '../../src/index/roles';
import type { Project } from '../../src/client';
import { median } from './measures';

export interface AccessResults {
  projects: number;
  groups: number;
  grants: number;
  ms: number;
  whoMs: number;
  who: number;
  /** "who has role …" in Find: every holder of one role across the projects, from the index's role facts. */
  holdersMs: number;
  holders: number;
}

export function measureAccess(projects = 1000, groups = 50, reps = 7): AccessResults {
  const users = Array.from({ length: 500 }, (_, i) => ({ id: `user_${i}`, name: `User ${i}`, role: i < 3 ? 'owner' : 'reader' }));
  const person = users[10]!.id;
  const gs = Array.from({ length: groups }, (_, i) => ({
    id: `group_${i}`,
    name: `Group ${i}`,
    // 40 members each; the person in the even ones.
    members: [...Array.from({ length: 40 }, (_, k) => users[(i * 7 + k) % users.length]!.id).filter((u) => u !== person), ...(i % 2 ? [] : [person])],
  }));
  const orgRoles = new Map<string, RoleRef>([
    ['role_org_owner', { id: 'role_org_owner', name: 'Owner' }],
    ['role_org_reader', { id: 'role_org_reader', name: 'Reader' }],
    ...Array.from({ length: 20 }, (_, i): [string, RoleRef] => [`role_o${i}`, { id: `role_o${i}`, name: `Org role ${i}` }]),
  ]);
  const projectRoles = new Map<string, RoleRef>(
    ['role_project_owner', 'role_project_member', 'role_project_viewer', 'role_p1', 'role_p2'].map((id) => [id, { id, name: id }]),
  );
  const snapshot: AccessSnapshot = {
    users,
    groups: gs,
    orgRoles,
    orgAssignments: gs.map((g, i) => ({ principal: 'group' as const, id: g.id, roleId: `role_o${i % 20}` })),
    projects: Array.from({ length: projects }, (_, i) => ({
      id: `proj_${i}`,
      name: `Project ${i}`,
      members: Array.from({ length: 20 }, (_, k) => ({ userId: users[(i + k * 13) % users.length]!.id, role: k ? 'member' : 'owner' })),
      groups: gs.map((g, k) => ({ groupId: g.id, roleIds: [k % 3 ? 'role_project_member' : 'role_project_viewer', 'role_p1'] })),
      assignments: i % 10 ? [] : [{ userId: person, roleId: 'role_p2' }],
      roles: projectRoles,
    })),
  };
  const times: number[] = [];
  let grants = 0;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    grants = effectiveAccess(snapshot, person).length;
    times.push(performance.now() - t);
  }
  const whoTimes: number[] = [];
  let who = 0;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    who = whoHasAccess(snapshot, 'proj_500').length;
    whoTimes.push(performance.now() - t);
  }
  // Find's "who has role p1": the index's role facts of every project (its roles, 50 groups, a few assigned users).
  const list: Project[] = snapshot.projects.map((p) => ({ object: 'organization.project', id: p.id, name: p.name, created_at: 1, status: 'active' }));
  const facts = new Map<string, { at: number; items: HeldRoles }>(
    snapshot.projects.map((p) => [
      p.id,
      {
        at: 1,
        items: {
          roles: [...p.roles.values()],
          groups: p.groups.map((g) => ({ id: g.groupId, roleIds: [...g.roleIds] })),
          users: p.assignments.map((a) => ({ id: a.userId, roleIds: [a.roleId] })),
        },
      },
    ]),
  );
  const members = new Map(snapshot.projects.map((p) => [p.id, p.members.map((m) => ({ id: m.userId, role: m.role }))]));
  const holderTimes: number[] = [];
  let holders = 0;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    holders = whoHolds(
      'role_p1',
      list,
      (id) => facts.get(id),
      (id) => members.get(id),
      users,
    ).holders.length;
    holderTimes.push(performance.now() - t);
  }
  return { projects, groups, grants, ms: median(times), whoMs: median(whoTimes), who, holdersMs: median(holderTimes), holders };
}
