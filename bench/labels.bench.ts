import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '@app/core';
import { DocumentFonts, ExhibitLabel, LabelLayoutName, renderLabelSheet } from '@app/documents';
import { summarise } from './stats';

/** The entries of a large provincial crafts exhibition (issue 20's figure). */
const LABELS = 557;
const RUNS = 3;
const SEED = 0x1abe1;
/** The organiser watches the progress bar: a whole event's labels within 10 s of one core. */
const TARGET_SECONDS = 10;
const LAYOUTS: LabelLayoutName[] = ['2x4', '3x7'];

const WORDS = ['坭兴陶', '壮锦', '铜鼓纹', '绣球', '竹编', '银饰', '木雕', '刺绣', '瑶族', '侗族'];

/** Titles as entries have them: mostly short, one in five long, one in fifty with 𠮷. */
function labels(): ExhibitLabel[] {
  const random = mulberry32(SEED);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)];
  return Array.from({ length: LABELS }, (_, i) => {
    const long = random() < 0.2;
    const rare = random() < 0.02 ? '𠮷' : '';
    const title = long
      ? `${rare}${pick()}${pick()}工艺的传承与创新——${pick()}${pick()}系列作品之${i + 1}（套件，含底座与说明）`
      : `${rare}${pick()}${pick()}作品${i + 1}`;
    const leaf = 1 + (i % 12);
    return {
      code: `C${String(leaf).padStart(2, '0')}-${String(1 + ((i * 7919) % 9999)).padStart(4, '0')}`,
      title,
      category: `工艺美术 / 第${leaf}类`,
    };
  }).sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/**
 * `renderLabelSheet` for 557 labels in each layout, as the worker's job runs it (fonts parsed
 * once per process, as in the worker): wall time and bytes. The job adds one SELECT and one
 * storage write to this.
 */
export async function labelsBench(): Promise<void> {
  const fonts = new DocumentFonts();
  fonts.faces();
  const data = { eventName: '2026年广西工艺美术作品展', labels: labels() };
  const options = { publicUrl: 'https://awards.example.org' };
  await renderLabelSheet(fonts, data, { ...options, layout: '2x4' }); // warm-up
  const results = [];
  for (const layout of LAYOUTS) {
    const samples: number[] = [];
    let bytes = 0;
    let pages = 0;
    for (let i = 0; i < RUNS; i++) {
      pages = 0;
      const started = performance.now();
      const pdf = await renderLabelSheet(fonts, data, {
        ...options,
        layout,
        onProgress: () => void pages++,
      });
      samples.push(performance.now() - started);
      bytes = pdf.length;
    }
    results.push({ layout, pages, bytes, ms: summarise(samples) });
  }
  const worstSeconds = Math.max(...results.map((r) => r.ms.p50)) / 1000;
  const report = {
    bench: 'labels',
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? null,
    labels: LABELS,
    seed: SEED,
    targets: { seconds: TARGET_SECONDS },
    worstSeconds,
    peakRssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    results,
  };
  writeFileSync(
    join(__dirname, '..', '..', 'bench', 'results', 'labels.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  process.stdout.write(
    `\nexhibit labels: ${LABELS} labels\n` +
      results
        .map(
          (r) =>
            `  ${r.layout}: ${r.pages} pages, ${Math.round(r.bytes / 1024)} KB, p50 ${r.ms.p50} ms (${RUNS} runs)\n`,
        )
        .join('') +
      `worst p50 ${worstSeconds} s (target <= ${TARGET_SECONDS} s)\nwritten to bench/results/labels.json\n`,
  );
}
