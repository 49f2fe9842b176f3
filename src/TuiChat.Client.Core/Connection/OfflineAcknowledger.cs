using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// Confirms offline deliveries (docs/PROTOCOL.md, <c>offline.batch</c>): the server keeps what waited
/// for us while we were away until we confirm a batch, so a dropped connection or a server crash in
/// the middle of it repeats the batch instead of losing it. The marker comes after the batch's frames,
/// and the reader has handed those on by the time it reads the marker.
/// </summary>
internal static class OfflineAcknowledger
{
    public static async Task AcknowledgeAsync(FrameSession session, OfflineBatchEvent marker)
    {
        try
        {
            await session.SendAsync(MessageCodec.EncodeFrame(new OfflineAckRequest { Batch = marker.Batch }), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Unconfirmed, the batch comes again at the next login: nothing is lost.
        }
    }
}
