using System.Net;
using System.Net.Sockets;
using Serilog;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Accounts;
using TuiChat.Server.Chat;
using TuiChat.Server.Cluster;
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
    private readonly IFileStore? _files;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly string _transport;
    private readonly HashSet<Connection> _connections = [];
    private readonly Dictionary<IPAddress, int> _connectionsPerAddress = [];
    private readonly OutboundBudget _outbound;
    private readonly Lock _connectionsGate = new();
    /// <summary>The stream a connection talks through; runs on the connection's own thread (so does the TLS handshake).</summary>
    private readonly Func<Socket, Stream> _openStream;
    private readonly Func<Socket, Stream>? _openTls;
    private readonly List<Socket> _ircListeners = [];
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _listener;
    private ITimer? _housekeeping;
    private ServerServices? _services;
    private ClusterNode? _cluster;
    private RequestDispatcher? _dispatcher;
    private int _stopping;

    /// <param name="options">The settings.</param>
    /// <param name="store">Where accounts, groups and history live; disposed by the shutdown.</param>
    /// <param name="time">The clock for deadlines and timestamps.</param>
    /// <param name="log">Where to log.</param>
    /// <param name="tls">When given, every connection speaks TLS (handshake first, same framing inside).</param>
    /// <param name="files">Where uploads are kept; by default a <see cref="FileStore"/> in the data folder.</param>
    public ChatServer(ServerOptions options, IChatStore store, TimeProvider? time = null, ILogger? log = null, TlsServerAuthenticator? tls = null, IFileStore? files = null)
    {
        _openTls = tls is null ? null : socket => tls.Authenticate(new Connections.PollingNetworkStream(socket));
        _openStream = _openTls ?? OpenPlain;
        _transport = tls is null ? "plain TCP" : "TLS";
        _options = options;
        _outbound = new OutboundBudget(options.MaxOutboundBytes, options.OutboundFairShareBytes);
        _store = store;
        _files = files;
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

    /// <summary>Bytes queued for all clients together (the --max-outbound-mb budget).</summary>
    public long OutboundBytes => _outbound.TotalBytes;

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
            new LoginThrottle(_time, _options.MaxLoginFailures, _options.LoginFailureWindow), _time, _options.AdminPassword,
            new RegistrationLimit(_time, _options.MaxRegistrationsPerAddress, _options.RegistrationWindow));
        var state = new ChatState(_time, _store, _log, _options.MaxSessionsPerAccount);
        IFileStore files = _files ?? new FileStore(_options.FilesDirectory);
        // A cluster's admin.shutdown from another server stops this one too, as if asked here.
        _cluster = _options.Redis is { } redis ? ClusterNode.Start(redis, _store, state, _log, (by, reason) => _ = StopAsync(by, reason)) : null;
        _services = new ServerServices(_options, _time, state, _store, accounts, files, this, _log);
        if (_cluster is not null)
        {
            _services = _services with { Lines = _cluster };
        }
        _dispatcher = new RequestDispatcher(CommandTable.Create(_services), _log);

        if (_options.IrcTlsPort is not null && _openTls is null)
        {
            throw new TlsConfigurationException("--irc-tls-port needs --tls-cert");
        }
        _listener = Listen(_options.Port);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        // The one line an operator greps for: which build, where it listens and what it stores into.
        _log.Information("tuichat-server {Version:l} listening on {Address:l}:{Port} ({Transport:l}); store {Store:l}; files {Files:l}",
            TuiChat.Cli.CommandLineRunner.ProductVersion(typeof(ChatServer).Assembly), _options.Bind, Port,
            _transport, _store.Description, files.Description);
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
        _ = AcceptLoopAsync(_listener, socket => new ClientConnection(socket, _openStream, _services!, _dispatcher!, Forget, _outbound));
    }

    private static Stream OpenPlain(Socket socket) => new Connections.PollingNetworkStream(socket);

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
        _ = AcceptLoopAsync(listener, socket => new Irc.IrcConnection(socket, openStream, _services!, Forget, _outbound));
        return bound;
    }

    /// <summary>An admin's <c>admin.shutdown</c>: in a cluster every server stops (a signal stops only its own process, <see cref="StopAsync"/>).</summary>
    public void RequestShutdown(string by, string reason)
    {
        _cluster?.ShutdownCluster(by, reason);
        _ = StopAsync(by, reason);
    }

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
            _services?.State.Sessions.BeginShutdown();
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
            _cluster?.Dispose();
            _store.Dispose();
            _log.Information("Shutdown complete");
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// Accepts until the server stops, whatever fails: a failed accept, or a connection whose
    /// thread cannot be created (out of descriptors, threads or memory), closes that one socket,
    /// backs off and goes on, so a brief shortage never stops the server for good.
    /// </summary>
    private async Task AcceptLoopAsync(Socket listener, Func<Socket, Connection> connect)
    {
        var backoff = new AcceptBackoff(_log);
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
                await AcceptBackoff.WaitAsync(backoff.Failed(e, "Accept")).ConfigureAwait(false);
                continue;
            }
            try
            {
                Admit(socket, connect);
                backoff.Succeeded();
            }
            catch (Exception e) when (e is OutOfMemoryException or SocketException or IOException or ThreadStartException or InvalidOperationException)
            {
                // .NET reports a thread it could not create (no descriptors, no memory) as OutOfMemoryException.
                ConnectionRefusal.Send(socket, ErrorCodes.Internal, "the server is short of resources; try again in a moment");
                await AcceptBackoff.WaitAsync(backoff.Failed(e, "Starting a connection")).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts a connection for <paramref name="socket"/>, or refuses it when its address has too many.</summary>
    private void Admit(Socket socket, Func<Socket, Connection> connect)
    {
        IPAddress? address = (socket.RemoteEndPoint as IPEndPoint)?.Address;
        if (address is not null && !TryCountIn(address))
        {
            _log.Warning("Refused a connection from {Address}: it already has {Max} (--max-connections-per-address)", address, _options.MaxConnectionsPerAddress);
            ConnectionRefusal.Send(socket, ErrorCodes.QuotaExceeded,
                $"too many connections from your address (at most {_options.MaxConnectionsPerAddress}); close one and try again");
            return;
        }
        Connection connection;
        try
        {
            socket.NoDelay = true;
            connection = connect(socket);
            lock (_connectionsGate)
            {
                _connections.Add(connection);
            }
        }
        catch
        {
            CountOut(address);
            throw;
        }
        _log.Information("Connection from {Client}", connection.EndPoint);
        try
        {
            connection.Start();
        }
        catch
        {
            // The reader never ran, so nobody else will forget it.
            Forget(connection);
            throw;
        }
    }

    private bool TryCountIn(IPAddress address)
    {
        lock (_connectionsGate)
        {
            int count = _connectionsPerAddress.GetValueOrDefault(address);
            if (_options.MaxConnectionsPerAddress > 0 && count >= _options.MaxConnectionsPerAddress)
            {
                return false;
            }
            _connectionsPerAddress[address] = count + 1;
            return true;
        }
    }

    private void CountOut(IPAddress? address)
    {
        if (address is null)
        {
            return;
        }
        lock (_connectionsGate)
        {
            int count = _connectionsPerAddress.GetValueOrDefault(address) - 1;
            if (count <= 0)
            {
                _connectionsPerAddress.Remove(address);
            }
            else
            {
                _connectionsPerAddress[address] = count;
            }
        }
    }

    private void Forget(Connection connection)
    {
        bool removed;
        lock (_connectionsGate)
        {
            removed = _connections.Remove(connection);
        }
        if (removed)
        {
            CountOut(connection.Address);
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
