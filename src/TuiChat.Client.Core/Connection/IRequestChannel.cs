using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>What the connection's parts use to talk on the current logged-in session.</summary>
internal interface IRequestChannel
{
    /// <summary>Sends a request and returns its reply; <c>rate_limited</c> is retried after a pause, other errors throw.</summary>
    Task<T> RequestAsync<T>(Request request, CancellationToken cancellationToken) where T : OkReply;

    /// <summary>Sends exactly once and returns the reply; a <c>rate_limited</c> refusal throws like any error.</summary>
    Task<T> RequestOnceAsync<T>(Request request, CancellationToken cancellationToken) where T : OkReply;

    /// <summary>Sends a frame that gets no reply of its own (a file chunk).</summary>
    Task SendAsync(IFrameMessage message, CancellationToken cancellationToken);
}
