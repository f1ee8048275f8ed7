import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';

interface Props {
  readonly option: echarts.EChartsCoreOption;
  readonly height?: number;
  /** Names the chart for tests and assistive technology. */
  readonly label: string;
}

/** An ECharts chart that follows its container's width (1366 px desktop down to a phone). */
export function EChart({ option, height = 320, label }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !element.current) return;
    instance.setOption(option, { notMerge: true });
    // What the chart holds, read back from ECharts, for tests and for checking a page by hand.
    const series = (instance.getOption().series ?? []) as { data?: unknown[] }[];
    element.current.dataset.seriesCount = String(series.length);
    element.current.dataset.points = String(
      series.reduce((sum, one) => sum + (one.data?.length ?? 0), 0),
    );
  }, [option]);

  return (
    <div
      ref={element}
      role="img"
      aria-label={label}
      data-testid="chart"
      style={{ width: '100%', height }}
    />
  );
}
