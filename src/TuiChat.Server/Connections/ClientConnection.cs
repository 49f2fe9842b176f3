using System.Net;
using ProtocolViolationException = TuiChat.Protocol.ProtocolViolationException;
using System.Net.Sockets;
using Serilog;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Commands;
using TuiChat.Server.Files;

namespace TuiChat.Server.Connections;

/// <summary>
/// One client connection: a dedicated reader thread (small stack) that reads frames and runs them
/// through the dispatcher, and an <see cref="Outbox"/> whose writer sends what the server
/// queues. All I/O goes through a <see cref="Stream"/> so TLS can wrap it. However the session
/// ends, the reader's <c>finally</c> takes the user offline, drops unfinished uploads and closes.
/// </summary>
public sealed class ClientConnection : IClientLink
{
    /// <summary>How long a closing connection may take to flush what is queued.</summary>
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(3);

    /// <summary>After our FIN, how long the peer gets to close its side before the socket is closed hard.</summary>
    private static readonly TimeSpan LingerTimeout = TimeSpan.FromSeconds(1);

    private static readonly byte[] PingFrame = MessageCodec.EncodeFrame(new PingMessage());

    private static readonly byte[] SendQueueFrame = MessageCodec.EncodeFrame(new ErrorReply
    {
        Code = ErrorCodes.SendQueue,
        Message = "you fell too far behind reading what the server sent; reconnect to continue",
    });

    private readonly Socket _socket;
    private readonly Func<Socket, Stream> _openStream;
    private readonly ServerServices _services;
    private readonly RequestDispatcher _dispatcher;
    private readonly Action<ClientConnection> _onClosed;
    private readonly ILogger _log;
    private readonly Thread _thread;
    private readonly DateTimeOffset _connectedAt;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Outbox _out;
    private Stream? _stream;
    private long _lastReceivedTicks;
    private int _pinged;

    /// <summary>
    /// Set while a hello is being processed: the deadline is for the client to send it, not for a
    /// busy server to process it. A refused hello does not buy more time.
    /// </summary>
    private volatile bool _helloReceived;
    private string? _closeReason;
    private int _closing;

    /// <param name="budget">The server-wide cap on queued outbound bytes; null for none.</param>
    public ClientConnection(Socket socket, Func<Socket, Stream> openStream, ServerServices services, RequestDispatcher dispatcher, Action<ClientConnection> onClosed,
        OutboundBudget? budget = null)
    {
        _socket = socket;
        _openStream = openStream;
        _services = services;
        _dispatcher = dispatcher;
        _onClosed = onClosed;
        EndPoint = socket.RemoteEndPoint?.ToString() ?? "?";
        Address = (socket.RemoteEndPoint as IPEndPoint)?.Address;
        RemoteAddress = Address?.ToString() ?? "?";
        _log = services.Log.ForContext("Client", EndPoint);
        _connectedAt = services.Time.GetUtcNow();
        _lastReceivedTicks = _connectedAt.UtcTicks;
        Session = new ClientSession(this, services.Options.RatePerSecond > 0
            ? new TokenBucket(services.Time, services.Options.RatePerSecond, services.Options.RateBurst)
            : null);
        _out = new Outbox(services.Options.OutboxBytes, OnWriteFault, budget);
        _thread = new Thread(Run, services.Options.ReaderStackBytes) { IsBackground = true, Name = "tuichat reader " + EndPoint };
    }

    public string EndPoint { get; }

    public string RemoteAddress { get; }

    /// <summary>The peer's address (null when the socket did not say), for the per-address connection count.</summary>
    public IPAddress? Address { get; }

    public ClientSession Session { get; }

    /// <summary>Completes when the reader thread has finished and cleaned up.</summary>
    public Task Finished => _finished.Task;

    public void Start() => _thread.Start();

    public void Send(byte[] frame)
    {
        if (!_out.Enqueue(frame) && Volatile.Read(ref _closing) == 0)
        {
            // The client fell more than the queue limit behind: drop it, nobody waits for it.
            Abort(LeftReasons.SendQueue);
        }
    }

    public bool SendDeferred(byte[] frame)
    {
        if (_out.TryAdd(frame, out bool startWriter))
        {
            return startWriter;
        }
        if (Volatile.Read(ref _closing) == 0)
        {
            Abort(LeftReasons.SendQueue);
        }
        return false;
    }

    public void StartWriter() => _out.StartWriter();

    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    public void AddSource(IFrameSource source) => _out.AddSource(source);

    public void Disconnect(string reason)
    {
        // Offline first: what was queued before is flushed below, what comes after is kept offline.
        if (Session.User is { } user)
        {
            _services.State.RemoveUser(user, reason);
        }
        if (!BeginClose(reason))
        {
            return;
        }
        _ = CloseAfterFlushAsync();
    }

