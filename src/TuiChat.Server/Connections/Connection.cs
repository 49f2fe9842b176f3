using System.Net;
using System.Net.Sockets;
using Serilog;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Connections;

/// <summary>
/// What every client connection has, whatever its protocol: a dedicated reader thread (small
/// stack) that runs the protocol's read loop, an <see cref="Outbox"/> whose writer encodes and
/// sends what is queued, the login deadline and idle ping, and the closing rules (flush then FIN,
/// or abort on overflow). However the session ends, the reader's <c>finally</c> takes the user
/// offline and closes.
/// </summary>
public abstract class Connection : IClientLink
{
    /// <summary>How long a closing connection may take to flush what is queued.</summary>
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(3);

    /// <summary>After our FIN, how long the peer gets to close its side before the socket is closed hard.</summary>
    private static readonly TimeSpan LingerTimeout = TimeSpan.FromSeconds(1);

    private readonly Socket _socket;
    private readonly Func<Socket, Stream> _openStream;
    private readonly Action<Connection> _onClosed;
    private readonly Thread _thread;
    private readonly DateTimeOffset _connectedAt;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Stream? _stream;
    private long _lastReceivedTicks;
    private int _pinged;
    private string? _closeReason;
    private int _closing;

    /// <summary>1 while an abort has been marked (<see cref="BeginAbort"/>) and not yet finished.</summary>
    private int _abortPending;

    /// <summary>The reader's open <see cref="AfterLock"/> scope while it works through requests already read (<see cref="HoldWriters"/>).</summary>
    private AfterLock? _heldWriters;

    /// <param name="budget">The server-wide cap on queued outbound bytes; null for none.</param>
    protected Connection(Socket socket, Func<Socket, Stream> openStream, ServerServices services, IEventEncoder encoder, Action<Connection> onClosed, string threadName,
        OutboundBudget? budget)
    {
        _socket = socket;
        _openStream = openStream;
        Services = services;
        _onClosed = onClosed;
        EndPoint = socket.RemoteEndPoint?.ToString() ?? "?";
        Address = (socket.RemoteEndPoint as IPEndPoint)?.Address;
        RemoteAddress = Address?.ToString() ?? "?";
        Log = services.Log.ForContext("Client", EndPoint);
        _connectedAt = services.Time.GetUtcNow();
        _lastReceivedTicks = _connectedAt.UtcTicks;
        Out = new Outbox(services.Options.OutboxBytes, encoder, OnWriteFault, budget);
        _thread = new Thread(Run, services.Options.ReaderStackBytes) { IsBackground = true, Name = threadName + " " + EndPoint };
    }

    public string EndPoint { get; }

    public string RemoteAddress { get; }

    /// <summary>The peer's address (null when the socket did not say), for the per-address connection count.</summary>
    public IPAddress? Address { get; }

    /// <summary>Completes when the reader thread has finished and cleaned up.</summary>
    public Task Finished => _finished.Task;

    protected ServerServices Services { get; }

    protected ILogger Log { get; }

    protected Outbox Out { get; }

    /// <summary>The logged-in user, or null before login.</summary>
    protected abstract ChatUser? User { get; }

    /// <summary>True while the client has not logged in and is not being logged in (the login deadline runs).</summary>
    protected abstract bool AwaitingLogin { get; }

    protected bool Closing => Volatile.Read(ref _closing) != 0;

    public void Start() => _thread.Start();

    public void Prefetch() => Out.Prefetch();

    public virtual SendResult Send(ChatEvent e)
    {
        if (Out.TryAdd(e, out bool startWriter))
        {
            return startWriter ? SendResult.StartWriter : SendResult.Queued;
        }
        // Inside the ChatState lock: only mark the session as ending, so that the same decision
        // already routes around this user (IsClosing); DropOverflowed does the rest after the lock.
        BeginAbort(LeftReasons.SendQueue);
        return SendResult.Overflow;
    }

    /// <summary>Queues an event outside the ChatState (the shutdown notice) and starts the writer.</summary>
    public void Notify(ChatEvent e)
    {
        if (!Out.Enqueue(e))
        {
            Abort(LeftReasons.SendQueue);
        }
    }

    public void SendFrame(byte[] frame)
    {
        if (!Out.Enqueue(frame))
        {
            Abort(LeftReasons.SendQueue);
        }
    }

    public void StartWriter() => Out.StartWriter();

    public bool IsClosing => Closing;

    /// <summary>Finishes the abort a refused <see cref="Send"/> marked; called after the ChatState lock.</summary>
    public void DropOverflowed()
    {
        if (Interlocked.Exchange(ref _abortPending, 0) == 1)
        {
            FinishAbort();
        }
    }

    public void Disconnect(string reason)
    {
        // Offline first: what was queued before is flushed below, what comes after is kept offline.
        if (User is { } user)
        {
            Services.State.Sessions.RemoveUser(user, this, reason);
        }
        if (!BeginClose(reason))
        {
            return;
        }
        _ = CloseAfterFlushAsync();
    }

    /// <summary>Called by the server's housekeeping timer: the login deadline and the idle ping/timeout.</summary>
    public void CheckDeadlines(DateTimeOffset now)
    {
        if (Closing)
        {
            return;
        }
        ServerOptions options = Services.Options;
        if (User is null && AwaitingLogin && now - _connectedAt >= options.HelloDeadline)
        {
            Log.Information("No login from {Client} within {Deadline}; closing", EndPoint, options.HelloDeadline);
            Disconnect(LeftReasons.Timeout);
            return;
        }
        TimeSpan silent = now - new DateTimeOffset(Interlocked.Read(ref _lastReceivedTicks), TimeSpan.Zero);
        if (silent >= options.IdlePing + options.IdleTimeout)
        {
            Log.Information("{Client} silent for {Silent}; closing", EndPoint, silent);
            Disconnect(LeftReasons.Timeout);
        }
        else if (silent >= options.IdlePing && Interlocked.Exchange(ref _pinged, 1) == 0)
        {
            SendIdlePing();
        }
    }

