import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A PromQL query of a dashboard panel. */
export interface PanelQuery {
  panel: string;
  expr: string;
  exemplar: boolean;
}

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string; exemplar?: boolean }[];
}

/** Every query of deploy/grafana/queue-otel-dashboard.json. */
export function dashboardQueries(): PanelQuery[] {
  const path = join(__dirname, '..', '..', 'deploy', 'grafana', 'queue-otel-dashboard.json');
  const dashboard = JSON.parse(readFileSync(path, 'utf8')) as { panels: Panel[] };
  return dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((t) => ({ panel: panel.title, expr: t.expr, exemplar: t.exemplar === true })),
  );
}

/** Replaces Grafana's variables so a query can run against Prometheus directly. */
export function withVariables(expr: string, queue: string): string {
  return expr.replaceAll('$queue', queue).replaceAll('$job_name', '.*').replaceAll('$__rate_interval', '1m');
}
