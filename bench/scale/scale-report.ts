import type { ScaleReport } from './run-scale';

const pad = (text: string, width: number, right = false) =>
  right ? text.padStart(width) : text.padEnd(width);

/** The table `npm run seed:scale` ends with: one line a stage, then the photos' extrapolation. */
export function scaleTable(report: ScaleReport): string {
  const header = [
    'stage',
    'seconds',
    'count',
    'rate /s',
    'API MB',
    'worker MB',
    'script MB',
    'CPU s api/worker/script/db',
  ];
  const rows = report.stages.map((s) => [
    s.stage,
    s.seconds.toFixed(2),
    `${s.count} ${s.unit}`,
    s.rate === null ? '' : String(s.rate),
    String(s.peakRssMb.api ?? ''),
    String(s.peakRssMb.worker ?? ''),
    String(s.peakRssMb.script ?? ''),
    ['api', 'worker', 'script', 'database'].map((p) => s.cpuSeconds[p] ?? 0).join(' / '),
  ]);
  rows.push([
    'whole run (peak)',
    report.stages.reduce((sum, s) => sum + s.seconds, 0).toFixed(2),
    '',
    '',
    String(report.peakRssMb.api),
    String(report.peakRssMb.worker),
    String(report.peakRssMb.script),
    '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => pad(cell, widths[i], i > 0)).join('  ');
  const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];

  const { small, large, extrapolation: x } = report.photos;
  const minutes = (s: number | null) => (s === null ? 'n/a' : `${(s / 60).toFixed(1)} min`);
  if (small) {
    lines.push(
      '',
      `photos ~${small.megapixels} MP (${small.meanKb} kB): ${small.photos} uploaded in ${small.uploadSeconds} s ` +
        `(${small.uploadsPerSecond}/s, ${small.uploadMbPerSecond} MB/s), rendered at ${small.rendersPerSecond}/s, ` +
        `all READY after ${small.untilAllReadySeconds} s, worker CPU ${small.workerCpuMsPerPhoto} ms a photo; ` +
        `the edition's 36,000 at this rate: ${minutes(x.editionSmallSeconds)}`,
    );
  }
  if (large) {
    lines.push(
      `photos ${large.megapixels} MP (${large.meanKb} kB), the full-size sample: ${large.photos} uploaded at ` +
        `${large.uploadsPerSecond}/s (${large.uploadMbPerSecond} MB/s), rendered at ${large.rendersPerSecond}/s; ` +
        `36,000 at full size: render ${minutes(x.editionFullSizeSeconds)}, upload ${minutes(x.editionFullSizeUploadSeconds)}, ` +
        `${x.editionFullSizeGb} GB of originals; worker CPU ${large.workerCpuMsPerPhoto} ms a photo = ` +
        `${x.editionFullSizeWorkerCpuHours} CPU hours, ${minutes(x.editionFullSizeOnTwoIdleCoresSeconds)} on 2 idle cores`,
    );
  }
  lines.push(
    `sheets: p50 ${report.sheetsMs.p50} ms, p99 ${report.sheetsMs.p99} ms; ` +
      `load average ${report.loadAverage.start.join(' ')} at start, ${report.loadAverage.end.join(' ')} at end, ${report.cpus} CPUs`,
  );
  return lines.join('\n');
}
