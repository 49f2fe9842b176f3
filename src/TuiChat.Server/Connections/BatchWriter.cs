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
    public static async Task<long> WriteAsync(Stream stream, OutItemList batch, byte[]? buffer, IEventEncoder encoder, bool flush)
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

    private static async Task<long> WriteCoalescedAsync(Stream stream, OutItemList batch, byte[] buffer, IEventEncoder encoder)
    {
        long written = 0;
        int next = 0;
        while (next < batch.Count)
        {
            int filled = Coalesce(batch, next, buffer, encoder, out int end, out long charge);
            if (end == next)
            {
                // A frame larger than the buffer goes out on its own.
                await stream.WriteAsync(batch[next].Bytes(encoder)).ConfigureAwait(false);
                charge = batch[next].Charge;
                end++;
            }
            else if (filled > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, filled)).ConfigureAwait(false);
            }
            written += charge;
            next = end;
        }
        return written;
    }

    /// <summary>
    /// Copies the frames of <paramref name="batch"/> from <paramref name="start"/> into
    /// <paramref name="buffer"/> while they fit, and returns how many bytes it filled;
    /// <paramref name="end"/> is the first frame not copied (<paramref name="start"/> when that
    /// frame alone is larger than the buffer), <paramref name="charge"/> what the copied ones count.
    /// </summary>
    public static int Coalesce(OutItemList batch, int start, byte[] buffer, IEventEncoder encoder, out int end, out long charge)
    {
        int filled = 0;
        charge = 0;
        for (end = start; end < batch.Count; end++)
        {
            byte[] frame = batch[end].Bytes(encoder);
            if (frame.Length > buffer.Length - filled)
            {
                break;
            }
            frame.CopyTo(buffer, filled);
            filled += frame.Length;
            charge += batch[end].Charge;
        }
        return filled;
    }
}
