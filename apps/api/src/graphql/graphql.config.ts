import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ModuleRef } from '@nestjs/core';
import { AppConfig, systemCtx } from '@app/core';
import { EntriesLoaders } from '@app/entries';
import { EventsLoaders } from '@app/events';
import { JudgingLoaders } from '@app/judging';
import { IdentityLoaders, RequestGqlContext } from '@app/identity';
import type { AuthedRequest } from '@app/identity';
import { accountCreationLimitPlugin } from './account-creation-limit';
import { errorLoggingPlugin, MAX_QUERY_TOKENS, queryLimitsPlugin } from './hardening';
import { formatGraphqlError } from './format-error';

/** The GraphQL context of one request: the request, its RequestCtx and a fresh set of loaders. */
export interface GqlContext extends RequestGqlContext {
  loaders: {
    identity: ReturnType<IdentityLoaders['create']>;
    events: ReturnType<EventsLoaders['create']>;
    entries: ReturnType<EntriesLoaders['create']>;
    judging: ReturnType<JudgingLoaders['create']>;
  };
}

export function graphqlOptions(
  config: AppConfig,
  moduleRef: ModuleRef,
  identityLoaders: IdentityLoaders,
  eventsLoaders: EventsLoaders,
  entriesLoaders: EntriesLoaders,
  judgingLoaders: JudgingLoaders,
): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // Introspection and the IDE only outside production (NODE_ENV, docs/configuration.md).
    introspection: !config.production,
    // Without introspection, "Did you mean …?" in validation errors would still spell out the schema.
    hideSchemaDetailsFromClientErrors: config.production,
    playground: false,
    graphiql: !config.production,
    csrfPrevention: true,
    // A query text longer than any real one is refused while parsing (TOO_MANY_TOKENS).
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatGraphqlError(formatted, error, config.production),
    plugins: [
      // Apollo's cache-control plugin hooks every resolved field (about 1,500 for a page of
      // 100 entries) for HTTP caching we do not use: off.
      ApolloServerPluginCacheControlDisabled(),
      queryLimitsPlugin(() => moduleRef.get(GraphQLSchemaHost, { strict: false }).schema),
      accountCreationLimitPlugin(() => moduleRef.get(GraphQLSchemaHost, { strict: false }).schema),
      errorLoggingPlugin(),
    ],
    context: ({ req }: { req: AuthedRequest }): GqlContext => {
      // Loaders read as the system: who may see a row is decided in the field resolvers.
      const ctx = systemCtx(req.requestId ?? 'unknown');
      return Object.assign(new RequestGqlContext(req), {
        loaders: {
          identity: identityLoaders.create(ctx),
          events: eventsLoaders.create(ctx),
          entries: entriesLoaders.create(ctx),
          judging: judgingLoaders.create(ctx),
        },
      });
    },
  };
}
