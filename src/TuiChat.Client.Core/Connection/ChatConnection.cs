using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// <see cref="IChatConnection"/> over TCP (optionally wrapped, e.g. in TLS). One reader thread per
/// session reads frames, completes pending requests by <c>re</c>, answers <c>ping</c>, and raises
/// events. When a logged-in session drops, a background loop reconnects with backoff, logs in
/// again and re-joins the user's rooms; a <c>shutdown</c> event, <see cref="QuitAsync"/>, a
/// refused re-login or disposal stop it for good.
/// </summary>
public sealed partial class ChatConnection : IChatConnection
{
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan QuitFlushTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Login refusals that another attempt cannot fix.</summary>
    private static readonly HashSet<string> FinalLoginErrors =
    [
        ErrorCodes.AuthFailed, ErrorCodes.NameInvalid, ErrorCodes.PasswordInvalid, ErrorCodes.ProtocolUnsupported,
    ];

    private readonly ChatConnectionOptions _options;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]>> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Rooms the user is in, by key; re-joined after a reconnect. Guarded by <see cref="_gate"/>.</summary>
    private readonly Dictionary<string, string> _rooms = new(StringComparer.Ordinal);

    private FrameSession? _session;
    private ConnectionStatus _status = ConnectionStatus.Initial;
    private string _userName;
    private string? _role;
    private bool _register;
    private bool _everLoggedIn;
    private string? _shutdownReason;
    private long _nextId;

    public ChatConnection(ChatConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _userName = options.User;
        _register = options.Register;
        ServerAddress = options.Host.Contains(':', StringComparison.Ordinal)
            ? $"[{options.Host}]:{options.Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{options.Host}:{options.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    public event EventHandler<ConnectionStatus>? StatusChanged;
    public event EventHandler<SessionStartedEventArgs>? SessionStarted;
    public event EventHandler<ServerEvent>? EventReceived;
    public event EventHandler<ErrorReply>? ErrorReceived;

    public ConnectionStatus Status => Volatile.Read(ref _status);

    public string UserName => Volatile.Read(ref _userName);

    public string? Role => Volatile.Read(ref _role);

    public string ServerAddress { get; }

    /// <summary>Rooms and groups the user is in now (as last reported by the server).</summary>
    public IReadOnlyCollection<string> Rooms
    {
        get
        {
            lock (_gate)
            {
                return _rooms.Values.ToArray();
            }
        }
    }

    public async Task<HelloOk> ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_lifetime.IsCancellationRequested, this);
        SetStatus(new ConnectionStatus(ConnectionState.Connecting));
        try
        {
            return await OpenSessionAsync(isReconnect: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            SetStatus(new ConnectionStatus(ConnectionState.Disconnected, Reason: e.Message));
            throw;
        }
    }

    public async Task QuitAsync(string? reason = null, CancellationToken cancellationToken = default)
    {
        FrameSession? session = StopForGood();
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
        SetStatus(new ConnectionStatus(ConnectionState.Disconnected, Reason: "quit"));
    }

    public ValueTask DisposeAsync()
    {
        StopForGood()?.Dispose();
        if (Status.State is not ConnectionState.ServerShutDown)
        {
            SetStatus(new ConnectionStatus(ConnectionState.Disconnected));
        }
        _lifetime.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Cancels reconnecting and marks the current session as closed on purpose.</summary>
    private FrameSession? StopForGood()
    {
        FrameSession? session;
        lock (_gate)
        {
            session = _session;
            if (session is not null)
            {
                session.ClosedByClient = true;
            }
        }
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed before: nothing left to stop.
        }
        return session;
    }

    /// <summary>Connects, logs in and (on a reconnect) re-joins the rooms; then reports Connected.</summary>
    private async Task<HelloOk> OpenSessionAsync(bool isReconnect, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        CancellationToken token = linked.Token;

        var tcp = new TcpClient { NoDelay = true };
        FrameSession session;
        // From the TCP connect on, the server has HelloTimeout to answer: the TLS handshake and the hello.
        using var answerTimeout = new CancellationTokenSource(HelloTimeout, _options.Time);
        using var answerToken = CancellationTokenSource.CreateLinkedTokenSource(token, answerTimeout.Token);
        try
        {
            await tcp.ConnectAsync(_options.Host, _options.Port, token).ConfigureAwait(false);
            Stream stream = tcp.GetStream();
            if (_options.WrapStream is { } wrap)
            {
                stream = await wrap(stream, _options.Host, answerToken.Token).ConfigureAwait(false);
            }
            session = new FrameSession(tcp, stream, _options.MaxFrame);
        }
        catch (Exception e)
        {
            tcp.Dispose();
            if (IsNoAnswer(e, answerTimeout, token))
            {
                throw NoAnswer(e);
            }
            throw;
        }

        string[] roomsToRejoin;
        lock (_gate)
        {
            _session = session;
            roomsToRejoin = _rooms.Values.ToArray();
            _rooms.Clear();
        }
        var reader = new Thread(() => ReadLoop(session)) { IsBackground = true, Name = "tuichat-reader" };
        reader.Start();

        HelloOk hello;
        try
        {
            hello = await RequestAsync<HelloOk>(session, new HelloRequest
            {
                Protocol = ProtocolLimits.Version,
                User = _options.User,
                Password = _options.Password,
                Register = _register,
                Client = _options.ClientName,
            }, answerToken.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            session.ClosedByClient = true;
            session.Dispose();
            lock (_gate)
            {
                // Keep the rooms for the next attempt.
                foreach (string room in roomsToRejoin)
                {
                    _rooms.TryAdd(NameRules.Key(room), room);
                }
            }
            if (IsNoAnswer(e, answerTimeout, token))
            {
                throw NoAnswer(e);
            }
            throw;
        }

        session.LoggedIn = true;
        _register = false;
        _everLoggedIn = true;
        Volatile.Write(ref _userName, hello.User);
        Volatile.Write(ref _role, hello.Role);

        if (isReconnect)
        {
            await RejoinAsync(session, roomsToRejoin, token).ConfigureAwait(false);
        }
        SetStatus(new ConnectionStatus(ConnectionState.Connected));
        SessionStarted?.Invoke(this, new SessionStartedEventArgs(hello, isReconnect));
        return hello;
    }

    /// <summary>True when <paramref name="e"/> is the answer timeout running out, not a cancellation by the caller.</summary>
    private static bool IsNoAnswer(Exception e, CancellationTokenSource answerTimeout, CancellationToken token) =>
        e is OperationCanceledException && answerTimeout.IsCancellationRequested && !token.IsCancellationRequested;

    /// <summary>
    /// A server that accepts and never answers (not a TuiChat server, or a hung one) is a
    /// <see cref="TimeoutException"/> saying so, not a bare cancellation.
    /// </summary>
    private TimeoutException NoAnswer(Exception cancelled) =>
        new($"{_options.Host}:{_options.Port} accepted the connection but did not answer within {HelloTimeout.TotalSeconds:0} s; is a TuiChat server listening there?", cancelled);

    /// <summary>
    /// Re-joins the public rooms the user was in. The server itself puts the user back in
    /// <c>#general</c> and in every group of the account, so those are skipped.
    /// </summary>
    private async Task RejoinAsync(FrameSession session, string[] rooms, CancellationToken cancellationToken)
    {
        foreach (string room in rooms)
        {
            bool automatic = room.StartsWith(NameRules.GroupPrefix) || NameRules.Key(room) == "#general";
            if (automatic || IsInRoom(room))
            {
                continue;
            }
            try
            {
                RoomOk ok = await RequestAsync<RoomOk>(session, new JoinRequest { Room = room }, cancellationToken).ConfigureAwait(false);
                TrackRoom(ok.Room, joined: true);
            }
            catch (ChatRequestException e) when (e.Code != ChatRequestException.Disconnected)
            {
                // The room may be gone or closed to us now; the others still matter.
            }
        }
    }

    private bool IsInRoom(string room)
    {
        lock (_gate)
        {
            return _rooms.ContainsKey(NameRules.Key(room));
        }
    }

    private void TrackRoom(string room, bool joined)
    {
        lock (_gate)
        {
            if (joined)
            {
                _rooms[NameRules.Key(room)] = room;
            }
            else
            {
                _rooms.Remove(NameRules.Key(room));
            }
        }
    }

    private void SetStatus(ConnectionStatus status)
    {
        Volatile.Write(ref _status, status);
        StatusChanged?.Invoke(this, status);
    }

    /// <summary>The reader thread's end of a session: fail what waited on it, then reconnect or stop.</summary>
    private void OnSessionEnded(FrameSession session, string reason)
    {
        lock (_gate)
        {
            if (_session != session)
            {
                return;
            }
            _session = null;
        }
        session.Dispose();
        FailPending(reason);

        if (_shutdownReason is { } shutdown)
        {
            SetStatus(new ConnectionStatus(ConnectionState.ServerShutDown, Reason: shutdown));
            return;
        }
        if (session.ClosedByClient || _lifetime.IsCancellationRequested || !session.LoggedIn || !_everLoggedIn)
        {
            return;
        }
        _ = Task.Run(() => ReconnectLoopAsync(reason));
    }

    private async Task ReconnectLoopAsync(string reason)
    {
        CancellationToken token;
        try
        {
            token = _lifetime.Token;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        for (int attempt = 0; !token.IsCancellationRequested; attempt++)
        {
            TimeSpan delay = ReconnectBackoff.Delay(attempt, _options.InitialReconnectDelay, _options.MaxReconnectDelay, Random.Shared.NextDouble());
            try
            {
                await CountDownAsync(delay, reason, token).ConfigureAwait(false);
                SetStatus(new ConnectionStatus(ConnectionState.Reconnecting, Reason: reason));
                await OpenSessionAsync(isReconnect: true, token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (ChatRequestException e) when (FinalLoginErrors.Contains(e.Code))
            {
                SetStatus(new ConnectionStatus(ConnectionState.Disconnected, Reason: e.Message));
                return;
            }
            catch (Exception e) when (e is ChatRequestException or IOException or SocketException or OperationCanceledException
                or System.Security.Authentication.AuthenticationException)
            {
                reason = e.Message;
                if (_shutdownReason is not null)
                {
                    return;
                }
            }
            catch (Exception e)
            {
                // An untrusted certificate or anything unforeseen: retrying cannot help, and a
                // status stuck at "reconnecting" would hide the reason.
                SetStatus(new ConnectionStatus(ConnectionState.Disconnected, Reason: e.Message));
                return;
            }
        }
    }

    /// <summary>Waits out the backoff, reporting "reconnecting in Ns" each second.</summary>
    private async Task CountDownAsync(TimeSpan delay, string reason, CancellationToken cancellationToken)
    {
        TimeSpan left = delay;
        while (left > TimeSpan.Zero)
        {
            SetStatus(new ConnectionStatus(ConnectionState.Reconnecting, left, reason));
            TimeSpan step = left > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left;
            await Task.Delay(step, _options.Time, cancellationToken).ConfigureAwait(false);
            left -= step;
        }
    }
}
