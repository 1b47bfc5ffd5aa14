import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ChartOption } from './chartOptions';

// Only what the organisers' bar charts draw, so the chunk stays small.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * A bar chart drawn on a canvas from an option made by chartOptions.ts. Lazy-loaded by the
 * round page's chart figures: echarts is in the organisers' chart chunk only, which the
 * judges' service worker does not precache (build/pwa.ts).
 */
export default function EChart({
  option,
  height,
  label,
  testId,
}: {
  option: ChartOption;
  height: number;
  label: string;
  testId: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  // Set through the DOM (React's style property), which the page's CSP allows.
  return (
    <div
      ref={element}
      className="chart"
      data-testid={testId}
      role="img"
      aria-label={label}
      style={{ height }}
    />
  );
}
