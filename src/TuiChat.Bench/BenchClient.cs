using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TuiChat.Bench.Wire;

namespace TuiChat.Bench;

/// <summary>
/// One bench connection: logs in, optionally joins the bench room, then runs one async receive
/// loop into a reusable buffer for the whole run. Marker messages go to the
/// <see cref="DeliveryLedger"/> and a <see cref="LatencyHistogram"/>; the receive path allocates
/// nothing per frame or line. Receipt time is taken once per socket read.
/// </summary>
internal sealed class BenchClient : IReceiveSink, IDisposable
{
    private readonly IWire _wire;
    private readonly DeliveryLedger? _ledger;
    private readonly string _room;
    private readonly bool _joinRoom;
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ReceiveBuffer _buffer;
    private long _receiveTicks;
    private long _bytesReceived;
    private long _lastReceiptTicks;
    private volatile bool _closing;
    private volatile bool _dropped;
    private Task _receiveLoop = Task.CompletedTask;

    public BenchClient(int index, string user, IWire wire, DeliveryLedger? ledger, string room, bool joinRoom, int bufferSize)
    {
        Index = index;
        User = user;
        _wire = wire;
        _ledger = ledger;
        _room = room;
        _joinRoom = joinRoom;
        _buffer = new ReceiveBuffer(bufferSize);
        Latency = ledger is null ? null : new LatencyHistogram();
    }

    /// <summary>This client's receiver index in the ledger (and its sender index if it sends).</summary>
    public int Index { get; }
    public string User { get; }
    public LatencyHistogram? Latency { get; }
    public long BytesReceived => Volatile.Read(ref _bytesReceived);
    public long LastReceiptTicks => Volatile.Read(ref _lastReceiptTicks);

    /// <summary>Errors the server sent after the handshake (e.g. rate limits).</summary>
    public int Errors { get; private set; }

    /// <summary>True when the server closed the connection before the bench did.</summary>
    public bool Dropped => _dropped;

    /// <summary>Connects, logs in and (for room members) joins; completes when the client is ready.</summary>
    public async Task StartAsync(EndPoint server, TimeSpan timeout, CancellationToken cancel)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(timeout);
        await _socket.ConnectAsync(server, limit.Token).ConfigureAwait(false);
        _receiveLoop = ReceiveLoopAsync();
        await SendControlAsync(_wire.Login(User)).ConfigureAwait(false);
        await _ready.Task.WaitAsync(limit.Token).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="bytes"/> whole; serialised with control replies from the receive loop.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            while (!bytes.IsEmpty)
            {
                int sent = await _socket.SendAsync(bytes, SocketFlags.None).ConfigureAwait(false);
                bytes = bytes.Slice(sent);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes the connection; a close after this is not counted as a drop.</summary>
    public async Task CloseAsync()
    {
        _closing = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone.
        }
        _socket.Close();
        await _receiveLoop.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _socket.Dispose();
        _sendLock.Dispose();
    }

    void IReceiveSink.OnMarker(int sender, int seq, long sentTicks)
    {
        if (_ledger is not null && _ledger.Record(Index, sender, seq))
        {
            Latency!.Record(_receiveTicks - sentTicks);
            _lastReceiptTicks = _receiveTicks;
        }
    }

    void IReceiveSink.OnControl(ReadOnlySpan<byte> unit)
    {
        switch (_wire.Classify(unit))
        {
            case ControlKind.LoggedIn when !_ready.Task.IsCompleted:
                if (_joinRoom)
                {
                    _ = SendControlAsync(_wire.Join(_room));
                }
                else
                {
                    _ready.TrySetResult();
                }
                break;
            case ControlKind.Joined:
                _ready.TrySetResult();
                break;
            case ControlKind.LoginFailed or ControlKind.JoinFailed when !_ready.Task.IsCompleted:
                _ready.TrySetException(new InvalidOperationException($"{User}: {Encoding.UTF8.GetString(unit)}"));
                break;
            case ControlKind.Ping:
                _ = SendControlAsync(_wire.Pong(unit));
                break;
            case ControlKind.Error:
                Errors++;
                break;
        }
    }

    private async Task SendControlAsync(byte[] bytes)
    {
        try
        {
            await SendAsync(bytes).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            _ready.TrySetException(e);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                int read = await _socket.ReceiveAsync(_buffer.Free, SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                _receiveTicks = Stopwatch.GetTimestamp();
                _buffer.Commit(read);
                Volatile.Write(ref _bytesReceived, _bytesReceived + read);
                int consumed = _wire.Scan(_buffer.Pending, this, out int needed);
                _buffer.Consume(consumed, needed);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The connection ended; whether that is a drop is decided below.
        }
        catch (Exception e)
        {
            _ready.TrySetException(e);
            Errors++;
        }
        if (!_closing)
        {
            _dropped = true;
            _ready.TrySetException(new IOException($"{User}: the server closed the connection"));
        }
    }
}
