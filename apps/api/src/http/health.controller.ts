import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { lastHeartbeatAgeSeconds, REDIS_CLIENT, RedisClient } from '@app/queue';
import { Public } from '@app/identity';

const CHECK_TIMEOUT_MS = 2_000;

interface Check {
  ok: boolean;
  error?: string;
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

async function check(work: () => Promise<unknown>): Promise<Check> {
  try {
    await withTimeout(work());
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** docs/http.md: live while the process runs; ready when MySQL and Redis answer (503 naming which did not). */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const [mysql, redis] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(async () => {
        await this.redis.whenReady(1_000);
        await this.redis.redis.ping();
      }),
    ]);
    const worker = redis.ok
      ? await withTimeout(lastHeartbeatAgeSeconds(this.redis.redis, this.redis.prefix)).catch(
          () => null,
        )
      : null;
    const ready = mysql.ok && redis.ok;
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ready ? 'ready' : 'unavailable',
      mysql,
      redis,
      // For information only: readiness does not depend on a worker being up.
      worker: {
        lastHeartbeatAgeSeconds: worker?.ageSeconds ?? null,
        workers: worker?.workers ?? 0,
      },
    };
  }
}
