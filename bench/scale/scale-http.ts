import { keptAliveAgent, postGraphQL } from '../graphql-over-http';

/** GraphQL over HTTP against the API process, as a tablet or the organisers' client sends it. */
export class GraphQLError extends Error {
  constructor(readonly errors: Array<{ message: string; extensions?: Record<string, unknown> }>) {
    super(JSON.stringify(errors));
  }

  get code(): unknown {
    return this.errors[0]?.extensions?.code;
  }

  get reason(): unknown {
    return this.errors[0]?.extensions?.reason;
  }
}

export class ScaleClient {
  /** GraphQL over kept-alive node:http connections (cheaper than fetch: graphql-over-http.ts). */
  private readonly agent = keptAliveAgent(256);

  constructor(readonly baseUrl: string) {}

  async gql<T = any>(token: string | null, query: string, variables: unknown = {}): Promise<T> {
    const body = await postGraphQL<T>(
      this.agent,
      `${this.baseUrl}/graphql`,
      token,
      query,
      variables,
    );
    if (body.errors) throw new GraphQLError(body.errors);
    return body.data as T;
  }

  /** Closes the kept-alive connections (the API waits for open ones when it stops). */
  close(): void {
    this.agent.destroy();
  }

  async login(email: string, password: string): Promise<string> {
    const data = await this.gql<{ login: { token: string } }>(
      null,
      'mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}',
      { e: email, p: password },
    );
    return data.login.token;
  }

  /** POST /api/entries/{id}/images: one JPEG in the field `file` (docs/http.md). */
  async upload(token: string, entryId: string, bytes: Buffer, name: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'image/jpeg' }), name);
    const res = await fetch(`${this.baseUrl}/api/entries/${entryId}/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`upload to ${entryId}: ${res.status} ${text}`);
    return (JSON.parse(text) as { id: string }).id;
  }
}

/** Runs `work` over `items` with at most `limit` at once, in order of the items. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
}

/** Polls `probe` until it answers a value; throws after `timeoutMs`. */
export async function until<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
