using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// <see cref="IChatConnection"/> over TCP (optionally wrapped, e.g. in TLS), put together from
/// parts with one job each: <see cref="ReconnectingSession"/> keeps a logged-in session open,
/// <see cref="ReplyMatcher"/> pairs requests with replies, <see cref="MembershipTracker"/>
/// remembers the rooms to re-join, <see cref="OutgoingMessageQueue"/> sends chat lines in order
/// and <see cref="FileTransferClient"/> moves files. This class routes each frame the reader
/// thread reads to the part it belongs to and raises the events a view-model hears.
/// </summary>
public sealed class ChatConnection : IChatConnection
{
    private static readonly TimeSpan QuitFlushTimeout = TimeSpan.FromSeconds(2);

    private readonly ChatConnectionOptions _options;
    private readonly ReconnectingSession _session;
    private readonly ReplyMatcher _replies = new();
    private readonly SessionRequestChannel _requests;
    private readonly MembershipTracker _membership = new();
    private readonly OutgoingMessageQueue _outgoing;
    private readonly FileTransferClient _files;
    private string _userName;
    private bool _register;
    private volatile bool _slowed;

    public ChatConnection(ChatConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _userName = options.User;
        _register = options.Register;
        _session = new ReconnectingSession(options, LogInAsync, Dispatch, OnSessionLost);
        _session.StatusChanged += (_, status) => StatusChanged?.Invoke(this, status with { SlowedDown = _slowed });
        _session.SessionStarted += (_, e) => SessionStarted?.Invoke(this, e);
        _requests = new SessionRequestChannel(_session, _replies, options.Time);
        _outgoing = new OutgoingMessageQueue(_requests, options.Time);
        _outgoing.SlowedChanged += (_, slowed) =>
        {
            _slowed = slowed;
            StatusChanged?.Invoke(this, Status);
        };
        _files = new FileTransferClient(_requests, options.Time);
    }

    public event EventHandler<ConnectionStatus>? StatusChanged;
    public event EventHandler<SessionStartedEventArgs>? SessionStarted;
    public event EventHandler<ServerEvent>? EventReceived;
    public event EventHandler<ErrorReply>? ErrorReceived;

    public ConnectionStatus Status => _session.Status with { SlowedDown = _slowed };

    public string UserName => Volatile.Read(ref _userName);

    /// <summary>The server of the current (or last) session: with failover servers it changes.</summary>
    public string ServerAddress => _session.Server.ToString();

    /// <summary>Rooms and groups the user is in now (as last reported by the server).</summary>
    public IReadOnlyCollection<string> Rooms => _membership.Rooms;

    public Task<HelloOk> ConnectAsync(CancellationToken cancellationToken = default) => _session.ConnectAsync(cancellationToken);

    public Task<HelloOk> ReconnectAsync(CancellationToken cancellationToken = default) => _session.ReconnectNowAsync(cancellationToken);

    public async Task<RoomOk> JoinAsync(string room, CancellationToken cancellationToken = default)
    {
        RoomOk ok = await _requests.RequestAsync<RoomOk>(new JoinRequest { Room = room }, cancellationToken).ConfigureAwait(false);
        _membership.Joined(ok.Room);
        return ok;
    }

    public async Task LeaveAsync(string room, CancellationToken cancellationToken = default)
    {
        await _requests.RequestAsync<OkReply>(new LeaveRequest { Room = room }, cancellationToken).ConfigureAwait(false);
        _membership.Left(room);
    }

    public async Task<RoomOk> CreateGroupAsync(string room, IReadOnlyList<string> members, CancellationToken cancellationToken = default)
    {
        RoomOk ok = await _requests.RequestAsync<RoomOk>(new CreateRequest { Room = room, Private = true, Members = members }, cancellationToken)
            .ConfigureAwait(false);
        _membership.Joined(ok.Room);
        return ok;
    }

    public Task InviteAsync(string room, string user, CancellationToken cancellationToken = default) =>
        _requests.RequestAsync<OkReply>(new InviteRequest { Room = room, User = user }, cancellationToken);

