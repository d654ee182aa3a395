package io.jpm.tui.top;

/**
 * Where each pane goes for a terminal size: a title row, the worker grid (header and rows), the sparkline pane,
 * the log pane (a header row and lines) and the status row. Small terminals drop panes from the bottom up.
 */
record Layout(
        int width,
        int height,
        int gridRow,
        int gridRows,
        int sparkRow,
        int sparkRows,
        int logRow,
        int logRows,
        int statusRow) {

    static Layout of(int width, int height, int workers) {
        int inner = Math.max(0, height - 2);
        int spark = height >= 30 ? 3 : height >= 14 ? 2 : 0;
        int rest = inner - spark;
        int grid;
        int logs;
        if (rest < 8) {
            grid = rest;
            logs = 0;
        } else {
            int wanted = workers + 1;
            grid = Math.max(3, Math.min(wanted, (int) Math.round(rest * 0.45)));
            logs = rest - grid;
        }
        int gridRow = 1;
        int sparkRow = gridRow + grid;
        int logRow = sparkRow + spark;
        return new Layout(width, height, gridRow, grid, sparkRow, spark, logRow, logs, height - 1);
    }
}