    /// <summary>Reads and handles requests until the peer or the session ends; exceptions end the connection.</summary>
    protected abstract void Serve(Stream stream);

    protected abstract void SendIdlePing();

    /// <summary>The last thing a client dropped for its send queue reads: why (in its protocol).</summary>
    protected abstract byte[] SendQueueNotice { get; }

    /// <summary>Releases per-session resources (uploads) before the user goes offline.</summary>
    protected virtual void OnEnding()
    {
    }

    /// <summary>Called by the read loop for every request received: resets the idle clock.</summary>
    protected void Received()
    {
        Interlocked.Exchange(ref _lastReceivedTicks, Services.Time.GetUtcNow().UtcTicks);
        Volatile.Write(ref _pinged, 0);
    }

    private void Run()
    {
        try
        {
            _stream = _openStream(_socket);
            Out.Attach(_stream);
            Serve(_stream);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or EndOfStreamException or System.Security.Authentication.AuthenticationException)
        {
            // The peer went away (or the socket was closed under us): an abrupt end.
        }
        catch (Exception e)
        {
            Log.Error(e, "Connection {Client} failed", EndPoint);
        }
        finally
        {
            CleanUp();
        }
    }

    /// <summary>
    /// Called by the reader before each request it has read: the writers its requests claim (a
    /// room's members' queues) start together once it has no whole request left in its buffer
    /// (<see cref="StartHeldWriters"/>), not after each one. Requests that came in one read, a
    /// pipelining sender's burst, then reach each member in one write, as an event loop that reads
    /// every socket before it writes would send them: under a burst into a large room this cut
    /// the server's system calls per delivery (docs/BENCHMARKS.md). The wait is the time to handle
    /// what is already buffered; the reader never blocks while holding.
    /// </summary>
    protected void HoldWriters() => _heldWriters ??= AfterLock.Enter();

    /// <summary>Starts the writers held since <see cref="HoldWriters"/>: before the reader waits for the socket, or sleeps.</summary>
    protected void StartHeldWriters()
    {
        if (_heldWriters is { } held)
        {
            _heldWriters = null;
            held.Leave();
        }
    }

    private void CleanUp()
    {
        StartHeldWriters();
        OnEnding();
        string reason = Volatile.Read(ref _closeReason) ?? LeftReasons.Disconnect;
        if (User is { } user)
        {
            Services.State.Sessions.RemoveUser(user, this, reason);
            Log.Information("{User} disconnected from {Client} ({Reason})", user.Name, EndPoint, reason);
        }
        else
        {
            Log.Information("{Client} disconnected ({Reason})", EndPoint, reason);
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
    /// Drops the connection: its queue is over the limit or its socket failed. The caller may hold a
    /// lock (the acks lock, say), so the rest runs on the thread pool.
    /// </summary>
    private void Abort(string reason)
    {
        if (BeginAbort(reason))
        {
            ThreadPool.UnsafeQueueUserWorkItem(static c => c.DropOverflowed(), this, preferLocal: false);
        }
    }

    /// <summary>Marks the session as ending and refuses further frames; cheap enough for inside any lock.</summary>
    private bool BeginAbort(string reason)
    {
        if (!BeginClose(reason))
        {
            return false;
        }
        Out.Refuse();
        Volatile.Write(ref _abortPending, 1);
        return true;
    }

    /// <summary>
    /// Outside every lock: logs, takes the user offline, and tells a client dropped for its send
    /// queue why (the pending frames and downloads are dropped, the notice is flushed, then the
    /// socket closes); a failed socket is simply closed.
    /// </summary>
    private void FinishAbort()
    {
        string reason = Volatile.Read(ref _closeReason) ?? LeftReasons.Disconnect;
        if (reason != LeftReasons.Disconnect)
        {
            // A write that failed because the peer went away is no fault: the reader logs the
            // disconnection once, as for a peer whose going the reader saw first.
            Log.Warning("Dropping {Client} ({User}): {Reason}", EndPoint, User?.Name, reason);
        }
        if (User is { } user)
        {
            Services.State.Sessions.RemoveUser(user, this, reason);
        }
        if (reason == LeftReasons.SendQueue)
        {
            Out.ReplacePendingWith(SendQueueNotice);
            _ = CloseAfterFlushAsync();
            return;
        }
        Out.Close();
        CloseSocket();
    }

    private void OnWriteFault(Exception? e)
    {
        if (e is not (null or IOException or ObjectDisposedException or InvalidOperationException or NotSupportedException))
        {
            // Not the peer going away: a fault of ours, which must show in the log.
            Log.Error(e, "Writing to {Client} failed", EndPoint);
        }
        Abort(LeftReasons.Disconnect);
    }

    private async Task CloseAfterFlushAsync()
    {
        try
        {
            await Out.WhenDrained().WaitAsync(FlushTimeout).ConfigureAwait(false);
            // FIN first, so the peer reads everything we sent before the socket goes away.
            _socket.Shutdown(SocketShutdown.Send);
            await _finished.Task.WaitAsync(LingerTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or SocketException or ObjectDisposedException)
        {
            // A peer that does not drain or does not close gets closed hard.
        }
        Out.Close();
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