    public Task KickAsync(string room, string user, string? reason = null, CancellationToken cancellationToken = default) =>
        _requests.RequestAsync<OkReply>(new KickRequest { Room = room, User = user, Reason = reason }, cancellationToken);

    public Task SetTopicAsync(string room, string topic, CancellationToken cancellationToken = default) =>
        _requests.RequestAsync<OkReply>(new TopicRequest { Room = room, Topic = topic }, cancellationToken);

    public async Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(CancellationToken cancellationToken = default) =>
        (await _requests.RequestAsync<RoomsOk>(new RoomsRequest(), cancellationToken).ConfigureAwait(false)).Rooms;

    public async Task<IReadOnlyList<UserInfo>> ListUsersAsync(string? room = null, CancellationToken cancellationToken = default) =>
        (await _requests.RequestAsync<UsersOk>(new UsersRequest { Room = room }, cancellationToken).ConfigureAwait(false)).Users;

    public Task<MsgOk> SendMessageAsync(string target, string text, CancellationToken cancellationToken = default) =>
        _outgoing.EnqueueAsync(new MsgRequest { To = target, Text = text }, cancellationToken);

    public async Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(string target, long? before = null, int? limit = null,
        CancellationToken cancellationToken = default) =>
        (await _requests.RequestAsync<HistoryOk>(new HistoryRequest { To = target, Before = before, Limit = limit }, cancellationToken)
            .ConfigureAwait(false)).Messages;

    public Task<FileEvent> UploadFileAsync(string target, string path, IProgress<TransferProgress>? progress = null,
        CancellationToken cancellationToken = default) => _files.UploadAsync(target, path, progress, cancellationToken);

    public Task<FileGetOk> DownloadFileAsync(string fileId, Stream destination, IProgress<TransferProgress>? progress = null,
        CancellationToken cancellationToken = default) => _files.DownloadAsync(fileId, destination, progress, cancellationToken);

    public Task PublishKeysAsync(KeysPutRequest keys, CancellationToken cancellationToken = default) =>
        _requests.RequestAsync<OkReply>(keys, cancellationToken);

    public Task<KeysOk> GetKeysAsync(string user, CancellationToken cancellationToken = default) =>
        _requests.RequestAsync<KeysOk>(new KeysGetRequest { User = user }, cancellationToken);

    public Task<ReadOk> MarkReadAsync(string room, long msgId, CancellationToken cancellationToken = default) =>
        _requests.RequestAsync<ReadOk>(new ReadRequest { Room = room, MsgId = msgId }, cancellationToken);

    public Task<SearchOk> SearchAsync(string query, long? before = null, int? limit = null, CancellationToken cancellationToken = default) =>
        _requests.RequestAsync<SearchOk>(new SearchRequest { Q = query, Before = before, Limit = limit }, cancellationToken);

    public Task SetAwayAsync(string? text, CancellationToken cancellationToken = default) =>
        _requests.RequestAsync<OkReply>(new AwayRequest { Text = string.IsNullOrEmpty(text) ? null : text }, cancellationToken);

    public Task<WhoisOk> WhoisAsync(string user, CancellationToken cancellationToken = default) =>
        _requests.RequestAsync<WhoisOk>(new WhoisRequest { User = user }, cancellationToken);

    public Task ShutdownServerAsync(string? reason, CancellationToken cancellationToken = default) =>
        _requests.RequestAsync<OkReply>(new AdminShutdownRequest { Reason = reason }, cancellationToken);

