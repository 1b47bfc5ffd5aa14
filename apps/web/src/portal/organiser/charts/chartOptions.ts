import type { BarSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { Translate } from '../../../i18n';
import { ActivityTable, hourLabel } from './activity';
import type { Histogram } from './histogram';
import type { LeniencyChartData } from './leniency';

/** What EChart draws: bars on a grid, with a legend and tooltips, nothing more. */
export type ChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** Series colours, told apart without colour vision too (the legend and the table name them). */
const PALETTE = ['#1f4e5f', '#c58b3a', '#6a9f58', '#9d5b8b', '#3f7cac', '#b5533c', '#7a7a7a'];

/** Axis names sit at the axis' middle, away from the tick labels. */
const axisName = (name: string, gap: number) => ({
  name,
  nameLocation: 'middle' as const,
  nameGap: gap,
});

/** The score histogram: one stacked bar per range, a part per category. */
export function scoreOption(t: Translate, h: Histogram): ChartOption {
  return {
    animation: false,
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 64, right: 24, top: 48, bottom: 64 },
    xAxis: {
      type: 'category',
      data: h.bins.map((b) => `${b.from}–${b.to}`),
      ...axisName(t('chartScoreAxisX'), 36),
    },
    yAxis: { type: 'value', minInterval: 1, ...axisName(t('chartScoreAxisY'), 40) },
    series: h.categories.map((c, i) => ({
      type: 'bar',
      name: `${c.name}（${c.code}）`,
      stack: 'entries',
      barCategoryGap: '8%',
      data: h.bins.map((b) => b.byCategory[i]),
    })),
  };
}

/** Leniency: a bar per judge from the 0 line, right for lenient, left for severe. */
export function leniencyOption(t: Translate, data: LeniencyChartData): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 24, right: 48, top: 36, bottom: 56, containLabel: true },
    xAxis: {
      type: 'value',
      min: -data.bound,
      max: data.bound,
      ...axisName(t('chartLeniencyAxisX'), 32),
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: data.charted.map((j) => j.name),
      name: t('chartLeniencyAxisY'),
      // above the bars (the axis is inverted: its start is the top), clear of the 0 tick
      nameLocation: 'start',
      nameGap: 12,
      // the judges' axis is the 0 line
      axisLine: { onZero: true, lineStyle: { color: '#333333', width: 2 } },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: t('chartLeniencyValue'),
        data: data.charted.map((j) => ({
          value: j.leniency,
          itemStyle: { color: j.leniency >= 0 ? PALETTE[1] : PALETTE[0] },
        })),
        label: { show: true, position: 'right', formatter: '{c}' },
      },
    ],
  };
}

/** Sheets per hour: a stacked bar per hour, a part per panel. */
export function activityOption(t: Translate, table: ActivityTable): ChartOption {
  return {
    animation: false,
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 64, right: 24, top: 48, bottom: 72 },
    xAxis: {
      type: 'category',
      data: table.hours.map(hourLabel),
      ...axisName(t('chartActivityAxisX'), 48),
    },
    yAxis: { type: 'value', minInterval: 1, ...axisName(t('chartActivityAxisY'), 40) },
    series: table.panels.map((panel, i) => ({
      type: 'bar',
      name: panel.name,
      stack: 'sheets',
      data: table.counts[i],
    })),
  };
}
