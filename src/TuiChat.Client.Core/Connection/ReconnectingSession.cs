using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// Keeps one logged-in <see cref="FrameSession"/> open: connects, has the owner log in, runs the
/// session's reader thread, and when a logged-in session drops, retries with backoff until it is
/// back. A server's <c>shutdown</c> is such a drop: a server going down (a signal, a restart,
/// maintenance) comes back or has others beside it. A refused re-login and <see cref="StopForGood"/>
/// stop the retries; <see cref="ReconnectNowAsync"/> starts over at once, also after those. With failover servers
/// (<see cref="ChatConnectionOptions.FailoverServers"/>) each attempt goes down the list until one
/// answers, starting, after a lost connection, with the server after the one that was lost.
/// </summary>
internal sealed class ReconnectingSession : IDisposable
{
    private readonly ChatConnectionOptions _options;
    private readonly FailoverServers _servers;
    private readonly ReconnectRetries _retryLoop;
    /// <summary>From the TCP connect on, the server has this long to answer: the TLS handshake and the hello.</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(15);

    private readonly Func<FrameSession, bool, CancellationToken, CancellationToken, Task<HelloOk>> _logIn;
    private readonly Action<FrameSession, ReadOnlyMemory<byte>> _onFrame;
    private readonly Action<string> _onLost;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();

    private FrameSession? _session;
    private CancellationTokenSource? _retries;
    private ConnectionStatus _status = ConnectionStatus.Initial;
    private bool _everLoggedIn;
    private string? _shutdownAnnounced;

    /// <param name="logIn">Logs in on a new session (true on a reconnect; the hello under the first token, the server's
    /// time to answer) and returns the server's <c>hello</c> reply.</param>
    /// <param name="onFrame">Every frame read, on the session's reader thread.</param>
    /// <param name="onLost">The logged-in session is gone (with why): fail what waited on it.</param>
    public ReconnectingSession(ChatConnectionOptions options, Func<FrameSession, bool, CancellationToken, CancellationToken, Task<HelloOk>> logIn,
        Action<FrameSession, ReadOnlyMemory<byte>> onFrame, Action<string> onLost)
    {
        _options = options;
        _servers = new FailoverServers(options.Servers);
        _retryLoop = new ReconnectRetries(options, SetStatus);
        _logIn = logIn;
        _onFrame = onFrame;
        _onLost = onLost;
    }

    public event EventHandler<ConnectionStatus>? StatusChanged;

    /// <summary>After each successful login, once the session takes requests.</summary>
    public event EventHandler<SessionStartedEventArgs>? SessionStarted;

    public ConnectionStatus Status => Volatile.Read(ref _status);

    /// <summary>The server of the current session, or of the last one tried.</summary>
    public ServerEndpoint Server => _servers.Current;

    /// <summary>The logged-in session, or null between sessions.</summary>
    public FrameSession? Current => Volatile.Read(ref _session) is { LoggedIn: true } session ? session : null;

    /// <summary>
    /// The logged-in session, after waiting for the first login if it is under way (a request the
    /// client makes as it starts); null when there is none. During an outage a request fails at
    /// once, whether or not a reconnect is logging in: the user is told "not connected" and its
    /// request is never sent late, in a session it did not see start.
    /// </summary>
    public async Task<FrameSession?> LoggedInAsync()
    {
        if (!Volatile.Read(ref _everLoggedIn) && Volatile.Read(ref _session) is { LoggedIn: false, IsDisposed: false } opening)
        {
            await opening.LoginOver.Task.ConfigureAwait(false);
        }
        return Current;
    }

    public bool IsStopped => _lifetime.IsCancellationRequested;

