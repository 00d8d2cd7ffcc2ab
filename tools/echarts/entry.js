// The ECharts modules the public dashboard draws with (duban/static/duban/dashboard.js), and
// nothing else: bars, a line, axes on a grid, tooltip, legend, a mark line, the SVG
// renderer and the dark theme of the wall display. `make echarts` bundles this file.
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import {
  GridComponent, LegendComponent, MarkLineComponent, TooltipComponent,
} from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import dark from "echarts/lib/theme/dark.js";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent,
  TooltipComponent, SVGRenderer]);
echarts.registerTheme("dark", dark);
window.echarts = echarts;
