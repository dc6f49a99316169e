import type { Job } from 'bullmq';
import { ingestResultNotice } from '../src/core/notices.js';
import type { IngestRequest } from '../src/ports.js';
import type { JobContext } from './context.js';

/** Documents linked or shared in chat, read one at a time in the background; the answer goes where it was asked. */

export async function queueIngest(ctx: JobContext, request: IngestRequest): Promise<{ jobId: string }> {
  const job = await ctx.queues.ingest.add('ingest', request, { attempts: 1, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 } });
  return { jobId: job.id! };
}

export async function runIngest(ctx: JobContext, job: Job<IngestRequest>): Promise<string> {
  const { ingestor, store } = ctx.app;
  const r = job.data;
  await job.updateProgress(10);
  const result = r.url
    ? await ingestor.ingestUrl(r.url)
    : r.symbol
      ? await ingestor.ingestSymbol(r.symbol)
      : await ingestor.ingestBytes(Buffer.from(r.file!.base64, 'base64'), r.file!.name, `upload:${r.file!.name}`, r.file!.contentType);
  await job.updateProgress(90);
  const message = await store.conversations.enqueue(`ingest:${job.id}`, r.replyTo, ingestResultNotice(result, r.url ?? r.symbol ?? r.file?.name ?? 'the document', r.requestedBy));
  if (message.status === 'pending') await ctx.deliverNow(message);
  await job.updateProgress(100);
  return result.status;
}
