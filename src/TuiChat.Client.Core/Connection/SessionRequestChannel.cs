using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// Requests on the current logged-in session of a <see cref="ReconnectingSession"/>: waits for a
/// first login under way, fails at once with "not connected" between sessions, and sends a
/// <c>rate_limited</c> request again after a growing pause.
/// </summary>
internal sealed class SessionRequestChannel(ReconnectingSession session, ReplyMatcher replies, TimeProvider time) : IRequestChannel
{
    private const int MaxRateLimitedRetries = 5;
    private static readonly TimeSpan RateLimitedPause = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A <c>rate_limited</c> refusal means the server dropped the request unprocessed, so it is sent
    /// again after a growing pause (a reconnect's burst of history and member requests can exceed
    /// the server's burst).
    /// </summary>
    public Task<T> RequestAsync<T>(Request request, CancellationToken cancellationToken) where T : OkReply =>
        WithSessionAsync(current => RequestAsync<T>(current, request, cancellationToken));

    public Task<T> RequestOnceAsync<T>(Request request, CancellationToken cancellationToken) where T : OkReply =>
        WithSessionAsync(current => replies.RequestAsync<T>(current, request, cancellationToken));

    public Task SendAsync(IFrameMessage message, CancellationToken cancellationToken) =>
        WithSessionAsync(async current =>
        {
            await ReplyMatcher.SendAsync(current, message, cancellationToken).ConfigureAwait(false);
            return true;
        });

    /// <summary>A request on <paramref name="on"/>, a session still logging in (the re-joins of a reconnect).</summary>
    public async Task<T> RequestAsync<T>(FrameSession on, Request request, CancellationToken cancellationToken) where T : OkReply
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await replies.RequestAsync<T>(on, request, cancellationToken).ConfigureAwait(false);
            }
            catch (ChatRequestException e) when (e.Code == ErrorCodes.RateLimited && attempt < MaxRateLimitedRetries)
            {
                await Task.Delay(RateLimitedPause * (attempt + 1), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> on the logged-in session, waiting for a first login under way.</summary>
    private async Task<T> WithSessionAsync<T>(Func<FrameSession, Task<T>> action) =>
        await session.LoggedInAsync().ConfigureAwait(false) is { } current
            ? await action(current).ConfigureAwait(false)
            : throw NotConnected();

    private ChatRequestException NotConnected()
    {
        string message = session.Status.State switch
        {
            ConnectionState.Reconnecting => "not connected (reconnecting)",
            _ => "not connected",
        };
        return new ChatRequestException(ChatRequestException.Disconnected, message);
    }
}
