using TuiChat.Server.Chat;
using TuiChat.Server.Connections;

namespace TuiChat.Server.Commands;

/// <summary>
/// A TuiChat connection as the request layer sees it: the domain link plus the ways replies reach
/// it (already-encoded frames, lazily produced downloads).
/// </summary>
public interface IReplyLink : IClientLink
{
    /// <summary>Queues one reply frame; over the queue limit the client is dropped.</summary>
    void SendFrame(byte[] frame);

    /// <summary>Queues reply frames, in order; over the queue limit the client is dropped.</summary>
    void SendFrames(IReadOnlyList<byte[]> frames);

    /// <summary>Queues frames produced lazily (a download) after what is already queued.</summary>
    void AddSource(IFrameSource source);
}