    /// <summary>The first connection: a failure is thrown and nothing retries.</summary>
    public async Task<HelloOk> ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsStopped, this);
        SetStatus(new ConnectionStatus(ConnectionState.Connecting));
        try
        {
            return await OpenAnyAsync(isReconnect: false, firstServer: 0, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            SetStatus(new ConnectionStatus(ConnectionState.Disconnected, Reason: e.Message));
            throw;
        }
    }

    /// <summary>
    /// Drops the current session (if any), cancels a backoff wait and connects at once, also after
    /// a server shutdown or a refused login. When this attempt fails for a reason another attempt
    /// may fix, the backoff loop takes over; the error is thrown either way.
    /// </summary>
    public async Task<HelloOk> ReconnectNowAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsStopped, this);
        FrameSession? old;
        lock (_gate)
        {
            _retries?.Cancel();
            _retries = null;
            _shutdownAnnounced = null;
            old = _session;
            _session = null;
        }
        if (old is not null)
        {
            old.ClosedByClient = true;
            old.Dispose();
            _onLost("reconnecting on request");
        }
        SetStatus(new ConnectionStatus(ConnectionState.Reconnecting));
        try
        {
            return await OpenAnyAsync(isReconnect: _everLoggedIn, _servers.CurrentIndex, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ReconnectRetries.IsTransient(e) && _everLoggedIn && !IsStopped)
        {
            StartRetrying(e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !IsStopped)
        {
            SetStatus(new ConnectionStatus(ConnectionState.Disconnected, Reason: e.Message));
            throw;
        }
    }

    /// <summary>
    /// The server announced <c>shutdown</c> (<paramref name="why"/>, in words): when the session
    /// ends, that is why it was lost, and the retries start as after any loss, from the next server.
    /// </summary>
    public void ServerShuttingDown(string why) => Volatile.Write(ref _shutdownAnnounced, why);

    /// <summary>Stops retrying for good and returns the open session (closed on purpose) for a goodbye.</summary>
    public FrameSession? StopForGood()
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

    public void SetStatus(ConnectionStatus status)
    {
        Volatile.Write(ref _status, status);
        StatusChanged?.Invoke(this, status);
    }

    public void Dispose()
    {
        StopForGood()?.Dispose();
        SetStatus(new ConnectionStatus(ConnectionState.Disconnected));
        _lifetime.Dispose();
    }

    /// <summary>Opens a session on the first server, from <paramref name="firstServer"/> on, that can be reached.</summary>
    private Task<HelloOk> OpenAnyAsync(bool isReconnect, int firstServer, CancellationToken cancellationToken) =>
        _servers.OpenFirstReachableAsync(firstServer, server => OpenAsync(server, isReconnect, cancellationToken),
            (server, e) => SetStatus(new ConnectionStatus(isReconnect ? ConnectionState.Reconnecting : ConnectionState.Connecting, Reason: $"{server}: {e.Message}")),
            cancellationToken);

    /// <summary>Connects, starts the reader, logs in; then reports Connected and raises SessionStarted.</summary>
    private async Task<HelloOk> OpenAsync(ServerEndpoint server, bool isReconnect, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        CancellationToken token = linked.Token;

        using var answerTimeout = new CancellationTokenSource(AnswerTimeout, _options.Time);
        using var answerToken = CancellationTokenSource.CreateLinkedTokenSource(token, answerTimeout.Token);
        FrameSession session;
        try
        {
            session = await FrameSession.OpenAsync(_options, server, token, answerToken.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (answerTimeout.IsCancellationRequested && !token.IsCancellationRequested)
        {
            throw NoAnswer(server, e);
        }

        lock (_gate)
        {
            _session = session;
        }
        new Thread(() => ReadLoop(session)) { IsBackground = true, Name = "tuichat-reader" }.Start();

        HelloOk hello;
        try
        {
            hello = await _logIn(session, isReconnect, answerToken.Token, token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            session.ClosedByClient = true;
            session.Dispose();
            session.LoginOver.TrySetResult();
            if (e is OperationCanceledException && answerTimeout.IsCancellationRequested && !token.IsCancellationRequested)
            {
                throw NoAnswer(server, e);
            }
            throw;
        }
        session.LoggedIn = true;
        session.LoginOver.TrySetResult();
        _everLoggedIn = true;
        SetStatus(new ConnectionStatus(ConnectionState.Connected));
        SessionStarted?.Invoke(this, new SessionStartedEventArgs(hello, isReconnect));
        return hello;
    }

    /// <summary>
    /// A server that accepts and never answers (not a TuiChat server, or a hung one) is a
    /// <see cref="TimeoutException"/> saying so, not a bare cancellation.
    /// </summary>
    private static TimeoutException NoAnswer(ServerEndpoint server, Exception cancelled) =>
        new($"{server} accepted the connection but did not answer within {AnswerTimeout.TotalSeconds:0} s; is a TuiChat server listening there?", cancelled);

    private void ReadLoop(FrameSession session)
    {
        string reason = "the server closed the connection";
        try
        {
            while (session.TryReadFrame(out ReadOnlyMemory<byte> payload))
            {
                _onFrame(session, payload);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or ProtocolViolationException or EndOfStreamException)
        {
            reason = e.Message;
        }
        OnSessionEnded(session, reason);
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
        _onLost(reason);

        string? shutdown = Interlocked.Exchange(ref _shutdownAnnounced, null);
        if (session.ClosedByClient || IsStopped || !session.LoggedIn || !_everLoggedIn)
        {
            return;
        }
        StartRetrying(shutdown ?? $"connection lost ({reason})");
    }

    /// <param name="reason">Why the session was lost, in words: the status's reason while the retries wait.</param>
    private void StartRetrying(string reason)
    {
        CancellationTokenSource retries;
        lock (_gate)
        {
            if (IsStopped)
            {
                return;
            }
            _retries?.Cancel();
            retries = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
            _retries = retries;
        }
        int firstServer = _servers.AfterCurrent;
        _ = Task.Run(() => _retryLoop.RunAsync(reason,
            token => OpenAnyAsync(isReconnect: true, firstServer, token), retries.Token));
    }
}
