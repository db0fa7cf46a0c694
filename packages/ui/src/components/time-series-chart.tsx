/**
 * A time-series chart on uPlot: canvas drawing, about 50 KB minified (Recharts with its d3
 * dependencies is several times that), fast with thousands of points. Dragging across the
 * chart selects a time range.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
  /** One value per x; `null` for no data. */
  values: Array<number | null>;
  dashed?: boolean;
}

export interface TimeSeriesChartProps {
  /** Epoch milliseconds, ascending. */
  x: number[];
  series: ChartSeries[];
  format: (value: number) => string;
  height?: number;
  /** Fill under a lone series. */
  area?: boolean;
  /** Whole-number values (counts): no 2.5 ticks. */
  integer?: boolean;
  /** Called with the dragged range (epoch ms). */
  onSelectRange?: (fromMs: number, toMs: number) => void;
  label: string;
}

function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

const INTEGER_INCREMENTS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 1e6, 1e7,
  1e8,
];

function pointsWithData(self: uPlot, seriesIndex: number): number[] | null {
  const values = self.data[seriesIndex] ?? [];
  const indices: number[] = [];
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value !== null && value !== undefined && value !== 0) indices.push(index);
  }
  return indices;
}

const AXIS = {
  stroke: '#6b7280',
  grid: { stroke: '#eef0f3', width: 1 },
  ticks: { stroke: '#e5e7eb', width: 1, size: 4 },
  font: '11px system-ui, -apple-system, "Segoe UI", sans-serif',
};

export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const height = props.height ?? 180;
  // A new set of series (labels, colors) needs a new chart; new values only need setData.
  const shape = props.series.map((series) => `${series.label}|${series.color}`).join(',');

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const { format, area, series, integer } = latest.current;
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      legend: { show: true, live: true },
      cursor: {
        drag: { x: true, y: false, setScale: false },
        points: { size: 6 },
      },
      scales: {
        x: { time: true },
        y: { range: (_self, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        { ...AXIS },
        {
          ...AXIS,
          size: 60,
          values: (_self, ticks) => ticks.map((tick) => format(tick)),
          ...(integer ? { incrs: INTEGER_INCREMENTS } : {}),
        },
      ],
      series: [
        { label: 'Time', value: '{MMM} {D}, {h}:{mm} {aa}' },
        ...series.map((entry) => ({
          label: entry.label,
          stroke: entry.color,
          width: 1.75,
          ...(entry.dashed ? { dash: [5, 4] } : {}),
          ...(area && series.length === 1 ? { fill: withAlpha(entry.color, 0.12) } : {}),
          // Dots only where there is data: a lone point in a quiet range stays visible.
          points: { show: true, size: 5, filter: pointsWithData },
          value: (_self: uPlot, value: number | null) => (value === null ? '–' : format(value)),
          spanGaps: false,
        })),
      ],
      hooks: {
        setSelect: [
          (self) => {
            const { left, width } = self.select;
            if (width < 4) return;
            const from = self.posToVal(left, 'x');
            const to = self.posToVal(left + width, 'x');
            self.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            latest.current.onSelectRange?.(from * 1000, to * 1000);
          },
        ],
      },
    };
    const data = [
      latest.current.x.map((time) => time / 1000),
      ...series.map((entry) => entry.values),
    ] as uPlot.AlignedData;
    const instance = new uPlot(options, data, element);
    chart.current = instance;
    const observer = new ResizeObserver(() => {
      const width = Math.max(200, element.clientWidth);
      if (width !== instance.width) instance.setSize({ width, height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.destroy();
      chart.current = null;
    };
  }, [shape, height]);

  useEffect(() => {
    chart.current?.setData([
      props.x.map((time) => time / 1000),
      ...props.series.map((entry) => entry.values),
    ] as uPlot.AlignedData);
  }, [props.x, props.series]);

  const points = props.series.reduce(
    (count, entry) => count + entry.values.filter((value) => value !== null && value !== 0).length,
    0,
  );
  return (
    <div
      class="chart"
      ref={host}
      role="img"
      aria-label={props.label}
      data-points={points}
      data-series={props.series.length}
    />
  );
}
