import { randomUUID } from 'node:crypto';
import {
  CREATE_USER,
  ENTRY,
  UPDATE_ENTRY,
  WITHDRAW_ENTRY,
  SCREEN_ENTRY,
  entryInput,
} from '@app/testing';
import {
  gqlAnswer,
  gqlRefusal,
  HostileCase,
  describeHostile,
  handMadeJwt,
  httpAnswer,
  httpRefusal,
} from './hostile';
import { judgingWorld, JudgingWorld, ROUND_INPUT, scores, SUBMIT } from './judging-world';

/**
 * Every role against other people's ids, and tokens that are not what they claim: refused with
 * the contract's code, never a 500, never a row.
 */

type W = JudgingWorld;

const gql = async (w: W, query: string, variables: Record<string, unknown>, token?: string) =>
  gqlAnswer(await w.app.gql(query, variables, token));

const RESULTS = 'query($id:ID!){roundResults(roundId:$id){entry{id} score rank}}';
const AUDIT = 'query($e:ID!){auditLog(eventId:$e){id action detail}}';
const ME = '{me{id role}}';
const now = () => Math.floor(Date.now() / 1000);

/** A real token of the owner with its payload swapped for the admin's id (signature kept). */
function forgedPayload(w: W): string {
  const [header, , signature] = w.owner.token.split('.');
  const claims = { sub: w.adminId, tv: 0, role: 'ADMIN', iat: now(), exp: now() + 3600 };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

const CASES: Array<HostileCase<W>> = [
  // Entrants and other entrants' ids
  {
    name: "entrant B reads entrant A's entry",
    send: (w) => gql(w, ENTRY, { id: w.ownerEntryIds[0] }, w.stranger.token),
    expect: gqlRefusal('NOT_FOUND', 'ENTRY_NOT_FOUND'),
  },
  {
    name: "entrant A changes entrant B's draft",
    send: async (w) => {
      const [row] = await w.app.sql<{ categoryId: string }>(
        'SELECT category_id AS categoryId FROM entries WHERE id = ?',
        [w.strangerEntryId],
      );
      return gql(
        w,
        UPDATE_ENTRY,
        { id: w.strangerEntryId, entry: entryInput(row.categoryId, { title: '冒名' }) },
        w.owner.token,
      );
    },
    expect: gqlRefusal('NOT_FOUND', 'ENTRY_NOT_FOUND'),
  },
  {
    name: "entrant B withdraws entrant A's entry",
    send: (w) => gql(w, WITHDRAW_ENTRY, { id: w.ownerEntryIds[0] }, w.stranger.token),
    expect: gqlRefusal('NOT_FOUND', 'ENTRY_NOT_FOUND'),
  },
  {
    name: "entrant B deletes entrant A's photo",
    send: (w) =>
      gql(w, 'mutation($id:ID!){deleteImage(id:$id)}', { id: w.ownerImageId }, w.stranger.token),
    expect: gqlRefusal('NOT_FOUND', 'IMAGE_NOT_FOUND'),
  },
  {
    name: "entrant B reorders entrant A's photos",
    send: (w) =>
      gql(
        w,
        'mutation($e:ID!,$ids:[ID!]!){reorderImages(entryId:$e,imageIds:$ids){id}}',
        { e: w.ownerEntryIds[0], ids: [w.ownerImageId] },
        w.stranger.token,
      ),
    expect: gqlRefusal('NOT_FOUND', 'ENTRY_NOT_FOUND'),
  },
  {
    name: 'entrant B files an entry in the name of entrant A',
    send: async (w) => {
      const [row] = await w.app.sql<{ categoryId: string }>(
        'SELECT category_id AS categoryId FROM entries WHERE id = ?',
        [w.strangerEntryId],
      );
      return gql(
        w,
        'mutation($input:CreateEntryInput!){createEntry(input:$input){id}}',
        {
          input: {
            eventId: w.eventId,
            entrantId: w.owner.entrantId,
            entry: entryInput(row.categoryId),
          },
        },
        w.stranger.token,
      );
    },
    expect: gqlRefusal('FORBIDDEN', 'NOT_YOUR_ENTRY'),
  },
  {
    name: 'an entrant screens (accepts) its own entry',
    send: (w) => gql(w, SCREEN_ENTRY, { id: w.strangerEntryId, d: 'ACCEPT' }, w.stranger.token),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  {
    name: 'an entrant makes itself an admin',
    send: (w) =>
      gql(
        w,
        CREATE_USER,
        {
          input: {
            email: 'me-admin@example.com',
            password: 'correct horse battery',
            name: '自封',
            role: 'ADMIN',
          },
        },
        w.owner.token,
      ),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  // An entrant asking for results, scores and the audit
  {
    name: 'an entrant reads the round results',
    send: (w) => gql(w, RESULTS, { id: w.closedRoundId }, w.owner.token),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  {
    name: 'an entrant reads the judges’ quality figures',
    send: (w) =>
      gql(
        w,
        'query($id:ID!){judgeQuality(roundId:$id){judges{meanTotal}}}',
        { id: w.closedRoundId },
        w.owner.token,
      ),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  {
    name: 'an entrant reads the audit log (every score in it)',
    send: (w) => gql(w, AUDIT, { e: w.eventId }, w.owner.token),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  {
    name: 'an entrant verifies the audit chain',
    send: (w) =>
      gql(w, 'query($e:ID!){verifyAuditChain(eventId:$e){ok}}', { e: w.eventId }, w.owner.token),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  {
    name: 'an entrant downloads the results CSV',
    send: async (w) =>
      httpAnswer(
        await w.app
          .http()
          .get(`/api/rounds/${w.closedRoundId}/results.csv`)
          .set('authorization', `Bearer ${w.owner.token}`),
      ),
    expect: httpRefusal(403, 'FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  {
    name: 'an entrant lists the users',
    send: (w) => gql(w, '{users{id email role}}', {}, w.owner.token),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  // Judges
  {
    name: 'judge 2 reads the entry only judge 1 is assigned',
    send: (w) => gql(w, ENTRY, { id: w.scored.entryId }, w.judge2),
    expect: gqlRefusal('NOT_FOUND', 'ENTRY_NOT_FOUND'),
  },
  {
    name: "judge 2 overwrites judge 1's sheet (naming its version)",
    send: (w) =>
      gql(
        w,
        SUBMIT,
        {
          input: {
            assignmentId: w.scored.assignmentId,
            scores: scores(1, 1),
            clientMutationId: randomUUID(),
            baseVersion: 2,
          },
        },
        w.judge2,
      ),
    expect: gqlRefusal('FORBIDDEN', 'NOT_ASSIGNED'),
  },
  {
    name: "judge 2 replays judge 1's clientMutationId to read the stored sheet back",
    send: (w) =>
      gql(
        w,
        SUBMIT,
        {
          input: {
            assignmentId: w.scored.assignmentId,
            scores: scores(8, 7),
            clientMutationId: w.scoredKey,
          },
        },
        w.judge2,
      ),
    expect: gqlRefusal('FORBIDDEN', 'NOT_ASSIGNED'),
  },
  {
    name: "judge 2 recuses judge 1's assignment",
    send: (w) =>
      gql(
        w,
        'mutation($id:ID!,$r:String!){recuse(assignmentId:$id,reason:$r){id}}',
        { id: w.pending1, r: '替他回避' },
        w.judge2,
      ),
    expect: gqlRefusal('FORBIDDEN', 'NOT_ASSIGNED'),
  },
  {
    name: 'a judge reads the round results',
    send: (w) => gql(w, RESULTS, { id: w.closedRoundId }, w.judge1),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  {
    name: 'a judge changes the round it judges',
    send: (w) =>
      gql(
        w,
        'mutation($id:ID!,$input:CreateRoundInput!){updateRound(id:$id,input:$input){id}}',
        { id: w.draftRoundId, input: ROUND_INPUT(w.eventId) },
        w.judge1,
      ),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  {
    name: 'a judge publishes results',
    send: (w) =>
      gql(
        w,
        'mutation($r:ID!,$n:DateTime!){publishResults(roundId:$r,noticeEndsAt:$n){id}}',
        { r: w.closedRoundId, n: new Date(Date.now() + 864e5).toISOString() },
        w.judge1,
      ),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  // Coordinators
  {
    name: "a coordinator counts another region's entries",
    send: (w) =>
      gql(
        w,
        'query($e:ID!,$r:String){entrySummary(eventId:$e,regionCode:$r){total}}',
        { e: w.eventId, r: '450700' },
        w.coordinatorElsewhere,
      ),
    expect: gqlRefusal('FORBIDDEN', 'NOT_YOUR_REGION'),
  },
  {
    name: "a coordinator reads another region's entry",
    send: (w) => gql(w, ENTRY, { id: w.ownerEntryIds[0] }, w.coordinatorElsewhere),
    expect: gqlRefusal('NOT_FOUND', 'ENTRY_NOT_FOUND'),
  },
  {
    name: 'a coordinator changes an entry of its own region',
    send: async (w) => {
      const [row] = await w.app.sql<{ categoryId: string }>(
        'SELECT category_id AS categoryId FROM entries WHERE id = ?',
        [w.ownerEntryIds[0]],
      );
      return gql(
        w,
        UPDATE_ENTRY,
        { id: w.ownerEntryIds[0], entry: entryInput(row.categoryId, { title: '改名' }) },
        w.coordinatorHere,
      );
    },
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  {
    name: 'a coordinator creates a judge',
    send: (w) =>
      gql(
        w,
        CREATE_USER,
        {
          input: {
            email: 'coord-judge@example.com',
            password: 'correct horse battery',
            name: '评委',
            role: 'JUDGE',
          },
        },
        w.coordinatorHere,
      ),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  {
    name: 'an organiser creates an admin',
    send: (w) =>
      gql(
        w,
        CREATE_USER,
        {
          input: {
            email: 'org-admin@example.com',
            password: 'correct horse battery',
            name: '管理',
            role: 'ADMIN',
          },
        },
        w.organiser,
      ),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  // Tokens that are not what they claim
  {
    name: "a real token's payload swapped for the admin's (role ADMIN claimed)",
    send: (w) => gql(w, ME, {}, forgedPayload(w)),
    expect: gqlRefusal('UNAUTHENTICATED', 'INVALID_TOKEN'),
  },
  {
    name: 'a token for the admin signed with another secret',
    send: (w) =>
      gql(
        w,
        ME,
        {},
        handMadeJwt(
          { alg: 'HS256', typ: 'JWT' },
          { sub: w.adminId, tv: 0, iat: now(), exp: now() + 3600 },
          'guessed-secret',
        ),
      ),
    expect: gqlRefusal('UNAUTHENTICATED', 'INVALID_TOKEN'),
  },
  {
    name: 'alg "none", no signature',
    send: (w) =>
      gql(
        w,
        ME,
        {},
        handMadeJwt(
          { alg: 'none', typ: 'JWT' },
          { sub: w.adminId, tv: 0, iat: now(), exp: now() + 3600 },
        ),
      ),
    expect: gqlRefusal('UNAUTHENTICATED', 'INVALID_TOKEN'),
  },
  {
    name: 'HS512 with the right secret (only HS256 is accepted)',
    send: (w) =>
      gql(
        w,
        ME,
        {},
        handMadeJwt(
          { alg: 'HS512', typ: 'JWT' },
          { sub: w.adminId, tv: 0, iat: now(), exp: now() + 3600 },
          w.app.config.jwtSecret,
        ),
      ),
    expect: gqlRefusal('UNAUTHENTICATED', 'INVALID_TOKEN'),
  },
  {
    name: 'an expired token, rightly signed',
    send: (w) =>
      gql(
        w,
        ME,
        {},
        handMadeJwt(
          { alg: 'HS256', typ: 'JWT' },
          { sub: w.owner.userId, tv: 0, iat: now() - 7200, exp: now() - 3600 },
          w.app.config.jwtSecret,
        ),
      ),
    expect: gqlRefusal('UNAUTHENTICATED', 'TOKEN_EXPIRED'),
  },
  {
    name: 'a rightly signed token of an older token version (before a password change)',
    send: (w) =>
      gql(
        w,
        ME,
        {},
        handMadeJwt(
          { alg: 'HS256', typ: 'JWT' },
          { sub: w.owner.userId, tv: -1, iat: now(), exp: now() + 3600 },
          w.app.config.jwtSecret,
        ),
      ),
    expect: gqlRefusal('UNAUTHENTICATED', 'TOKEN_REVOKED'),
  },
  {
    name: 'a rightly signed token of a user who does not exist',
    send: (w) =>
      gql(
        w,
        ME,
        {},
        handMadeJwt(
          { alg: 'HS256', typ: 'JWT' },
          { sub: randomUUID(), tv: 0, iat: now(), exp: now() + 3600 },
          w.app.config.jwtSecret,
        ),
      ),
    expect: gqlRefusal('UNAUTHENTICATED', 'TOKEN_REVOKED'),
  },
  {
    name: 'a bad token on a public operation',
    send: (w) =>
      gql(
        w,
        'query($s:String!){publishedResults(eventSlug:$s){id}}',
        { s: 'hostile-judging' },
        'x.y.z',
      ),
    expect: gqlRefusal('UNAUTHENTICATED', 'INVALID_TOKEN'),
  },
  {
    name: 'no token asking for results',
    send: (w) => gql(w, RESULTS, { id: w.closedRoundId }),
    expect: gqlRefusal('UNAUTHENTICATED', 'AUTHENTICATION_REQUIRED'),
  },
];

describeHostile('hostile input: authorization', 'authorization', judgingWorld, CASES);
