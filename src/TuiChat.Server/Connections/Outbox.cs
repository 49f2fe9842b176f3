using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Connections;

/// <summary>
/// One connection's bounded queue of outgoing frames and domain events, and its writer. Events are
/// encoded by the writer with the connection's <see cref="IEventEncoder"/> (cached on the event for
/// every other recipient of the same protocol), so nothing is encoded under the ChatState lock; an
/// event is charged its <see cref="ChatEvent.SizeHint"/> against the limit until it is written. <see cref="TryAdd"/> is a
/// cheap non-blocking append (it is called inside the ChatState lock, which starts the writers it
/// claimed after releasing that lock); the writer runs only while frames are pending, so an idle
/// connection holds no thread and no buffer: its first write on a plain socket is made by the
/// thread that claimed it (<see cref="StartWriter"/>), the rest by an async loop on the thread pool. It takes everything pending as one batch (<see cref="BatchWriter"/>). Over <c>limit</c> pending bytes the queue refuses the frame and reports an
/// overflow; the owner then drops the connection ("sendq").
/// </summary>
public sealed class Outbox : IThreadPoolWorkItem
{
    /// <summary>Frame sources (downloads) are pulled from only while fewer bytes than this are pending.</summary>
    private const int SourceLowWater = 256 * 1024;

    private readonly int _limit;
    private Stream? _stream;

    /// <summary>The stream when it is a plain socket's: the thread that claims the idle writer may write to it itself (<see cref="StartWriter"/>).</summary>
    private PollingNetworkStream? _direct;
    private bool _needsFlush;
    private readonly Action<Exception?> _onFault;
    private readonly Lock _gate = new();
    private IEventEncoder _encoder;
    private readonly OutboundBudget? _budget;
    private OutItemList _pending = new();
    private OutItemList _draining = new();
    private Queue<IFrameSource>? _sources;
    private long _pendingBytes;
    private bool _writing;
    private bool _closed;
    private bool _refusing;
    private TaskCompletionSource? _drained;

    /// <param name="onFault">Called once when a write fails (the peer is gone).</param>
    /// <param name="budget">The server-wide cap this queue counts against; null for none.</param>
    public Outbox(int limit, IEventEncoder encoder, Action<Exception?> onFault, OutboundBudget? budget = null)
    {
        _limit = limit;
        _encoder = encoder;
        _budget = budget;
        _onFault = onFault;
    }

    /// <summary>
    /// Gives the outbox its stream once the connection has one (after a TLS handshake, say);
    /// frames queued before that are written then.
    /// </summary>
    public void Attach(Stream stream)
    {
        lock (_gate)
        {
            _stream = stream;
            _direct = stream as PollingNetworkStream;
            // A NetworkStream sends on write and SslStream encrypts and passes each write on to its
            // inner stream (always a NetworkStream here, see ChatServer): neither holds data back,
            // so their flush is a no-op call. Any other stream is flushed after every batch.
            _needsFlush = stream is not (NetworkStream or SslStream);
            if (_pending.Count > 0 || _sources is not null)
            {
                StartWriterLocked();
            }
        }
    }

    /// <summary>
    /// The encoder of events written from now on (an IRC client's tags change with CAP REQ). Set by
    /// the reader; the writer reads it once per batch.
    /// </summary>
    public IEventEncoder Encoder
    {
        get => Volatile.Read(ref _encoder);
        set => Volatile.Write(ref _encoder, value);
    }

    public long PendingBytes
    {
        get
        {
            lock (_gate)
            {
                return _pendingBytes;
            }
        }
    }

    /// <summary>
    /// Appends a frame and starts the writer if it is idle. Returns false when the queue is closed
    /// or the frame would take it over its limit (the frame is dropped; the caller disconnects the client).
    /// </summary>
    public bool Enqueue(byte[] frame) => Enqueue(new OutItem(frame, null, frame.Length));

