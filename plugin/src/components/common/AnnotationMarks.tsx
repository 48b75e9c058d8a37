import { useLayoutEffect, useRef } from 'react';
import type { UPlotConfigBuilder } from '@grafana/ui';

/** One annotation: a moment on the time axis and what happened then. */
export interface Mark {
  timeMs: number;
  text: string;
}

/**
 * Annotations drawn over a TimeSeries, as Grafana's annotation layer does: a dashed vertical line at
 * each moment with a small marker at the bottom. Added as a uPlot `draw` hook on the chart's config
 * (TimeSeries renders its children before the plot is created, so the hook is in place at init).
 */
export function AnnotationMarks({ config, marks, color }: { config: UPlotConfigBuilder; marks: Mark[]; color: string }) {
  const latest = useRef(marks);
  useLayoutEffect(() => {
    latest.current = marks;
  }, [marks]);
  useLayoutEffect(() => {
    config.addHook('draw', (u) => {
      const ctx = u.ctx;
      const { top, height, left, width } = u.bbox;
      ctx.save();
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = Math.max(1, devicePixelRatio);
      ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
      for (const m of latest.current) {
        const x = Math.round(u.valToPos(m.timeMs, 'x', true));
        if (x < left || x > left + width) {
          continue;
        }
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, top + height);
        ctx.stroke();
        const s = 4 * devicePixelRatio;
        ctx.beginPath();
        ctx.moveTo(x, top + height - s);
        ctx.lineTo(x - s, top + height);
        ctx.lineTo(x + s, top + height);
        ctx.fill();
      }
      ctx.restore();
    });
  }, [config, color]);
  return null;
}
