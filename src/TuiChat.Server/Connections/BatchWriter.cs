using TuiChat.Server.Chat;

namespace TuiChat.Server.Connections;

/// <summary>A queued frame, or an event to encode when written; <see cref="Charge"/> is what it counts against the outbox's limit.</summary>
internal readonly record struct OutItem(byte[]? Frame, ChatEvent? Event, int Charge)
{
    public byte[] Bytes(IEventEncoder encoder) => Frame ?? Event!.EncodedFor(encoder);
}

/// <summary>
/// Writes one batch of an <see cref="Outbox"/> to its stream: a single frame as it is, several
/// coalesced into one buffer so that a burst costs few system calls (a frame larger than the
/// buffer goes out on its own).
/// </summary>
internal static class BatchWriter
{
    /// <summary>The size of the buffer a batch of several frames is copied into.</summary>
    public const int CoalesceBytes = 64 * 1024;

    /// <param name="buffer">At least <see cref="CoalesceBytes"/> long; needed only when the batch has several frames.</param>
    /// <param name="flush">Flush after the batch (a stream that holds data back).</param>
    /// <returns>The charge of the written items, to release from the outbox's count.</returns>
    public static async Task<long> WriteAsync(Stream stream, List<OutItem> batch, byte[]? buffer, IEventEncoder encoder, bool flush)
    {
        long written;
        if (batch.Count == 1)
        {
            byte[] bytes = batch[0].Bytes(encoder);
            if (bytes.Length > 0)
            {
                await stream.WriteAsync(bytes).ConfigureAwait(false);
            }
            written = batch[0].Charge;
        }
        else
        {
            written = await WriteCoalescedAsync(stream, batch, buffer!, encoder).ConfigureAwait(false);
        }
        if (flush)
        {
            await stream.FlushAsync().ConfigureAwait(false);
        }
        return written;
    }

    private static async Task<long> WriteCoalescedAsync(Stream stream, List<OutItem> batch, byte[] buffer, IEventEncoder encoder)
    {
        long written = 0;
        int filled = 0;
        foreach (OutItem item in batch)
        {
            byte[] frame = item.Bytes(encoder);
            written += item.Charge;
            if (frame.Length > buffer.Length - filled && filled > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, filled)).ConfigureAwait(false);
                filled = 0;
            }
            if (frame.Length >= buffer.Length)
            {
                await stream.WriteAsync(frame).ConfigureAwait(false);
            }
            else
            {
                frame.CopyTo(buffer, filled);
                filled += frame.Length;
            }
        }
        if (filled > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, filled)).ConfigureAwait(false);
        }
        return written;
    }
}
