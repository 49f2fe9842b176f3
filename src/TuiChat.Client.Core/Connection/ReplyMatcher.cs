using System.Collections.Concurrent;
using System.Globalization;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// Matches requests to replies: gives each request an <c>id</c>, waits for the <c>ok</c> or
/// <c>error</c> carrying it as <c>re</c>, and fails every waiting request when its session ends.
/// </summary>
internal sealed class ReplyMatcher
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]>> _pending = new(StringComparer.Ordinal);
    private long _nextId;

    /// <summary>Sends <paramref name="request"/> once and returns its reply; an <c>error</c> reply throws.</summary>
    public async Task<T> RequestAsync<T>(FrameSession session, Request request, CancellationToken cancellationToken) where T : OkReply
    {
        string id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            await SendAsync(session, request with { Id = id }, cancellationToken).ConfigureAwait(false);
            byte[] payload = await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            Envelope envelope = MessageCodec.ReadEnvelope(payload);
            if (envelope.Type == MessageTypes.Error)
            {
                ErrorReply error = MessageCodec.Decode<ErrorReply>(payload);
                throw new ChatRequestException(error.Code, error.Message);
            }
            try
            {
                return MessageCodec.Decode<T>(payload);
            }
            catch (BadRequestException e)
            {
                throw new ChatRequestException(ErrorCodes.BadRequest, "the server's reply was not understood: " + e.Message, e);
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Sends a frame that expects no reply (a file chunk, a pong); a broken session throws "not connected".</summary>
    public static async Task SendAsync(FrameSession session, IFrameMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await session.SendAsync(MessageCodec.EncodeFrame(message), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw new ChatRequestException(ChatRequestException.Disconnected, "not connected", e);
        }
    }

    /// <summary>Completes the request <paramref name="re"/> answers (reader thread); false when none waits for it.</summary>
    public bool TryComplete(string re, ReadOnlySpan<byte> payload)
    {
        if (!_pending.TryRemove(re, out TaskCompletionSource<byte[]>? reply))
        {
            return false;
        }
        reply.TrySetResult(payload.ToArray());
        return true;
    }

    /// <summary>The session ended: every request still waiting fails with <see cref="ChatRequestException.Disconnected"/>, <see cref="ChatRequestException.Unanswered"/>.</summary>
    public void FailAll(string reason)
    {
        foreach (string id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out TaskCompletionSource<byte[]>? reply))
            {
                reply.TrySetException(new ChatRequestException(ChatRequestException.Disconnected, "the connection was lost: " + reason) { Unanswered = true });
            }
        }
    }
}
