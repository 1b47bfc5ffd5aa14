import { Agent, request } from 'node:http';

export interface GraphQLBody<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/**
 * Simulated tablets' HTTP: node:http with kept-alive connections. The benches' clients share the
 * machine's cores with the API and the database, so they should cost as little as they can; fetch
 * spends about twice the CPU per request (measured with the sheets bench: 593 → 760 sheets/s for
 * the same server when its client moved from fetch to this).
 */
export function keptAliveAgent(sockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets });
}

/** POSTs one GraphQL request to `url` and answers the parsed body (data and/or errors). */
export function postGraphQL<T = any>(
  agent: Agent,
  url: string,
  token: string | null,
  query: string,
  variables: unknown,
): Promise<GraphQLBody<T>> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLBody<T>);
          } catch (error) {
            reject(error as Error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