    public async Task QuitAsync(string? reason = null, CancellationToken cancellationToken = default)
    {
        FrameSession? session = _session.StopForGood();
        _outgoing.Dispose();
        if (session is not null)
        {
            try
            {
                using var flush = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                flush.CancelAfter(QuitFlushTimeout);
                await session.SendAsync(MessageCodec.EncodeFrame(new QuitRequest { Reason = reason }), flush.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
            {
                // The server is gone already; there is nobody to say goodbye to.
            }
            session.Dispose();
        }
        _session.SetStatus(new ConnectionStatus(ConnectionState.Disconnected, Reason: "quit"));
    }

    public ValueTask DisposeAsync()
    {
        _outgoing.Dispose();
        _session.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Logs in on a new session and, on a reconnect, re-joins the rooms the user was in.</summary>
    private async Task<HelloOk> LogInAsync(FrameSession session, bool isReconnect, CancellationToken helloToken,
        CancellationToken cancellationToken)
    {
        HelloOk hello = await _replies.RequestAsync<HelloOk>(session, new HelloRequest
        {
            Protocol = ProtocolLimits.Version,
            User = _options.User,
            Password = _options.Password,
            Register = _register,
            Client = _options.ClientName,
            OfflineAck = true,
            // A reconnect starts in the public rooms the user was in, and no other: #general only
            // if the user had not left it. The first login starts in #general, as for everyone.
            Rooms = isReconnect ? _membership.RoomsToStartIn(ProtocolLimits.MaxHelloRooms) : null,
        }, helloToken).ConfigureAwait(false);
        _register = false;
        Volatile.Write(ref _userName, hello.User);
        if (isReconnect)
        {
            await _membership.RejoinAsync((room, token) => _requests.RequestAsync<RoomOk>(session, new JoinRequest { Room = room }, token),
                cancellationToken).ConfigureAwait(false);
        }
        return hello;
    }

    private void OnSessionLost(string reason)
    {
        _replies.FailAll(reason);
        _files.FailAll(reason);
    }

    /// <summary>One frame from the server (reader thread): a reply, a ping, a file chunk, an error or an event.</summary>
    private void Dispatch(FrameSession session, ReadOnlyMemory<byte> frame)
    {
        ReadOnlySpan<byte> payload = frame.Span;
        Envelope envelope = MessageCodec.ReadEnvelope(payload);
        if (envelope.Re is { } re && envelope.Type is MessageTypes.Ok or MessageTypes.Error)
        {
            _replies.TryComplete(re, payload);
            return;
        }
        try
        {
            switch (envelope.Type)
            {
                case MessageTypes.Ping:
                    _ = AnswerPingAsync(session);
                    break;
                case MessageTypes.Pong:
                    break;
                case MessageTypes.Error:
                    ErrorReply error = MessageCodec.Decode<ErrorReply>(payload);
                    _files.OnUnsolicitedError(error);
                    ErrorReceived?.Invoke(this, error);
                    break;
                case MessageTypes.FileChunk:
                    _files.OnChunk(MessageCodec.Decode<FileChunk>(payload));
                    break;
                case MessageTypes.FileEnd:
                    _files.OnEnd(MessageCodec.Decode<FileEndEvent>(payload).FileId);
                    break;
                case MessageTypes.OfflineBatch:
                    _ = OfflineAcknowledger.AcknowledgeAsync(session, MessageCodec.Decode<OfflineBatchEvent>(payload));
                    break;
                default:
                    if (ServerEvents.Decode(envelope.Type, payload) is { } serverEvent)
                    {
                        Observe(serverEvent);
                        EventReceived?.Invoke(this, serverEvent);
                    }
                    break;
            }
        }
        catch (BadRequestException)
        {
            // A frame we cannot map (a newer server's variant): ignoring it keeps the session usable.
        }
    }

    /// <summary>What the connection's parts must remember from events: rooms, a shutdown, finished uploads.</summary>
    private void Observe(ServerEvent serverEvent)
    {
        _membership.Observe(serverEvent, UserName);
        switch (serverEvent)
        {
            case ShutdownEvent shutdown:
                _session.ServerShuttingDown(Describe(shutdown));
                break;
            case FileEvent file:
                _files.OnFileStored(file);
                break;
        }
    }

    /// <summary>"server shutting down (received SIGTERM)", "server shut down by admin (maintenance)".</summary>
    private static string Describe(ShutdownEvent shutdown)
    {
        string who = shutdown.By == "server" ? "server shutting down" : "server shut down by " + shutdown.By;
        return string.IsNullOrWhiteSpace(shutdown.Reason) ? who : $"{who} ({shutdown.Reason})";
    }

    private static async Task AnswerPingAsync(FrameSession session)
    {
        try
        {
            await ReplyMatcher.SendAsync(session, new PongMessage(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (ChatRequestException)
        {
            // The reader notices the broken connection by itself.
        }
    }
}
