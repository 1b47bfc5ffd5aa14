import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { RequestCtx, Role, systemCtx, withManager } from '@app/core';
import {
  EntryScreeningService,
  EntryService,
  ImageUploadService,
  ScreeningDecision,
  StagedOriginal,
} from '@app/entries';
import { CategoryService, EventKind, EventService, EventStatus } from '@app/events';
import { AuthService, EntrantType, RegionService, UserService } from '@app/identity';
import { completeCreditCode, GUANGXI_CITIES } from '@app/validators';
import {
  CATEGORY_PARENTS,
  CRAFTSPEOPLE,
  CREATORS,
  DEMO_CATEGORIES,
  DEMO_PASSWORD,
  DEMO_EVENT,
  DISQUALIFICATIONS,
  ENTERPRISES,
  INSTITUTIONS,
  MATERIALS,
  PATENTS,
  REJECTIONS,
  TECHNIQUES,
  TITLES,
} from './demo-data';
import { prng } from './demo-random';
import { SeedDemoJudgingService } from './seed-demo-judging.service';
import { DemoResultsService, JudgingFigures } from './seed-demo-results.service';

export { DEMO_PASSWORD };

const COORDINATORS = [
  ['450100', 'coordinator-nanning@example.com'],
  ['450700', 'coordinator-qinzhou@example.com'],
] as const;

/** Who can sign in to the demo (password DEMO_PASSWORD, the admin's own). */
function signInsOf(adminEmail: string): string[] {
  return [
    `${adminEmail} (ADMIN)`,
    'organiser@example.com (ORGANISER)',
    ...COORDINATORS.map(([city, email]) => `${email} (COORDINATOR ${city})`),
    ...ENTERPRISES.slice(0, 3).map(
      (name, i) => `entrant${String(i + 1).padStart(2, '0')}@example.com (ENTRANT ${name})`,
    ),
  ];
}

export interface DemoSummary {
  /** whether this run created the event (with its entrants and entries) */
  created: boolean;
  eventId: string;
  /** entrants and entries by status created by this run */
  entrants: number;
  entries: Record<string, number>;
  signIns: string[];
  /** what this run did for judging, results and publication, in order (empty: nothing left) */
  judging: string[];
  /** the rounds and the publication as they are now */
  figures: JudgingFigures;
}

type EventPart = Pick<DemoSummary, 'created' | 'eventId' | 'entrants' | 'entries'>;

interface Photos {
  staged: StagedOriginal[];
  imageIds: string[];
}

/**
 * `npm run seed:demo`: a crafts exhibition of the 14 Guangxi cities, through the services, so
 * every rule holds and the audit chain is real. Running it again changes nothing.
 * Each entry has a photo. Then judges, two rounds, results and their publication
 * (SeedDemoJudgingService), which resume where an earlier run stopped.
 */
@Injectable()
export class SeedDemoService {
  private readonly logger = new Logger('SeedDemo');

  constructor(
    private readonly regions: RegionService,
    private readonly users: UserService,
    private readonly auth: AuthService,
    private readonly events: EventService,
    private readonly categories: CategoryService,
    private readonly entries: EntryService,
    private readonly screening: EntryScreeningService,
    private readonly uploads: ImageUploadService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly judging: SeedDemoJudgingService,
    private readonly results: DemoResultsService,
  ) {}

  async run(
    adminEmail: string,
    adminPassword: string | undefined,
    now = new Date(),
  ): Promise<DemoSummary> {
    await this.users.ensureBootstrapAdmin(systemCtx('seed-demo'), adminEmail, adminPassword);
    const admin = await this.users.byEmail(systemCtx('seed-demo'), adminEmail);
    if (!admin)
      throw new Error(
        `no admin ${adminEmail}: set ADMIN_PASSWORD so the bootstrap admin can be created`,
      );
    const ctx: RequestCtx = {
      viewer: { userId: admin.id, role: Role.ADMIN, entrantId: null, regionCode: null },
      requestId: 'seed-demo',
      ip: '127.0.0.1',
    };
    const existing = await this.events.visible(ctx, { slug: DEMO_EVENT.slug });
    let event: EventPart;
    if (existing) {
      this.logger.log(`the demo event ${DEMO_EVENT.slug} exists already`);
      event = { created: false, eventId: existing.id, entrants: 0, entries: {} };
    } else {
      event = await this.createEvent(ctx, now);
    }
    const judging = await this.judging.run(ctx, event.eventId);
    return {
      ...event,
      signIns: [...signInsOf(adminEmail), ...this.judging.judgeSignIns()],
      judging,
      figures: await this.results.figures(ctx, event.eventId),
    };
  }

  /** The event, its entrants and entries with photos. */
  private async createEvent(ctx: RequestCtx, now: Date): Promise<EventPart> {
    // One transaction: a run that fails half-way leaves nothing, so the next run starts clean.
    // Photos are stored before it commits: removed again if it fails, rendered once it commits.
    const photos: Photos = { staged: [], imageIds: [] };
    let summary: EventPart;
    try {
      summary = await this.dataSource.transaction((manager) =>
        this.create(withManager(ctx, manager), now, photos),
      );
    } catch (error) {
      for (const staged of photos.staged) await this.uploads.discard(staged);
      throw error;
    }
    await this.uploads.queueRender(photos.imageIds);
    return summary;
  }

  /** A photo of the entry: a plain colour of the seed's palette (small, and the same every run). */
  private async addPhoto(
    ctx: RequestCtx,
    entryId: string,
    seed: number,
    photos: Photos,
    now: Date,
  ) {
    const bytes = await sharp({
      create: {
        width: 1200,
        height: 900,
        channels: 3,
        background: { r: (seed * 53) % 256, g: (seed * 97 + 80) % 256, b: (seed * 29 + 40) % 256 },
      },
    })
      .jpeg({ quality: 85 })
      .toBuffer();
    const staged = await this.uploads.stage(Readable.from([bytes]));
    photos.staged.push(staged);
    const { image } = await this.uploads.add(ctx, entryId, staged, now);
    photos.imageIds.push(image.id);
  }

