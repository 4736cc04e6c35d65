// The ECharts build the console uses: only the chart types it draws are registered, which
// keeps the chunk small. Loaded on demand by EChart.vue, so a page shows its numbers
// while this (the largest chunk) is still arriving.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, PieChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
