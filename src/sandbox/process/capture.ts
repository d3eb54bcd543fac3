/** Keeps the first `cap` bytes of a stream and counts the rest: 1 GB of output is never buffered. */
export class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  /** Every byte seen, kept or not. */
  received = 0;
  truncated = false;

  constructor(private readonly cap: number) {}

  /** Returns false once the cap is exceeded. */
  push(chunk: Buffer): boolean {
    this.received += chunk.length;
    const room = this.cap - this.kept;
    if (room > 0) {
      const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.length;
    }
    if (this.received > this.cap) this.truncated = true;
    return !this.truncated;
  }

  text(): string {
    return Buffer.concat(this.chunks, this.kept).toString("utf8");
  }
}
