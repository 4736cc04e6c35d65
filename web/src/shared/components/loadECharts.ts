// ECharts arrives on demand (see echarts.ts): one download shared by every chart. A page
// with charts calls this as it starts, so the download runs beside its data requests.
let echarts: Promise<typeof import('./echarts')> | null = null;

export function loadECharts(): Promise<typeof import('./echarts')> {
  echarts ??= import('./echarts');
  return echarts;
}
