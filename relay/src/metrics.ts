/**
 * A small Prometheus text-format writer (exposition format 0.0.4): counters with labels and histograms. The
 * queue depth gauge is read from the store at scrape time.
 */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

class Histogram {
  readonly counts = BUCKETS.map(() => 0);
  sum = 0;
  count = 0;
  observe(seconds: number): void {
    this.sum += seconds;
    this.count += 1;
    BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) this.counts[i] += 1;
    });
  }
}

export class Metrics {
  received = 0;
  duplicates = 0;
  delivered = 0;
  retried = 0;
  dead = 0;
  gone = 0;
  readonly rejected = new Map<string, number>();
  readonly ingest = new Histogram();
  readonly delivery = new Histogram();

  reject(reason: string): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
  }

  render(queue: { pending: number; inflight: number; dead: number } | undefined): string {
    const lines: string[] = [];
    const counter = (name: string, help: string, value: number) =>
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name} ${value}`);
    counter('relay_webhooks_received_total', 'Authentic webhooks received from HighLevel.', this.received);
    lines.push('# HELP relay_webhooks_rejected_total Webhooks refused or dropped, by reason.');
    lines.push('# TYPE relay_webhooks_rejected_total counter');
    for (const [reason, value] of [...this.rejected].sort()) {
      lines.push(`relay_webhooks_rejected_total{reason="${reason}"} ${value}`);
    }
    counter(
      'relay_webhooks_duplicate_total',
      'Webhooks whose webhookId was already stored.',
      this.duplicates,
    );
    counter('relay_deliveries_delivered_total', "Deliveries a Zap's hook answered with 2xx.", this.delivered);
    counter(
      'relay_deliveries_retried_total',
      'Delivery attempts that failed and were scheduled again.',
      this.retried,
    );
    counter(
      'relay_deliveries_dead_total',
      'Deliveries that used up their retries (dead letters).',
      this.dead,
    );
    counter('relay_subscriptions_gone_total', 'Subscriptions ended by a 410 from the hook.', this.gone);
    if (queue) {
      lines.push('# HELP relay_queue_depth Deliveries by state.', '# TYPE relay_queue_depth gauge');
      for (const [state, value] of Object.entries(queue))
        lines.push(`relay_queue_depth{state="${state}"} ${value}`);
    }
    const histogram = (name: string, help: string, h: Histogram) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
      BUCKETS.forEach((bound, i) => lines.push(`${name}_bucket{le="${bound}"} ${h.counts[i]}`));
      lines.push(`${name}_bucket{le="+Inf"} ${h.count}`, `${name}_sum ${h.sum}`, `${name}_count ${h.count}`);
    };
    histogram(
      'relay_ingest_duration_seconds',
      'From a webhook received to its answer (after commit).',
      this.ingest,
    );
    histogram(
      'relay_delivery_latency_seconds',
      "From a webhook received to the Zap's hook answering 2xx.",
      this.delivery,
    );
    return `${lines.join('\n')}\n`;
  }
}
