/**
 * Estimates how many rows a file holds from the size of its first rows, so column stores can be
 * allocated once at about the right size instead of doubling their way up (which, for a million
 * rows, costs more time and twice the memory at the peak).
 *
 * The sample is the first megabyte of rows, not a fixed number of rows, so a file that opens with
 * a few short rows does not mislead it by much; small files are never estimated at all.
 */
const SAMPLE_BYTES = 1 << 20;
const HEADROOM = 1.1;

export class RowEstimator {
  private rows = 0;
  private bytes = 0;
  private done = false;

  constructor(
    private readonly totalBytes: number,
    /** The fewest bytes a row can take, which bounds the estimate whatever the sample says. */
    private readonly minRowBytes: number,
    private readonly onEstimate: (rows: number) => void,
  ) {}

  /** Counts one row of `bytes` bytes; once the sample is complete, reports the estimate. */
  add(bytes: number): void {
    if (this.done) return;
    this.rows++;
    this.bytes += bytes;
    if (this.bytes < SAMPLE_BYTES) return;
    this.done = true;
    if (this.totalBytes < 2 * SAMPLE_BYTES) return; // the sample is most of the file: nothing to gain
    const estimate = Math.ceil((this.totalBytes / this.bytes) * this.rows * HEADROOM);
    this.onEstimate(Math.min(estimate, Math.ceil(this.totalBytes / Math.max(1, this.minRowBytes))));
  }
}