    /// <summary>Appends an event (encoded when written) and starts the writer if it is idle; false like <see cref="Enqueue(byte[])"/>.</summary>
    public bool Enqueue(ChatEvent e) => Enqueue(new OutItem(null, e, e.Charge));

    /// <summary>Appends an event like <see cref="TryAdd(byte[], out bool)"/>.</summary>
    public bool TryAdd(ChatEvent e, out bool startWriter) => TryAdd(new OutItem(null, e, e.Charge), out startWriter);

    public bool TryAdd(byte[] frame, out bool startWriter) => TryAdd(new OutItem(frame, null, frame.Length), out startWriter);

    private bool Enqueue(OutItem item)
    {
        if (!TryAdd(item, out bool startWriter))
        {
            return false;
        }
        if (startWriter)
        {
            StartWriter();
        }
        return true;
    }

    /// <summary>
    /// Touches the objects <see cref="TryAdd"/> and the first write will read (this queue, its
    /// lists and lock, the stream and its socket) and changes nothing. Each read is only there to
    /// load a cache line: the compiler keeps a dereference for its null check even when the value
    /// goes unused.
    /// </summary>
    public void Prefetch()
    {
        _ = _pending.Count;
        _ = _draining.Count;
        _ = _gate.IsHeldByCurrentThread;
        _ = _direct?.Socket.Connected;
    }

    /// <summary>
    /// Appends a frame like <see cref="Enqueue"/> but leaves the writer's start to the caller:
    /// <paramref name="startWriter"/> is true when the writer was idle and is now claimed, and the
    /// caller must call <see cref="StartWriter"/> (once it has released its own lock, so that the
    /// thread-pool wake-up does not happen under it).
    /// </summary>
    private bool TryAdd(OutItem item, out bool startWriter)
    {
        startWriter = false;
        lock (_gate)
        {
            if (_closed || _refusing || _pendingBytes + item.Charge > _limit || _budget?.Allows(_pendingBytes, item.Charge) == false)
            {
                return false;
            }
            _pending.Add(item);
            _pendingBytes += item.Charge;
            _budget?.Add(item.Charge);
            if (!_writing && _stream is not null)
            {
                _writing = true;
                startWriter = true;
            }
        }
        return true;
    }

    /// <summary>
    /// Runs the writer that <see cref="TryAdd"/> claimed. On a plain socket the calling thread first
    /// writes what is pending itself, as far as the kernel takes it at once (it never waits): the
    /// poster of a line writes it to every idle member's socket in turn, as an event loop would,
    /// instead of waking a thread-pool writer per member, which cost a wake-up, a dispatch and an
    /// asynchronous send each: on the paced row (100 clients, 200 lines/s) that cut the server's
    /// CPU per delivery by about a fifth (docs/BENCHMARKS.md). Later members' queues
    /// have had longer to fill, so a burst from several posters still leaves in few writes. What
    /// the kernel did not take, and what was queued meanwhile, goes to the thread-pool writer.
    /// </summary>
    public void StartWriter()
    {
        if (_direct is null || !TryWriteNow())
        {
            ScheduleWriter();
        }
    }

