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
    chart.current?.setOption(option, { notMerge: true });
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
