using System.Globalization;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>Requests and their replies, matched by <c>id</c>/<c>re</c>.</summary>
public sealed partial class ChatConnection
{
    private const int MaxRateLimitedRetries = 5;
    private static readonly TimeSpan RateLimitedPause = TimeSpan.FromMilliseconds(250);

    public async Task<RoomOk> JoinAsync(string room, CancellationToken cancellationToken = default)
    {
        RoomOk ok = await RequestAsync<RoomOk>(new JoinRequest { Room = room }, cancellationToken).ConfigureAwait(false);
        TrackRoom(ok.Room, joined: true);
        return ok;
    }

    public async Task LeaveAsync(string room, CancellationToken cancellationToken = default)
    {
        await RequestAsync<OkReply>(new LeaveRequest { Room = room }, cancellationToken).ConfigureAwait(false);
        TrackRoom(room, joined: false);
    }

    public async Task<RoomOk> CreateGroupAsync(string room, IReadOnlyList<string> members, CancellationToken cancellationToken = default)
    {
        RoomOk ok = await RequestAsync<RoomOk>(new CreateRequest { Room = room, Private = true, Members = members }, cancellationToken)
            .ConfigureAwait(false);
        TrackRoom(ok.Room, joined: true);
        return ok;
    }

    public Task InviteAsync(string room, string user, CancellationToken cancellationToken = default) =>
        RequestAsync<OkReply>(new InviteRequest { Room = room, User = user }, cancellationToken);

    public Task KickAsync(string room, string user, CancellationToken cancellationToken = default) =>
        RequestAsync<OkReply>(new KickRequest { Room = room, User = user }, cancellationToken);

    public Task SetTopicAsync(string room, string topic, CancellationToken cancellationToken = default) =>
        RequestAsync<OkReply>(new TopicRequest { Room = room, Topic = topic }, cancellationToken);

    public async Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(CancellationToken cancellationToken = default) =>
        (await RequestAsync<RoomsOk>(new RoomsRequest(), cancellationToken).ConfigureAwait(false)).Rooms;

    public async Task<IReadOnlyList<UserInfo>> ListUsersAsync(string? room = null, CancellationToken cancellationToken = default) =>
        (await RequestAsync<UsersOk>(new UsersRequest { Room = room }, cancellationToken).ConfigureAwait(false)).Users;

    public Task<MsgOk> SendMessageAsync(string target, string text, CancellationToken cancellationToken = default) =>
        RequestAsync<MsgOk>(new MsgRequest { To = target, Text = text }, cancellationToken);

    public async Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(string target, long? before = null, int? limit = null,
        CancellationToken cancellationToken = default) =>
        (await RequestAsync<HistoryOk>(new HistoryRequest { To = target, Before = before, Limit = limit }, cancellationToken)
            .ConfigureAwait(false)).Messages;

    public Task PublishKeysAsync(KeysPutRequest keys, CancellationToken cancellationToken = default) =>
        RequestAsync<OkReply>(keys, cancellationToken);

    public Task<KeysOk> GetKeysAsync(string user, CancellationToken cancellationToken = default) =>
        RequestAsync<KeysOk>(new KeysGetRequest { User = user }, cancellationToken);

    public Task ShutdownServerAsync(string? reason, CancellationToken cancellationToken = default) =>
        RequestAsync<OkReply>(new AdminShutdownRequest { Reason = reason }, cancellationToken);

    /// <summary>A request on the current logged-in session.</summary>
    private Task<T> RequestAsync<T>(Request request, CancellationToken cancellationToken) where T : OkReply
    {
        FrameSession? session = Volatile.Read(ref _session);
        if (session is null || !session.LoggedIn)
        {
            return Task.FromException<T>(NotConnected());
        }
        return RequestAsync<T>(session, request, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="request"/> and waits for its reply. A <c>rate_limited</c> refusal means
    /// the server dropped the request unprocessed, so it is sent again after a growing pause
    /// (a reconnect's burst of history and member requests can exceed the server's burst).
    /// </summary>
    private async Task<T> RequestAsync<T>(FrameSession session, Request request, CancellationToken cancellationToken) where T : OkReply
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await RequestOnceAsync<T>(session, request, cancellationToken).ConfigureAwait(false);
            }
            catch (ChatRequestException e) when (e.Code == ErrorCodes.RateLimited && attempt < MaxRateLimitedRetries)
            {
                await Task.Delay(RateLimitedPause * (attempt + 1), _options.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<T> RequestOnceAsync<T>(FrameSession session, Request request, CancellationToken cancellationToken) where T : OkReply
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

    private async Task SendAsync(FrameSession session, IFrameMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await session.SendAsync(MessageCodec.EncodeFrame(message), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw NotConnected(e);
        }
    }

    /// <summary>Completes a pending request with its reply's payload (reader thread).</summary>
    private void CompleteReply(string re, ReadOnlySpan<byte> payload)
    {
        if (_pending.TryRemove(re, out TaskCompletionSource<byte[]>? reply))
        {
            reply.TrySetResult(payload.ToArray());
        }
    }

    private void FailPending(string reason)
    {
        foreach (string id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out TaskCompletionSource<byte[]>? reply))
            {
                reply.TrySetException(new ChatRequestException(ChatRequestException.Disconnected, "the connection was lost: " + reason));
            }
        }
        FailTransfers(reason);
    }

    private ChatRequestException NotConnected(Exception? inner = null)
    {
        string message = Status.State switch
        {
            ConnectionState.ServerShutDown => "the server has shut down",
            ConnectionState.Reconnecting => "not connected (reconnecting)",
            _ => "not connected",
        };
        return inner is null
            ? new ChatRequestException(ChatRequestException.Disconnected, message)
            : new ChatRequestException(ChatRequestException.Disconnected, message, inner);
    }
}
