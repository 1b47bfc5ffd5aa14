import { randomUUID } from 'node:crypto';
import { Role } from '@app/core';
import { UserAdminService } from '@app/identity';
import {
  CREATE_USER,
  craftsEventWithEntries,
  GqlResult,
  seedRegions,
  startTestApp,
  TestApp,
} from '@app/testing';

const PASSWORD = 'correct horse battery';
const LOGIN =
  'mutation($e:String!,$p:String!){login(email:$e,password:$p){token mustChangePassword user{id mustChangePassword lastSignInAt}}}';
const ME = '{me{id active mustChangePassword}}';
const USER_FIELDS =
  'id email name role active mustChangePassword lastSignInAt regionCode region{code name}';
const USERS = `query($role:Role,$roles:[Role!]){users(role:$role,roles:$roles){${USER_FIELDS}}}`;
const DEACTIVATE = `mutation($id:ID!){deactivateUser(id:$id){${USER_FIELDS}}}`;
const REACTIVATE = `mutation($id:ID!){reactivateUser(id:$id){${USER_FIELDS}}}`;
const RESET = `mutation($id:ID!){resetUserPassword(id:$id){temporaryPassword user{${USER_FIELDS}}}}`;
const RECORDS = 'query($u:ID){userAdminRecords(userId:$u){id action at user{id} actor{id role}}}';
const CHANGE_PASSWORD =
  'mutation($o:String!,$n:String!){changePassword(oldPassword:$o,newPassword:$n)}';

interface Person {
  id: string;
  email: string;
  token: string;
}

/**
 * People (issue 21): organisers and admins create, deactivate, reactivate users and reset their
 * passwords, each change recorded; who may touch whom is CREATABLE_ROLES, never oneself, never
 * the last active admin (its race: test/hostile/races-people.e2e-spec.ts).
 */
