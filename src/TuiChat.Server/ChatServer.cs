using System.Net;
using System.Net.Sockets;
using Serilog;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Accounts;
using TuiChat.Server.Chat;
using TuiChat.Server.Commands;
using TuiChat.Server.Connections;
using TuiChat.Server.Files;
using TuiChat.Server.Security;
using TuiChat.Server.Storage;

namespace TuiChat.Server;

/// <summary>
/// The TuiChat server: accepts connections, gives each its reader thread, checks deadlines on a
/// timer, and shuts down gracefully (every client gets <c>shutdown</c>, queues are flushed, the
/// store is disposed). Tests run it in-process on port 0; Program runs it for real.
/// </summary>
public sealed class ChatServer : IServerControl, IAsyncDisposable
{
    /// <summary>How long a shutdown waits for connections to flush and close before it goes on regardless.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(4);

    private readonly ServerOptions _options;
    private readonly IChatStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly HashSet<Connection> _connections = [];
    private readonly Lock _connectionsGate = new();
    /// <summary>The stream a connection talks through; runs on the connection's own thread (so does the TLS handshake).</summary>
    private readonly Func<Socket, Stream> _openStream;
    private readonly Func<Socket, Stream>? _openTls;
    private readonly List<Socket> _ircListeners = [];
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _listener;
    private ITimer? _housekeeping;
    private ServerServices? _services;
    private RequestDispatcher? _dispatcher;
    private int _stopping;

    /// <param name="options">The settings.</param>
    /// <param name="store">Where accounts, groups and history live; disposed by the shutdown.</param>
    /// <param name="time">The clock for deadlines and timestamps.</param>
    /// <param name="log">Where to log.</param>
    /// <param name="tls">When given, every connection speaks TLS (handshake first, same framing inside).</param>
    public ChatServer(ServerOptions options, IChatStore store, TimeProvider? time = null, ILogger? log = null, TlsServerAuthenticator? tls = null)
    {
        _openTls = tls is null ? null : socket => tls.Authenticate(new NetworkStream(socket, ownsSocket: false));
        _openStream = _openTls ?? OpenPlain;
        _options = options;
        _store = store;
        _time = time ?? TimeProvider.System;
        _log = log ?? Serilog.Core.Logger.None;
    }

    /// <summary>The port actually listened on (useful with port 0).</summary>
    public int Port { get; private set; }

    /// <summary>The plain IRC port actually listened on; null when off.</summary>
    public int? IrcPort { get; private set; }

    /// <summary>The IRC-over-TLS port actually listened on; null when off.</summary>
    public int? IrcTlsPort { get; private set; }

    /// <summary>Completes when a shutdown has finished: clients told, queues flushed, store disposed.</summary>
    public Task Stopped => _stopped.Task;

    public ChatState State => _services?.State ?? throw new InvalidOperationException("the server is not started");

    public int ConnectionCount
    {
        get
        {
            lock (_connectionsGate)
            {
                return _connections.Count;
            }
        }
    }

    public void Start()
    {
        var accounts = new AccountService(_store, new PasswordHasher(_options.PasswordIterations),
            new LoginThrottle(_time, _options.MaxLoginFailures, _options.LoginFailureWindow), _time, _options.AdminPassword);
        var state = new ChatState(_time, _store, _log);
        _services = new ServerServices(_options, _time, state, _store, accounts, new FileStore(_options.FilesDirectory), this, _log);
        _dispatcher = new RequestDispatcher(CommandTable.Create(_services), _log);

        if (_options.IrcTlsPort is not null && _openTls is null)
        {
            throw new TlsConfigurationException("--irc-tls-port needs --tls-cert");
        }
        _listener = Listen(_options.Port);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _log.Information("TuiChat server listening on {Address:l}:{Port} (data {Data:l})", _options.Bind, Port, Path.GetFullPath(_options.DataDirectory));
        if (_options.IrcPort is { } ircPort)
        {
            IrcPort = StartIrcListener(ircPort, OpenPlain, tls: false);
        }
        if (_options.IrcTlsPort is { } ircTlsPort)
        {
            IrcTlsPort = StartIrcListener(ircTlsPort, _openTls!, tls: true);
        }
        if (!accounts.AdminLoginPossible)
        {
            _log.Warning("No admin password configured: admin login is impossible");
        }

        _housekeeping = _time.CreateTimer(_ => CheckDeadlines(), null, _options.HousekeepingInterval, _options.HousekeepingInterval);
        _ = AcceptLoopAsync(_listener, socket => new ClientConnection(socket, _openStream, _services!, _dispatcher!, Forget));
    }

    private static Stream OpenPlain(Socket socket) => new NetworkStream(socket, ownsSocket: false);

    private Socket Listen(int port)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(_options.Bind), port);
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(endPoint);
        listener.Listen(512);
        return listener;
    }

    private int StartIrcListener(int port, Func<Socket, Stream> openStream, bool tls)
    {
        Socket listener = Listen(port);
        _ircListeners.Add(listener);
        int bound = ((IPEndPoint)listener.LocalEndPoint!).Port;
        _log.Information("IRC listening on {Address:l}:{Port}{Tls:l}", _options.Bind, bound, tls ? " (TLS)" : "");
        _ = AcceptLoopAsync(listener, socket => new Irc.IrcConnection(socket, openStream, _services!, Forget));
        return bound;
    }

    public void RequestShutdown(string by, string reason) => _ = StopAsync(by, reason);

    /// <summary>Graceful shutdown; safe to call more than once (later calls wait for the first).</summary>
    public async Task StopAsync(string by = "server", string reason = "")
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            await _stopped.Task.ConfigureAwait(false);
            return;
        }
        _log.Information("Shutting down (by {By}: {Reason})", by, reason);
        try
        {
            _listener?.Dispose();
            foreach (Socket irc in _ircListeners)
            {
                irc.Dispose();
            }
            _housekeeping?.Dispose();
            _services?.State.BeginShutdown();
            // One event for every connection: encoded once per protocol by the first writer that sends it.
            var notice = new SessionEnded(LeftReasons.Shutdown, by, reason);
            Connection[] connections = Snapshot();
            foreach (Connection connection in connections)
            {
                connection.Notify(notice);
                connection.Disconnect(LeftReasons.Shutdown);
            }
            Task all = Task.WhenAll(connections.Select(c => c.Finished));
            await Task.WhenAny(all, Task.Delay(ShutdownGrace)).ConfigureAwait(false);
            _store.Dispose();
            _log.Information("Shutdown complete");
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task AcceptLoopAsync(Socket listener, Func<Socket, Connection> connect)
    {
        while (Volatile.Read(ref _stopping) == 0)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (Volatile.Read(ref _stopping) != 0)
                {
                    return;
                }
                _log.Warning(e, "Accept failed");
                continue;
            }
            socket.NoDelay = true;
            Connection connection = connect(socket);
            lock (_connectionsGate)
            {
                _connections.Add(connection);
            }
            _log.Information("Connection from {Client}", connection.EndPoint);
            connection.Start();
        }
    }


    private void Forget(Connection connection)
    {
        lock (_connectionsGate)
        {
            _connections.Remove(connection);
        }
    }

    private void CheckDeadlines()
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (Connection connection in Snapshot())
        {
            connection.CheckDeadlines(now);
        }
    }

    private Connection[] Snapshot()
    {
        lock (_connectionsGate)
        {
            return [.. _connections];
        }
    }
}