    private void ScheduleWriter() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    /// <summary>
    /// The claimed writer's first batch, written on the calling thread without waiting. Returns
    /// true when the writer is done (everything went, or the connection failed), false when the
    /// thread-pool writer must go on (the kernel's buffer was full, or more was queued meanwhile).
    /// </summary>
    private bool TryWriteNow()
    {
        OutItemList batch;
        lock (_gate)
        {
            if (_closed)
            {
                _writing = false;
                return true;
            }
            if (_sources is not null || _pending.Count == 0)
            {
                return false;
            }
            (batch, _pending, _draining) = (_pending, _draining, _pending);
        }

        IEventEncoder encoder = Encoder;
        byte[]? buffer = null;
        try
        {
            // One system call: the frames that fit in one buffer (or a single frame as it is).
            ReadOnlySpan<byte> bytes = default;
            int taken = 0;
            long charge = 0;
            if (batch.Count > 1)
            {
                buffer = ArrayPool<byte>.Shared.Rent(BatchWriter.CoalesceBytes);
                bytes = buffer.AsSpan(0, BatchWriter.Coalesce(batch, 0, buffer, encoder, out taken, out charge));
            }
            if (taken == 0)
            {
                bytes = batch[0].Bytes(encoder);
                charge = batch[0].Charge;
                taken = 1;
            }
            int sent = _direct!.WriteNow(bytes);
            return AfterWriteNow(batch, taken, bytes[sent..], charge);
        }
        catch (Exception e)
        {
            // The peer went away, or encoding failed: either way this connection fails, and only
            // it. The caller is usually another connection's reader starting the writers its
            // lines claimed (AfterLock.Leave), which must go on with the other members.
            lock (_gate)
            {
                batch.Clear();
                _writing = false;
            }
            Close();
            _onFault(e);
            return true;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Puts back what <see cref="TryWriteNow"/> did not send, in order and ahead of what was queued
    /// meanwhile, and releases the writer if nothing is left: <paramref name="taken"/> frames of
    /// <paramref name="batch"/> were written but for <paramref name="unsent"/>, and count <paramref name="charge"/>.
    /// </summary>
    private bool AfterWriteNow(OutItemList batch, int taken, ReadOnlySpan<byte> unsent, long charge)
    {
        lock (_gate)
        {
            if (_closed)
            {
                // Close dropped the queue and its count.
                batch.Clear();
                _writing = false;
                return true;
            }
            // The batch becomes the queue: what it did not send, then what was queued meanwhile.
            // Inserting them one by one at the head of the queue copied the queue once per frame
            // and grew a new array for it (docs/BENCHMARKS.md).
            int from = taken;
            if (!unsent.IsEmpty)
            {
                // The rest of a frame cut by the kernel, in the last written one's place. Still
                // counted until the thread-pool writer has sent it.
                batch[--from] = new OutItem(unsent.ToArray(), null, (int)charge);
                charge = 0;
            }
            batch.RemoveFirst(from);
            batch.AddRange(_pending);
            _pending.Clear();
            (_pending, _draining) = (batch, _pending);
            long left = Math.Max(0, _pendingBytes - charge);
            _budget?.Release(_pendingBytes - left);
            _pendingBytes = left;
            if (_pending.Count > 0 || _sources is not null)
            {
                return false;
            }
            GoIdleLocked();
            return true;
        }
    }

    /// <summary>Adds a source whose frames go out after everything already queued, as the queue drains.</summary>
    public void AddSource(IFrameSource source)
    {
        lock (_gate)
        {
            if (_closed)
            {
                source.Dispose();
                return;
            }
            (_sources ??= new Queue<IFrameSource>()).Enqueue(source);
            StartWriterLocked();
        }
    }

    /// <summary>Completes when everything queued so far (sources included) is written, or the queue failed.</summary>
    public Task WhenDrained()
    {
        lock (_gate)
        {
            if (_closed || (!_writing && _pending.Count == 0 && _sources is null))
            {
                return Task.CompletedTask;
            }
            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    /// <summary>
    /// Refuses every further frame, at once and cheaply (the caller may hold the ChatState lock);
    /// <see cref="ReplacePendingWith"/> or <see cref="Close"/> follow outside that lock.
    /// </summary>
    public void Refuse()
    {
        lock (_gate)
        {
            _refusing = true;
        }
    }

    /// <summary>
    /// Drops what is pending and the frame sources (closing their files) and queues
    /// <paramref name="last"/> alone, whatever the limit: the one frame that tells a dropped client why.
    /// </summary>
    public void ReplacePendingWith(byte[] last)
    {
        Queue<IFrameSource>? sources;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            _refusing = true;
            // Bytes of a batch the writer is sending stay counted until it has sent them.
            long dropped = 0;
            for (int i = 0; i < _pending.Count; i++)
            {
                dropped += _pending[i].Charge;
            }
            _pending.Clear();
            _pending.Add(new OutItem(last, null, last.Length));
            _pendingBytes += last.Length - dropped;
            _budget?.Release(dropped);
            _budget?.Add(last.Length);
            sources = _sources;
            _sources = null;
            StartWriterLocked();
        }
        DisposeAll(sources);
    }

    /// <summary>Refuses further frames and drops what is pending.</summary>
    public void Close()
    {
        Queue<IFrameSource>? sources;
        TaskCompletionSource? drained;
        lock (_gate)
        {
            _closed = true;
            _pending.Clear();
            _budget?.Release(_pendingBytes);
            _pendingBytes = 0;
            sources = _sources;
            _sources = null;
            drained = _drained;
            _drained = null;
        }
        DisposeAll(sources);
        drained?.TrySetResult();
    }

    private void StartWriterLocked()
    {
        if (!_writing && _stream is not null)
        {
            _writing = true;
            ScheduleWriter();
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = WriteLoopAsync();

    private async Task WriteLoopAsync()
    {
        // Rented only when a batch has several frames: the common single frame is written as it is.
        byte[]? buffer = null;
        try
        {
            while (true)
            {
                PullFromSource();
                OutItemList batch;
                lock (_gate)
                {
                    if (_closed || (_pending.Count == 0 && _sources is null))
                    {
                        GoIdleLocked();
                        return;
                    }
                    (batch, _pending, _draining) = (_pending, _draining, _pending);
                }

                if (batch.Count > 1)
                {
                    buffer ??= ArrayPool<byte>.Shared.Rent(BatchWriter.CoalesceBytes);
                }
                long written = await BatchWriter.WriteAsync(_stream!, batch, buffer, Encoder, _needsFlush).ConfigureAwait(false);
                // Emptied before the next swap makes it the queue again: its references go, its array stays.
                batch.Clear();
                lock (_gate)
                {
                    long left = Math.Max(0, _pendingBytes - written);
                    _budget?.Release(_pendingBytes - left);
                    _pendingBytes = left;
                }
            }
        }
        catch (Exception e)
        {
            // As in TryWriteNow: whatever failed (the peer, or an encoder), this connection fails
            // and its owner learns why; a fault left in this fire-and-forget task would leave the
            // writer claimed for good and the queue growing until the send-queue limit.
            lock (_gate)
            {
                _writing = false;
            }
            Close();
            _onFault(e);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Releases the writer once everything is written. The two lists keep the arrays they grew while
    /// the connection is busy (a reader that falls behind has a long queue at every batch); an idle
    /// connection gives an array a burst grew back to the pool, so that it holds no more than a few
    /// frames' room and the next burst, here or at another connection, reuses it.
    /// </summary>
    private void GoIdleLocked()
    {
        _writing = false;
        ReleaseDrainedLocked();
        _pending.Release();
        _draining.Release();
    }

    /// <summary>Moves frames from the current source into the queue while it is short of data.</summary>
    private void PullFromSource()
    {
        while (true)
        {
            IFrameSource? source;
            lock (_gate)
            {
                if (_sources is null || _pendingBytes >= SourceLowWater)
                {
                    return;
                }
                source = _sources.Peek();
            }

            byte[]? frame = source.NextFrame();
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }
                if (frame is null && _sources is { } sources)
                {
                    sources.Dequeue();
                    if (sources.Count == 0)
                    {
                        _sources = null;
                    }
                }
                else if (frame is not null)
                {
                    _pending.Add(new OutItem(frame, null, frame.Length));
                    _pendingBytes += frame.Length;
                    _budget?.Add(frame.Length);
                }
            }
            if (frame is null)
            {
                source.Dispose();
            }
        }
    }

    private void ReleaseDrainedLocked()
    {
        TaskCompletionSource? drained = _drained;
        _drained = null;
        drained?.TrySetResult();
    }

    private static void DisposeAll(Queue<IFrameSource>? sources)
    {
        while (sources is { Count: > 0 })
        {
            sources.Dequeue().Dispose();
        }
    }
}