    /// <summary>Called by the server's housekeeping timer: the hello deadline and the idle ping/timeout.</summary>
    public void CheckDeadlines(DateTimeOffset now)
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return;
        }
        ServerOptions options = _services.Options;
        if (Session.User is null && !_helloReceived && now - _connectedAt >= options.HelloDeadline)
        {
            _log.Information("No hello from {Client} within {Deadline}; closing", EndPoint, options.HelloDeadline);
            Disconnect(LeftReasons.Timeout);
            return;
        }
        TimeSpan silent = now - new DateTimeOffset(Interlocked.Read(ref _lastReceivedTicks), TimeSpan.Zero);
        if (silent >= options.IdlePing + options.IdleTimeout)
        {
            _log.Information("{Client} silent for {Silent}; closing", EndPoint, silent);
            Disconnect(LeftReasons.Timeout);
        }
        else if (silent >= options.IdlePing && Interlocked.Exchange(ref _pinged, 1) == 0)
        {
            Send(PingFrame);
        }
    }

    private void Run()
    {
        try
        {
            _stream = _openStream(_socket);
            _out.Attach(_stream);
            ReadLoop(new FrameReader(_stream, Math.Min(_services.Options.MaxFrameBeforeLogin, _services.Options.MaxFrame)));
        }
        catch (ProtocolViolationException e)
        {
            RejectBadFrame(e);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or EndOfStreamException or System.Security.Authentication.AuthenticationException)
        {
            // The peer went away (or the socket was closed under us): an abrupt end.
        }
        catch (Exception e)
        {
            _log.Error(e, "Connection {Client} failed", EndPoint);
        }
        finally
        {
            CleanUp();
        }
    }

    private void ReadLoop(FrameReader reader)
    {
        while (!Session.Ended && Volatile.Read(ref _closing) == 0 && reader.TryReadFrame(out ReadOnlyMemory<byte> payload))
        {
            Interlocked.Exchange(ref _lastReceivedTicks, _services.Time.GetUtcNow().UtcTicks);
            Volatile.Write(ref _pinged, 0);
            Envelope envelope = MessageCodec.ReadEnvelope(payload.Span);
            if (envelope.Type == MessageTypes.Hello)
            {
                _helloReceived = true;
            }
            _dispatcher.Dispatch(Session, envelope, payload.Span);
            _helloReceived = false;
            if (Session.User is not null)
            {
                // Logged in: frames up to the full limit (file chunks) from now on.
                reader.MaxFrame = _services.Options.MaxFrame;
            }
        }
    }

    private void RejectBadFrame(ProtocolViolationException e)
    {
        _log.Warning("Protocol violation from {Client} ({User}): {Reason}", EndPoint, Session.User?.Name, LogText.Safe(e.Message, 200));
        RequestDispatcher.SendError(Session, null, ErrorCodes.BadFrame, e.Message);
        Disconnect(LeftReasons.Disconnect);
    }

    private void CleanUp()
    {
        foreach (Upload upload in Session.Uploads.Values)
        {
            upload.Dispose();
            _services.Files.Discard(upload.FileId);
        }
        Session.Uploads.Clear();

        string reason = Volatile.Read(ref _closeReason) ?? LeftReasons.Disconnect;
        if (Session.User is { } user)
        {
            _services.State.RemoveUser(user, reason);
            _log.Information("{User} disconnected from {Client} ({Reason})", user.Name, EndPoint, reason);
        }
        else
        {
            _log.Information("{Client} disconnected ({Reason})", EndPoint, reason);
        }
        Disconnect(LeftReasons.Disconnect);
        _onClosed(this);
        _finished.TrySetResult();
    }

    private bool BeginClose(string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return false;
        }
        Interlocked.CompareExchange(ref _closeReason, reason, null);
        return true;
    }

    /// <summary>
    /// Drops the connection: its queue is over the limit or its socket failed. This may run inside
    /// the ChatState lock (a Send that overflowed), so it only marks the session as ending and
    /// refuses further frames; the rest happens in <see cref="FinishAbort"/> on the thread pool.
    /// </summary>
    private void Abort(string reason)
    {
        if (!BeginClose(reason))
        {
            return;
        }
        _out.Refuse();
        ThreadPool.UnsafeQueueUserWorkItem(static c => c.FinishAbort(), this, preferLocal: false);
    }

    /// <summary>
    /// Outside every lock: logs, takes the user offline, and tells a client dropped for its send
    /// queue why (the pending frames and downloads are dropped, the error is flushed, then the
    /// socket closes); a failed socket is simply closed.
    /// </summary>
    private void FinishAbort()
    {
        string reason = Volatile.Read(ref _closeReason) ?? LeftReasons.Disconnect;
        _log.Warning("Dropping {Client} ({User}): {Reason}", EndPoint, Session.User?.Name, reason);
        if (Session.User is { } user)
        {
            _services.State.RemoveUser(user, reason);
        }
        if (reason == LeftReasons.SendQueue)
        {
            _out.ReplacePendingWith(SendQueueFrame);
            _ = CloseAfterFlushAsync();
            return;
        }
        _out.Close();
        CloseSocket();
    }

    private void OnWriteFault(Exception? e) => Abort(LeftReasons.Disconnect);

    private async Task CloseAfterFlushAsync()
    {
        try
        {
            await _out.WhenDrained().WaitAsync(FlushTimeout).ConfigureAwait(false);
            // FIN first, so the peer reads everything we sent before the socket goes away.
            _socket.Shutdown(SocketShutdown.Send);
            await _finished.Task.WaitAsync(LingerTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or SocketException or ObjectDisposedException)
        {
            // A peer that does not drain or does not close gets closed hard.
        }
        _out.Close();
        CloseSocket();
    }

    private void CloseSocket()
    {
        try
        {
            _socket.Close();
            _stream?.Dispose();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // Closing a broken connection may fail; it is closed either way.
        }
    }
}
