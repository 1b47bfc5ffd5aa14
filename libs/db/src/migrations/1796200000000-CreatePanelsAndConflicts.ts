import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Panels of a round (their categories and judges) and declared conflicts of interest. A judge
 * sits on one panel of a round (`UQ_panel_judges_round_judge`); a conflict ties a judge to an
 * entrant, for every event.
 */
export class CreatePanelsAndConflicts1796200000000 implements MigrationInterface {
  name = 'CreatePanelsAndConflicts1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`panels\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`round_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`name\` varchar(200) NOT NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      UNIQUE INDEX \`UQ_panels_round_name\` (\`round_id\`, \`name\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_panels_round\` FOREIGN KEY (\`round_id\`) REFERENCES \`rounds\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`panel_categories\` (
      \`panel_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`category_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`position\` int NOT NULL,
      PRIMARY KEY (\`panel_id\`, \`category_id\`),
      CONSTRAINT \`FK_panel_categories_panel\` FOREIGN KEY (\`panel_id\`) REFERENCES \`panels\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT \`FK_panel_categories_category\` FOREIGN KEY (\`category_id\`) REFERENCES \`categories\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`panel_judges\` (
      \`panel_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`judge_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`round_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`position\` int NOT NULL,
      UNIQUE INDEX \`UQ_panel_judges_round_judge\` (\`round_id\`, \`judge_id\`),
      PRIMARY KEY (\`panel_id\`, \`judge_id\`),
      CONSTRAINT \`FK_panel_judges_panel\` FOREIGN KEY (\`panel_id\`) REFERENCES \`panels\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT \`FK_panel_judges_judge\` FOREIGN KEY (\`judge_id\`) REFERENCES \`users\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT \`FK_panel_judges_round\` FOREIGN KEY (\`round_id\`) REFERENCES \`rounds\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`conflicts\` (
      \`judge_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entrant_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`reason\` varchar(1000) NULL,
      \`declared_by\` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (\`judge_id\`, \`entrant_id\`),
      CONSTRAINT \`FK_conflicts_judge\` FOREIGN KEY (\`judge_id\`) REFERENCES \`users\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT \`FK_conflicts_entrant\` FOREIGN KEY (\`entrant_id\`) REFERENCES \`entrants\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `conflicts`');
    await q.query('DROP TABLE `panel_judges`');
    await q.query('DROP TABLE `panel_categories`');
    await q.query('DROP TABLE `panels`');
  }
}
