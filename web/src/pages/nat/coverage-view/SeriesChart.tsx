import { useEffect, useRef } from 'react';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { Empty } from 'antd';
import { useT } from '../../../i18n/index.tsx';
import { shanghaiText } from '../../reports/reportsShared.tsx';
import type { SeriesView } from './api.ts';

// Only the parts drawn here, to keep the page's chunk small.
echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** People sampled per bucket and the running total, in Shanghai time. */
export function SeriesChart({ view }: { view: SeriesView | null }) {
  const t = useT();
  const el = useRef<HTMLDivElement | null>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const points = view?.points ?? [];

  useEffect(() => {
    const onResize = () => chart.current?.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!el.current || points.length === 0) return;
    // The element is replaced when the list empties and fills again; the chart follows it.
    if (!chart.current || chart.current.getDom() !== el.current) {
      chart.current?.dispose();
      chart.current = echarts.init(el.current);
    }
    const x = points.map((p) => shanghaiText(p.at, 'time'));
    chart.current.setOption({
      animation: false,
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: { data: [t('natCoverage.cumulative'), t('natCoverage.perBucket')], top: 0 },
      xAxis: { type: 'category', data: x, boundaryGap: false },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', minInterval: 1, splitLine: { show: false } }],
      series: [
        { name: t('natCoverage.cumulative'), type: 'line', data: points.map((p) => p.cumulative), smooth: true, showSymbol: false, areaStyle: { opacity: 0.12 }, color: '#c62828' },
        { name: t('natCoverage.perBucket'), type: 'line', yAxisIndex: 1, data: points.map((p) => p.count), showSymbol: false, color: '#1677ff' },
      ],
    }, true);
  }, [points, t]);

  if (points.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('natCoverage.noSamples')} />;
  return <div ref={el} style={{ width: '100%', height: 260 }} data-testid="coverage-chart" />;
}