  private async create(ctx: RequestCtx, now: Date, photos: Photos): Promise<EventPart> {
    const random = prng(20261127);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];

    await this.regions.upsert(
      ctx,
      GUANGXI_CITIES.map((c) => ({ code: c.code, name: c.name })),
    );
    await this.users.create(ctx, {
      email: 'organiser@example.com',
      password: DEMO_PASSWORD,
      name: '陈组委',
      role: Role.ORGANISER,
    });
    for (const [city, email] of COORDINATORS) {
      await this.users.create(ctx, {
        email,
        password: DEMO_PASSWORD,
        // named by the city's name: the people screen shows a name, never a region code
        name: `${GUANGXI_CITIES.find((c) => c.code === city)?.name ?? city}协会联络员`,
        role: Role.COORDINATOR,
        regionCode: city,
      });
    }

    const event = await this.events.create(ctx, {
      ...DEMO_EVENT,
      kind: EventKind.CRAFTS_EXHIBITION,
      submissionOpensAt: new Date(now.getTime() - 30 * 86_400_000),
      submissionClosesAt: new Date(now.getTime() + 30 * 86_400_000),
      maxEntriesPerEntrant: 10,
    });
    const leafIds: Record<string, string> = {};
    for (const parent of DEMO_CATEGORIES) {
      const top = await this.categories.create(ctx, {
        eventId: event.id,
        code: parent.code,
        name: parent.name,
      });
      for (const [code, name] of parent.children) {
        leafIds[code] = (
          await this.categories.create(ctx, { eventId: event.id, code, name, parentId: top.id })
        ).id;
      }
    }
    await this.events.setStatus(ctx, event.id, EventStatus.OPEN);

    const cities = GUANGXI_CITIES.map((c) => c.code);
    const entrants: string[] = [];
    const register = async (type: EntrantType, name: string, index: number) => {
      const regionCode = cities[index % cities.length];
      const email = `entrant${String(index + 1).padStart(2, '0')}@example.com`;
      const creditCode =
        type === EntrantType.INDIVIDUAL
          ? null
          : completeCreditCode(
              `${type === EntrantType.ENTERPRISE ? '91' : '12'}${regionCode}MA${String(index + 1).padStart(6, '0')}`,
            );
      const signedIn = await this.auth.registerEntrant(ctx, {
        email,
        password: DEMO_PASSWORD,
        name,
        type,
        creditCode,
        regionCode,
        contactName: pick(CREATORS),
        phone: `1377${String(1_000_000 + index * 7919).slice(0, 7)}`,
      });
      entrants.push(signedIn.user.entrantId!);
    };
    let index = 0;
    for (const name of ENTERPRISES) await register(EntrantType.ENTERPRISE, name, index++);
    for (const name of INSTITUTIONS) await register(EntrantType.INSTITUTION, name, index++);
    for (const name of CRAFTSPEOPLE) await register(EntrantType.INDIVIDUAL, name, index++);

    const counts: Record<string, number> = {};
    const leafCodes = Object.keys(leafIds);
    for (const [i, entrantId] of entrants.entries()) {
      for (let k = 0; k < 4; k++) {
        const leaf = leafCodes[(i * 3 + k) % leafCodes.length];
        const parent = CATEGORY_PARENTS[leaf];
        const entry = await this.entries.create(
          ctx,
          {
            eventId: event.id,
            entrantId,
            entry: {
              categoryId: leafIds[leaf],
              title: `${pick(TITLES[leaf])}（${i + 1}-${k + 1}）`,
              description: '作品以广西传统工艺为基础，融合现代设计。',
              materials: MATERIALS[parent],
              techniques: TECHNIQUES[parent],
              dimensions: `${20 + Math.floor(random() * 80)}×${20 + Math.floor(random() * 60)} cm`,
              creators: [...new Set([pick(CREATORS), pick(CREATORS)])],
              itemCount: 1 + Math.floor(random() * 5),
              yearCreated: 2020 + Math.floor(random() * 6),
              patentNumbers: random() < 0.15 ? [pick(PATENTS)] : [],
            },
          },
          now,
        );
        await this.addPhoto(ctx, entry.id, i * 4 + k, photos, now);
        const status = await this.advance(ctx, entry.id, random, pick, now);
        counts[status] = (counts[status] ?? 0) + 1;
      }
    }
    return {
      created: true,
      eventId: event.id,
      entrants: entrants.length,
      entries: counts,
    };
  }

  /** Moves a new draft on to a status drawn so that every status is well represented. */
  private async advance(
    ctx: RequestCtx,
    id: string,
    random: () => number,
    pick: <T>(list: readonly T[]) => T,
    now: Date,
  ): Promise<string> {
    const roll = random();
    if (roll < 0.12) return 'DRAFT';
    if (roll < 0.2) return (await this.entries.withdraw(ctx, id, null, now)).status;
    await this.entries.submit(ctx, id, now);
    if (roll < 0.35) return 'SUBMITTED';
    if (roll < 0.47)
      return (await this.screening.screen(ctx, id, ScreeningDecision.REJECT, pick(REJECTIONS)))
        .status;
    await this.screening.screen(ctx, id, ScreeningDecision.ACCEPT, null);
    if (roll < 0.55)
      return (await this.screening.disqualify(ctx, id, pick(DISQUALIFICATIONS))).status;
    return 'ACCEPTED';
  }
}
