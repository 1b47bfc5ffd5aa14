/**
 * V8 flags the API process runs with: `npm start` (the launcher), `npm run start:api`, the Docker
 * image's command and the benches pass them (processes forked for API_PROCESSES inherit them);
 * test/processes.e2e-spec.ts checks the first three.
 *
 * A larger young generation: with a hundred tablets' requests in flight, much of what a request
 * allocates is still alive at the next scavenge, so the default 16 MB semi-spaces made V8
 * scavenge every ~40 ms (about 6 ms each, 14 % of the API's time, every in-flight request waiting
 * on it) and promote short-lived objects into the old space (a full collection every few
 * seconds). With 64 MB under the sheets bench: 228 scavenges instead of 751, half the time in
 * them, 6 full collections instead of 13, and 0.40–0.42 instead of 0.44 ms of API CPU per sheet. It
 * costs up to 128 MB more of address space, committed only as the young generation grows.
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
