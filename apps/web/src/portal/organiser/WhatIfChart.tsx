import { useEffect, useRef } from 'react';
import { HeatmapChart, HeatmapSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  GridComponentOption,
  TooltipComponent,
  TooltipComponentOption,
  VisualMapPiecewiseComponent,
  VisualMapComponentOption,
} from 'echarts/components';
import { ComposeOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { AwardGrid } from './whatIf';

// Only what this chart draws, so the chunk stays small; loaded with the what-if screen only.
use([HeatmapChart, GridComponent, TooltipComponent, VisualMapPiecewiseComponent, CanvasRenderer]);

type Option = ComposeOption<
  HeatmapSeriesOption | GridComponentOption | TooltipComponentOption | VisualMapComponentOption
>;

/** A heatmap cell's [column, row, level], as the chart hands it to a formatter. */
function cellOf(params: unknown): [number, number, number] {
  const one = Array.isArray(params) ? params[0] : params;
  return (one as { value: [number, number, number] }).value;
}

/** No award in grey, then the tiers from the lowest up: …, bronze, silver, gold. */
const TIER_COLOURS = ['#e4e1d8', '#b5d3c7', '#9dbad5', '#c58b3a', '#a9b4bf', '#f2b53a'];

/**
 * The awards that depend on the method: one row per entry, one column per method, each cell
 * coloured and labelled by the award, drawn on a canvas. Lazy-loaded by WhatIfScreen: echarts
 * is in no other chunk.
 */
export default function WhatIfChart({
  grid,
  methodNames,
  label,
}: {
  grid: AwardGrid;
  methodNames: string[];
  label: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current, undefined, { renderer: 'canvas' });
    const top = grid.levels.length - 1;
    const option: Option = {
      animation: false,
      tooltip: {
        formatter: (params) => {
          const [column, row, level] = cellOf(params);
          return `${grid.codes[row]} · ${methodNames[column]}: ${grid.levels[level]}`;
        },
      },
      grid: { left: 120, right: 24, top: 56, bottom: 24, containLabel: false },
      xAxis: { type: 'category', data: methodNames, position: 'top', splitArea: { show: true } },
      yAxis: { type: 'category', data: grid.codes, inverse: true, splitArea: { show: true } },
      visualMap: {
        type: 'piecewise',
        orient: 'horizontal',
        left: 'center',
        top: 0,
        pieces: grid.levels.map((name, level) => ({
          value: level,
          label: name,
          // the highest tier gold, each lower one a step down, no award grey
          color: TIER_COLOURS[level === 0 ? 0 : Math.max(1, 5 - (top - level))],
        })),
      },
      series: [
        {
          type: 'heatmap',
          data: grid.cells,
          label: {
            show: true,
            formatter: (params) => grid.levels[cellOf(params)[2]],
          },
          itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
        },
      ],
    };
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [grid, methodNames]);
  // Set through the DOM (React's style property), which the page's CSP allows.
  const height = 96 + grid.codes.length * 32;
  return (
    <div
      ref={element}
      className="what-if-chart"
      data-testid="what-if-chart"
      role="img"
      aria-label={label}
      style={{ height }}
    />
  );
}