describe('people: user administration', () => {
  let app: TestApp;
  let admin: string;
  let adminId: string;
  let organiser: Person;
  let serial = 0;

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    adminId = (await app.gql('{me{id}}', {}, admin)).data!.me.id;
    organiser = await person('ORGANISER');
  });
  afterAll(() => app.close());

  /** A user of this role created by `by` (the admin by default), signed in. */
  async function person(
    role: Role | string,
    by?: string,
    extra: Record<string, unknown> = {},
  ): Promise<Person> {
    const email = `people-${role.toLowerCase()}-${++serial}@example.com`;
    const res = await app.gql(
      CREATE_USER,
      { input: { email, password: PASSWORD, name: `${role} ${serial}`, role, ...extra } },
      by ?? admin,
    );
    expect(res.errors).toBeUndefined();
    return { id: res.data!.createUser.id, email, token: await app.login(email, PASSWORD) };
  }

  function expectRefused(res: GqlResult, code: string, reason: string): void {
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code, reason });
  }

  const login = (email: string, password: string) => app.gql(LOGIN, { e: email, p: password });

  const records = async (userId: string) =>
    app.sql<{ action: string; actor_id: string }>(
      'SELECT action, actor_id FROM user_admin_records WHERE user_id = ? ORDER BY at, action',
      [userId],
    );

  const row = async (userId: string) =>
    (
      await app.sql<{ active: number; must: number; tv: number; hash: string; updated: Date }>(
        `SELECT active, must_change_password AS must, token_version AS tv,
                password_hash AS hash, updated_at AS updated FROM users WHERE id = ?`,
        [userId],
      )
    )[0];

  /** An organisers-only HTTP endpoint: 404 for an event that does not exist, when let in. */
  const template = (token: string) =>
    app
      .http()
      .get(`/api/events/${randomUUID()}/entries/import-template.csv`)
      .set('authorization', `Bearer ${token}`);

  describe('creating and listing', () => {
    it('records CREATED with its actor, and lists role, region by name, active and last sign-in', async () => {
      const coordinator = await person('COORDINATOR', organiser.token, { regionCode: '450700' });
      expect(await records(coordinator.id)).toEqual([
        { action: 'CREATED', actor_id: organiser.id },
      ]);
      const res = await app.gql(USERS, { role: 'COORDINATOR' }, organiser.token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.users).toContainEqual(
        expect.objectContaining({
          id: coordinator.id,
          role: 'COORDINATOR',
          active: true,
          mustChangePassword: false,
          regionCode: '450700',
          region: { code: '450700', name: '钦州市' },
        }),
      );
      const listed = res.data!.users.find((u: { id: string }) => u.id === coordinator.id);
      expect(Date.parse(listed.lastSignInAt)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('lists the roles asked for with `roles` (and `role`), every user without either', async () => {
      const judge = await person('JUDGE');
      const staff = await app.gql(USERS, { roles: ['JUDGE', 'ORGANISER'] }, organiser.token);
      const roles = new Set(staff.data!.users.map((u: { role: string }) => u.role));
      expect([...roles].sort()).toEqual(['JUDGE', 'ORGANISER']);
      const both = await app.gql(USERS, { role: 'ADMIN', roles: ['JUDGE'] }, organiser.token);
      expect(new Set(both.data!.users.map((u: { role: string }) => u.role))).toEqual(
        new Set(['ADMIN', 'JUDGE']),
      );
      const all = await app.gql(USERS, {}, organiser.token);
      expect(all.data!.users.map((u: { id: string }) => u.id)).toContain(judge.id);
      expect(all.data!.users.map((u: { id: string }) => u.id)).toContain(adminId);
    });

    it('a user created with mustChangePassword signs in to change it first', async () => {
      const judge = await person('JUDGE', organiser.token, { mustChangePassword: true });
      const signedIn = await login(judge.email, PASSWORD);
      expect(signedIn.data!.login.mustChangePassword).toBe(true);
    });
  });

  describe('last sign-in', () => {
    it('is recorded on a successful sign-in only, and leaves updated_at alone', async () => {
      const email = `people-never-${++serial}@example.com`;
      const created = await app.gql(
        CREATE_USER,
        { input: { email, password: PASSWORD, name: '从未登录', role: 'JUDGE' } },
        organiser.token,
      );
      const id = created.data!.createUser.id;
      const before = await row(id);
      const listed = async () =>
        (await app.gql(USERS, { role: 'JUDGE' }, organiser.token)).data!.users.find(
          (u: { id: string }) => u.id === id,
        ).lastSignInAt;
      expect(await listed()).toBeNull();
      expectRefused(
        await login(email, 'a wrong password'),
        'UNAUTHENTICATED',
        'INVALID_CREDENTIALS',
      );
      expect(await listed()).toBeNull();
      const startedAt = Date.now();
      const signedIn = await login(email, PASSWORD);
      const at = Date.parse(signedIn.data!.login.user.lastSignInAt);
      expect(at).toBeGreaterThanOrEqual(startedAt - 5);
      expect(Date.parse(await listed())).toBe(at);
      expect((await row(id)).updated).toEqual(before.updated);
    });
  });

  describe('deactivating', () => {
    it("refuses the user's tokens at once, GraphQL and HTTP, and its sign-in; keeps its rows", async () => {
      const judge = await person('JUDGE', organiser.token);
      const other = await person('ORGANISER');
      expect((await app.gql(ME, {}, judge.token)).data!.me.id).toBe(judge.id);
      expect((await template(other.token)).status).toBe(404);

      const done = await app.gql(DEACTIVATE, { id: judge.id }, organiser.token);
      expect(done.errors).toBeUndefined();
      expect(done.data!.deactivateUser).toMatchObject({ id: judge.id, active: false });
      expectRefused(await app.gql(ME, {}, judge.token), 'UNAUTHENTICATED', 'ACCOUNT_DEACTIVATED');

      const byAdmin = await app.gql(DEACTIVATE, { id: other.id }, admin);
      expect(byAdmin.errors).toBeUndefined();
      const http = await template(other.token);
      expect(http.status).toBe(401);
      expect(http.body).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCOUNT_DEACTIVATED' });

      // the right password is told the account is deactivated; a wrong one learns nothing
      expectRefused(await login(judge.email, PASSWORD), 'UNAUTHENTICATED', 'ACCOUNT_DEACTIVATED');
      expectRefused(
        await login(judge.email, 'not the password'),
        'UNAUTHENTICATED',
        'INVALID_CREDENTIALS',
      );
      expect(await row(judge.id)).toMatchObject({ active: 0 });
      expect(await records(judge.id)).toEqual([
        { action: 'CREATED', actor_id: organiser.id },
        { action: 'DEACTIVATED', actor_id: organiser.id },
      ]);
    });

    it('twice is one deactivation, recorded once', async () => {
      const judge = await person('JUDGE');
      for (let i = 0; i < 2; i++) {
        const res = await app.gql(DEACTIVATE, { id: judge.id }, organiser.token);
        expect(res.data!.deactivateUser.active).toBe(false);
      }
      expect((await records(judge.id)).map((r) => r.action)).toEqual(['CREATED', 'DEACTIVATED']);
    });

    it("leaves a judge's sheets and PENDING assignments as they are", async () => {
      const { admin: owner, event } = await craftsEventWithEntries(app, 'people-judge', 3);
      const judge = await person('JUDGE');
      const round = await app.gql(
        'mutation($input:CreateRoundInput!){createRound(input:$input){id}}',
        {
          input: {
            eventId: event.eventId,
            name: '初评',
            criteria: [{ key: 'craft', name: '工艺', weight: 100, maxScore: 10, step: 1 }],
            judgesPerEntry: 1,
            aggregation: 'MEAN',
            rankingScope: 'CATEGORY',
          },
        },
        owner,
      );
      const roundId = round.data!.createRound.id;
      for (const [query, variables] of [
        [
          'mutation($input:CreatePanelInput!){createPanel(input:$input){id}}',
          {
            input: {
              roundId,
              name: '陶瓷组',
              categoryIds: [event.parent.TC],
              judgeIds: [judge.id],
            },
          },
        ],
        ['mutation($id:ID!){assignJudges(roundId:$id){assignments}}', { id: roundId }],
        ['mutation($id:ID!){openRound(roundId:$id){status}}', { id: roundId }],
      ] as const) {
        const res = await app.gql(query, variables, owner);
        expect(res.errors).toBeUndefined();
      }
      const mine = await app.gql(
        'query($id:ID!){myAssignments(roundId:$id){id}}',
        { id: roundId },
        judge.token,
      );
      const [first] = mine.data!.myAssignments;
      const sheet = await app.gql(
        'mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){id}}',
        {
          input: {
            assignmentId: first.id,
            scores: [{ criterionKey: 'craft', value: 8 }],
            clientMutationId: randomUUID(),
          },
        },
        judge.token,
      );
      expect(sheet.errors).toBeUndefined();
      const assignments = () =>
        app.sql<{ status: string; n: number }>(
          'SELECT status, COUNT(*) AS n FROM assignments WHERE judge_id = ? GROUP BY status ORDER BY status',
          [judge.id],
        );
      const before = await assignments();
      expect(before.map((r) => r.status)).toEqual(['PENDING', 'SUBMITTED']);

      expect((await app.gql(DEACTIVATE, { id: judge.id }, organiser.token)).errors).toBeUndefined();
      expect(await assignments()).toEqual(before);
      const [sheets] = await app.sql<{ n: number }>(
        'SELECT COUNT(*) AS n FROM score_sheets WHERE assignment_id = ?',
        [first.id],
      );
      expect(Number(sheets.n)).toBe(1);
    });
  });

  describe('reactivating', () => {
    it('lets the user sign in again; its tokens from before stay refused; recorded', async () => {
      const judge = await person('JUDGE');
      await app.gql(DEACTIVATE, { id: judge.id }, organiser.token);
      const res = await app.gql(REACTIVATE, { id: judge.id }, organiser.token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.reactivateUser.active).toBe(true);
      expectRefused(await app.gql(ME, {}, judge.token), 'UNAUTHENTICATED', 'TOKEN_REVOKED');
      const again = await app.login(judge.email, PASSWORD);
      expect((await app.gql(ME, {}, again)).data!.me).toMatchObject({ id: judge.id, active: true });
      // reactivating an active user changes and records nothing
      await app.gql(REACTIVATE, { id: judge.id }, organiser.token);
      expect((await records(judge.id)).map((r) => r.action)).toEqual([
        'CREATED',
        'DEACTIVATED',
        'REACTIVATED',
      ]);
    });
  });

  describe('resetting a password', () => {
    it('answers a temporary password once, stores its hash, ends every sign-in', async () => {
      const judge = await person('JUDGE', organiser.token);
      const res = await app.gql(RESET, { id: judge.id }, organiser.token);
      expect(res.errors).toBeUndefined();
      const { temporaryPassword, user } = res.data!.resetUserPassword;
      expect(temporaryPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(user).toMatchObject({ id: judge.id, mustChangePassword: true, active: true });
      const stored = await row(judge.id);
      expect(stored.hash.startsWith('$argon2id$')).toBe(true);
      expect(stored.hash).not.toContain(temporaryPassword);
      expectRefused(await app.gql(ME, {}, judge.token), 'UNAUTHENTICATED', 'TOKEN_REVOKED');
      expectRefused(await login(judge.email, PASSWORD), 'UNAUTHENTICATED', 'INVALID_CREDENTIALS');
      expect(await records(judge.id)).toEqual([
        { action: 'CREATED', actor_id: organiser.id },
        { action: 'PASSWORD_RESET', actor_id: organiser.id },
      ]);
      // the answer is the only place it ever appears
      const listed = await app.gql(RECORDS, { u: judge.id }, organiser.token);
      expect(JSON.stringify(listed.body)).not.toContain(temporaryPassword);
    });

    it('forces a change: the temporary password is good for me, changePassword and signOut only', async () => {
      const peer = await person('ORGANISER');
      const reset = await app.gql(RESET, { id: peer.id }, admin);
      const temporary = reset.data!.resetUserPassword.temporaryPassword;

      const signedIn = await login(peer.email, temporary);
      expect(signedIn.errors).toBeUndefined();
      expect(signedIn.data!.login).toMatchObject({
        mustChangePassword: true,
        user: { mustChangePassword: true },
      });
      const token = signedIn.data!.login.token;
      expect((await app.gql(ME, {}, token)).data!.me).toMatchObject({ mustChangePassword: true });
      expectRefused(await app.gql(USERS, {}, token), 'FORBIDDEN', 'MUST_CHANGE_PASSWORD');
      expectRefused(
        await app.gql('{regions{code}}', {}, token),
        'FORBIDDEN',
        'MUST_CHANGE_PASSWORD',
      );
      const http = await template(token);
      expect(http.status).toBe(403);
      expect(http.body).toMatchObject({ code: 'FORBIDDEN', reason: 'MUST_CHANGE_PASSWORD' });

      expectRefused(
        await app.gql(CHANGE_PASSWORD, { o: temporary, n: temporary }, token),
        'BAD_USER_INPUT',
        'SAME_PASSWORD',
      );
      const changed = await app.gql(
        CHANGE_PASSWORD,
        { o: temporary, n: 'my own new password' },
        token,
      );
      expect(changed.errors).toBeUndefined();
      const after = await login(peer.email, 'my own new password');
      expect(after.data!.login.mustChangePassword).toBe(false);
      expect((await app.gql(USERS, {}, after.data!.login.token)).errors).toBeUndefined();
      expect((await row(peer.id)).must).toBe(0);
    });

    it('forgives the failed sign-ins that locked the user out', async () => {
      const judge = await person('JUDGE');
      for (let i = 0; i < 10; i++) await login(judge.email, `wrong ${i}`);
      expectRefused(await login(judge.email, PASSWORD), 'RATE_LIMITED', 'TOO_MANY_FAILED_LOGINS');
      const reset = await app.gql(RESET, { id: judge.id }, organiser.token);
      const signedIn = await login(judge.email, reset.data!.resetUserPassword.temporaryPassword);
      expect(signedIn.errors).toBeUndefined();
    });
  });

  describe('who may do it', () => {
    it('an organiser cannot deactivate, reactivate or reset an ORGANISER or an ADMIN', async () => {
      const peer = await person('ORGANISER');
      const before = await row(peer.id);
      for (const target of [peer.id, adminId]) {
        for (const mutation of [DEACTIVATE, REACTIVATE, RESET]) {
          expectRefused(
            await app.gql(mutation, { id: target }, organiser.token),
            'FORBIDDEN',
            'ROLE_NOT_ALLOWED',
          );
        }
      }
      expect(await row(peer.id)).toEqual(before);
      expect((await records(peer.id)).map((r) => r.action)).toEqual(['CREATED']);
      expect((await app.gql(ME, {}, peer.token)).data!.me.id).toBe(peer.id);
    });

    it('an organiser cannot touch an ENTRANT user; an admin can', async () => {
      const entrant = await app.gql(
        'mutation($input:RegisterEntrantInput!){registerEntrant(input:$input){user{id}}}',
        {
          input: {
            email: `people-entrant-${++serial}@example.com`,
            password: PASSWORD,
            name: '个人参展者',
            type: 'INDIVIDUAL',
            regionCode: '450100',
          },
        },
      );
      const id = entrant.data!.registerEntrant.user.id;
      expectRefused(
        await app.gql(DEACTIVATE, { id }, organiser.token),
        'FORBIDDEN',
        'ROLE_NOT_ALLOWED',
      );
      expect((await app.gql(DEACTIVATE, { id }, admin)).data!.deactivateUser.active).toBe(false);
    });

    it('an admin administers organisers and admins', async () => {
      const peer = await person('ORGANISER');
      const second = await person('ADMIN');
      expect((await app.gql(RESET, { id: peer.id }, admin)).errors).toBeUndefined();
      expect((await app.gql(DEACTIVATE, { id: second.id }, admin)).errors).toBeUndefined();
      expect((await app.gql(REACTIVATE, { id: second.id }, admin)).errors).toBeUndefined();
      expect((await records(second.id)).map((r) => r.actor_id)).toEqual([
        adminId,
        adminId,
        adminId,
      ]);
    });

    it('nobody deactivates or resets its own account', async () => {
      for (const [token, id] of [
        [organiser.token, organiser.id],
        [admin, adminId],
      ]) {
        expectRefused(await app.gql(DEACTIVATE, { id }, token), 'FORBIDDEN', 'OWN_ACCOUNT');
        expectRefused(await app.gql(RESET, { id }, token), 'FORBIDDEN', 'OWN_ACCOUNT');
      }
      expect(await row(adminId)).toMatchObject({ active: 1, must: 0 });
      expect(await records(adminId)).toEqual([]);
    });

    it('judges, coordinators and entrants may not call it; records are for organisers', async () => {
      const judge = await person('JUDGE');
      const victim = await person('JUDGE');
      for (const mutation of [DEACTIVATE, REACTIVATE, RESET]) {
        expectRefused(
          await app.gql(mutation, { id: victim.id }, judge.token),
          'FORBIDDEN',
          'ROLE_NOT_ALLOWED',
        );
      }
      expectRefused(await app.gql(RECORDS, {}, judge.token), 'FORBIDDEN', 'ROLE_NOT_ALLOWED');
      expectRefused(await app.gql(RECORDS, {}), 'UNAUTHENTICATED', 'AUTHENTICATION_REQUIRED');
    });

    it('an id that is no user is NOT_FOUND, one that is no id INVALID_ID', async () => {
      expectRefused(
        await app.gql(DEACTIVATE, { id: randomUUID() }, organiser.token),
        'NOT_FOUND',
        'USER_NOT_FOUND',
      );
      expectRefused(
        await app.gql(RESET, { id: 'not-an-id' }, organiser.token),
        'BAD_USER_INPUT',
        'INVALID_ID',
      );
      expectRefused(
        await app.gql(RECORDS, { u: 'not-an-id' }, organiser.token),
        'BAD_USER_INPUT',
        'INVALID_ID',
      );
    });
  });

  describe('the last active admin', () => {
    it('is kept: an admin whose own deactivation another process made cannot deactivate the last one', async () => {
      // Through the API this only happens in a race (test/hostile/races-people.e2e-spec.ts):
      // every other order is refused as OWN_ACCOUNT. Here the service meets it directly, as a
      // request let in a moment before its admin was deactivated elsewhere would.
      const a = await person('ADMIN');
      const b = await person('ADMIN');
      const others = await app.sql<{ id: string }>(
        "SELECT id FROM users WHERE role = 'ADMIN' AND id NOT IN (?, ?)",
        [a.id, b.id],
      );
      await app.sql(`UPDATE users SET active = 0 WHERE id IN (?)`, [
        [a.id, ...others.map((o) => o.id)],
      ]);
      const service = app.api.get(UserAdminService);
      const ctx = {
        viewer: { userId: a.id, role: Role.ADMIN, entrantId: null, regionCode: null },
        requestId: 'test',
        ip: '127.0.0.1',
      };
      await expect(service.deactivate(ctx, b.id)).rejects.toMatchObject({
        code: 'CONFLICT',
        reason: 'LAST_ACTIVE_ADMIN',
      });
      expect(await row(b.id)).toMatchObject({ active: 1 });
      expect((await records(b.id)).map((r) => r.action)).toEqual(['CREATED']);
      // put the admins back for the tests after this one
      await app.sql(`UPDATE users SET active = 1 WHERE id IN (?)`, [
        [a.id, ...others.map((o) => o.id)],
      ]);
    });
  });

  describe('the records', () => {
    it('are listed newest first, with who did what to whom, for one user or all', async () => {
      const judge = await person('JUDGE', organiser.token);
      await app.gql(DEACTIVATE, { id: judge.id }, organiser.token);
      await app.gql(REACTIVATE, { id: judge.id }, admin);
      const mine = await app.gql(RECORDS, { u: judge.id }, organiser.token);
      expect(mine.errors).toBeUndefined();
      expect(
        mine.data!.userAdminRecords.map((r: any) => [r.action, r.user.id, r.actor.role]),
      ).toEqual([
        ['REACTIVATED', judge.id, 'ADMIN'],
        ['DEACTIVATED', judge.id, 'ORGANISER'],
        ['CREATED', judge.id, 'ORGANISER'],
      ]);
      const all = await app.gql(RECORDS, {}, admin);
      const ats = all.data!.userAdminRecords.map((r: { at: string }) => Date.parse(r.at));
      expect(ats).toEqual([...ats].sort((x, y) => y - x));
      expect(all.data!.userAdminRecords[0].action).toBe('REACTIVATED');
    });
  });
});
