/** A one-line progress indicator on stderr for long loads; silent when stderr is not a terminal or --quiet. */
export class Progress {
  private last = 0;
  private readonly active: boolean;

  constructor(
    private readonly label: string,
    quiet = false,
  ) {
    this.active = !quiet && process.stderr.isTTY === true;
  }

  update(done: number, total: number): void {
    if (!this.active) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const pct = total > 0 ? Math.floor((done / total) * 100) : 0;
    process.stderr.write(`\r${this.label}: ${pct}% (${(done / 1e6).toFixed(0)} of ${(total / 1e6).toFixed(0)} MB)`);
  }

  done(message: string): void {
    if (this.active) process.stderr.write(`\r\x1b[K${message}\n`);
  }
}
