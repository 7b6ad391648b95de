/** STUB (upload branch only): the video engineer's transcode-queue.server.ts replaces this file at merge. */
export async function enqueueTranscode(assetId: string): Promise<void> {
  void assetId;
}
