import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only the chart kinds the dashboard draws, so the page's chunk stays small.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** The clicked item's name, series and data index (what a drill-down needs). */
export interface ChartClick {
  name: string;
  seriesIndex: number;
  dataIndex: number;
}

interface EChartProps {
  option: ChartOption;
  height?: number | string;
  onClick?: (e: ChartClick) => void;
  theme?: 'dark';
  /** Accessible name of the chart (the numbers are also in the figure cards and tables). */
  label: string;
}

/** One ECharts instance bound to a div: resized with its box, disposed on unmount. */
export function EChart({ option, height = 280, onClick, theme, label }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, theme);
    chart.current = instance;
    instance.on('click', (p) => clickRef.current?.({ name: String(p.name), seriesIndex: p.seriesIndex ?? 0, dataIndex: p.dataIndex }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    // Printing lays the page out anew: draw at the printed width.
    const handlePrint = () => instance.resize();
    window.addEventListener('beforeprint', handlePrint);
    return () => {
      window.removeEventListener('beforeprint', handlePrint);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
