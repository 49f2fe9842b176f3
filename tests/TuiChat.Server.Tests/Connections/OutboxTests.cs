using TuiChat.Server.Chat;
using TuiChat.Server.Connections;
using TuiChat.Server.Tests.Support;

namespace TuiChat.Server.Tests.Connections;

public sealed class OutboxTests
{
    [Fact]
    public async Task Frames_AreWrittenInOrder_AndCoalescedIntoFewWrites()
    {
        var stream = new RecordingStream();
        var outbox = new Outbox(limit: 1 << 20, TuiChatEncoder.Instance, onFault: _ => { });
        outbox.Attach(stream);
        stream.Block();

        for (int i = 0; i < 1000; i++)
        {
            Assert.True(outbox.Enqueue([(byte)(i % 251), 1, 2, 3]));
        }
        stream.Unblock();
        await outbox.WhenDrained().WaitAsync(TimeSpan.FromSeconds(20));

        byte[] written = stream.Written();
        Assert.Equal(4000, written.Length);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (byte)(i % 251)), written.Where((_, i) => i % 4 == 0));
        Assert.True(stream.Writes < 50, $"{stream.Writes} writes for 1000 small frames");
    }

    [Fact]
    public void Enqueue_OverTheLimit_IsRefused()
    {
        var stream = new RecordingStream();
        stream.Block();
        var outbox = new Outbox(limit: 1000, TuiChatEncoder.Instance, onFault: _ => { });
        outbox.Attach(stream);

        Assert.True(outbox.Enqueue(new byte[600]));
        Assert.True(outbox.Enqueue(new byte[400]));
        Assert.False(outbox.Enqueue(new byte[1]));
        stream.Unblock();
    }

    [Fact]
    public async Task Sources_ArePulledAfterQueuedFrames()
    {
        var stream = new RecordingStream();
        var outbox = new Outbox(limit: 1 << 20, TuiChatEncoder.Instance, onFault: _ => { });
        outbox.Attach(stream);

        outbox.Enqueue([1]);
        outbox.AddSource(new CountingSource(3));
        outbox.Enqueue([2]);
        await Eventually.Until(() => stream.Written().Length == 5, "all five bytes written");

        byte[] written = stream.Written();
        Assert.Equal(1, written[0]);
        Assert.Equal([10, 11, 12], written.Where(b => b >= 10));
    }

    [Fact]
    public async Task FramesQueuedBeforeTheStreamExists_AreWrittenOnAttach()
    {
        var outbox = new Outbox(limit: 1000, TuiChatEncoder.Instance, onFault: _ => { });
        Assert.True(outbox.Enqueue([7, 8]));
        var stream = new RecordingStream();

        outbox.Attach(stream);

        await outbox.WhenDrained().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal([7, 8], stream.Written());
    }

    [Fact]
    public async Task OnAPlainSocket_AFrameForAnIdleConnection_IsSentBeforeEnqueueReturns()
    {
        using LoopbackPair pair = await LoopbackPair.ConnectAsync();
        var outbox = new Outbox(limit: 1 << 20, TuiChatEncoder.Instance, onFault: _ => { });
        outbox.Attach(new PollingNetworkStream(pair.Server));

        Assert.True(outbox.Enqueue("olá 👋\n"u8.ToArray()));

        // Written by the thread that queued it: no thread-pool writer is still to run.
        Assert.Equal(0, outbox.PendingBytes);
        Assert.True(outbox.WhenDrained().IsCompleted, "nothing left to write when Enqueue returned");
        Assert.Equal("olá 👋\n"u8.ToArray(), await pair.ReceiveAsync("olá 👋\n"u8.Length));
    }

    [Fact]
    public async Task OnAFullSocket_WhatTheKernelDidNotTake_FollowsInOrder()
    {
        using LoopbackPair pair = await LoopbackPair.ConnectAsync();
        Outbox outbox = OnSocket(pair);

        // The client reads nothing yet: 16 MiB are more than the kernel's buffers hold, so writes
        // stop part-way through a frame and the rest waits for the thread-pool writer.
        const int Frames = 4096;
        const int FrameBytes = 4093;
        for (int i = 0; i < Frames; i++)
        {
            Assert.True(outbox.Enqueue(NumberedFrame(i, FrameBytes)));
        }
        Assert.True(outbox.PendingBytes > 0, "the kernel took everything; the test needs a full socket");

        byte[] received = await pair.ReceiveAsync((long)Frames * FrameBytes);
        AssertNumberedFrames(received, Frames, FrameBytes);
        await outbox.WhenDrained().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, outbox.PendingBytes);
    }

    [Fact]
    public async Task ABurstQueuedBehindAClaimedWriter_AndFramesQueuedWhileItIsWritten_ArriveInOrder()
    {
        using LoopbackPair pair = await LoopbackPair.ConnectAsync();
        Outbox outbox = OnSocket(pair);
        const int Frames = 4096;
        const int FrameBytes = 4093;

        // As under the ChatState lock: the first frame claims the idle writer, the burst queues
        // behind it, and the claiming thread writes only afterwards. It sends one buffer's worth of
        // the burst itself and hands the rest, in place, to the thread-pool writer; the frames
        // queued after that follow the rest, whatever the kernel took by then.
        Assert.True(outbox.TryAdd(NumberedFrame(0, FrameBytes), out bool claimed));
        Assert.True(claimed);
        for (int i = 1; i < Frames / 2; i++)
        {
            Assert.True(outbox.TryAdd(NumberedFrame(i, FrameBytes), out bool again));
            Assert.False(again, "the writer is already claimed");
        }
        outbox.StartWriter();
        for (int i = Frames / 2; i < Frames; i++)
        {
            Assert.True(outbox.Enqueue(NumberedFrame(i, FrameBytes)));
        }

        byte[] received = await pair.ReceiveAsync((long)Frames * FrameBytes);
        AssertNumberedFrames(received, Frames, FrameBytes);
        await outbox.WhenDrained().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, outbox.PendingBytes);
    }

    [Fact]
    public async Task ManyThreadsQueueingAtOnce_EveryFrameArrivesOnce_InEachThreadsOrder()
    {
        using LoopbackPair pair = await LoopbackPair.ConnectAsync();
        Outbox outbox = OnSocket(pair);
        const int Threads = 4;
        const int PerThread = 25_000;

        // Each thread sometimes finds the writer idle and writes itself, sometimes queues behind
        // another thread's write or the thread-pool writer's.
        Task<byte[]> receiving = pair.ReceiveAsync(Threads * PerThread * 8L);
        await QueueFromThreadsAsync(outbox, Threads, PerThread, frameBytes: 8);
        byte[] received = await receiving.WaitAsync(TimeSpan.FromSeconds(60));

        AssertEachThreadsOrder(received, Threads, PerThread, frameBytes: 8);
    }

    [Fact]
    public async Task ManyThreadsQueueingWhileTheSocketFills_EveryFrameArrivesOnce_InEachThreadsOrder()
    {
        using LoopbackPair pair = await LoopbackPair.ConnectAsync();
        Outbox outbox = OnSocket(pair);
        const int Threads = 4;
        const int PerThread = 4000;
        const int FrameBytes = 1024;

        // The client reads only once every frame is queued: the kernel's buffers fill while the
        // threads queue, so a thread that claimed the idle writer gets a partial write back while
        // the others queue behind it; what it did not send must stay ahead of what they queued.
        await QueueFromThreadsAsync(outbox, Threads, PerThread, FrameBytes);
        byte[] received = await pair.ReceiveAsync((long)Threads * PerThread * FrameBytes);

        AssertEachThreadsOrder(received, Threads, PerThread, FrameBytes);
    }

    [Fact]
    public async Task Prefetch_ChangesNothing_BeforeAStream_WithFramesQueued_OrOnAClosedSocket()
    {
        // A room's broadcast prefetches every member under the ChatState lock, members whose
        // connection has no stream yet or is closing included: it must never throw or move a frame.
        using LoopbackPair pair = await LoopbackPair.ConnectAsync();
        var outbox = new Outbox(limit: 1 << 20, TuiChatEncoder.Instance, onFault: _ => { });
        Assert.True(outbox.Enqueue([1, 2, 3]));
        outbox.Prefetch();
        Assert.Equal(3, outbox.PendingBytes);

        var stream = new PollingNetworkStream(pair.Server);
        outbox.Attach(stream);
        outbox.Prefetch();
        Assert.True(outbox.Enqueue([4, 5]));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, await pair.ReceiveAsync(5));

        stream.Dispose();
        pair.Server.Dispose();
        outbox.Prefetch();
    }

    [Fact]
    public async Task AnEventThatFailsToEncode_FailsItsConnectionOnly_NotTheThreadThatQueuedIt()
    {
        using LoopbackPair pair = await LoopbackPair.ConnectAsync();
        Exception? fault = null;
        var outbox = new Outbox(limit: 1 << 20, new FailingEncoder(new InvalidOperationException("no encoding")), onFault: e => fault = e);
        outbox.Attach(new PollingNetworkStream(pair.Server));

        // Written on this thread (the socket is idle): the failure must not reach the caller,
        // a reader that goes on to start other members' writers.
        Assert.True(outbox.Enqueue(new PresenceChanged("bob", online: true)));

        Assert.IsType<InvalidOperationException>(fault);
        Assert.False(outbox.Enqueue([1]), "a failed connection takes nothing more");
        Assert.Equal(0, outbox.PendingBytes);
    }

    [Fact]
    public async Task AnEventThatFailsToEncode_InTheThreadPoolWriter_FailsTheConnection_InsteadOfStallingIt()
    {
        var faulted = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var outbox = new Outbox(limit: 1 << 20, new FailingEncoder(new ArgumentException("no IRC line for this event")), onFault: e => faulted.TrySetResult(e));
        // Not a plain socket: every batch goes through the thread-pool writer.
        outbox.Attach(new RecordingStream());

        Assert.True(outbox.Enqueue(new PresenceChanged("bob", online: true)));

        Assert.IsType<ArgumentException>(await faulted.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.False(outbox.Enqueue([1]), "a failed connection takes nothing more");
        Assert.Equal(0, outbox.PendingBytes);
    }

    /// <summary>Throws <paramref name="failure"/> for every event (the IRC encoder throws an <see cref="ArgumentException"/> for an event it has no line for).</summary>
    private sealed class FailingEncoder(Exception failure) : IEventEncoder
    {
        public int Slot => 0;

        public byte[] Encode(ChatEvent e) => throw failure;
    }

    /// <summary>An outbox with room for 64 MiB on the server end of <paramref name="pair"/>, a plain socket.</summary>
    private static Outbox OnSocket(LoopbackPair pair)
    {
        var outbox = new Outbox(limit: 64 << 20, TuiChatEncoder.Instance, onFault: _ => { });
        outbox.Attach(new PollingNetworkStream(pair.Server));
        return outbox;
    }

    /// <summary>Frames 0 to <paramref name="frames"/> - 1 of <see cref="NumberedFrame"/>, each whole and in its place.</summary>
    private static void AssertNumberedFrames(byte[] received, int frames, int frameBytes)
    {
        for (int i = 0; i < frames; i++)
        {
            Assert.True(received.AsSpan(i * frameBytes, frameBytes).SequenceEqual(NumberedFrame(i, frameBytes)), $"frame {i} whole and in its place");
        }
    }

    /// <summary>Each of <paramref name="threads"/> threads queues <paramref name="perThread"/> frames starting with its number and the frame's.</summary>
    private static Task QueueFromThreadsAsync(Outbox outbox, int threads, int perThread, int frameBytes) =>
        Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            for (int i = 0; i < perThread; i++)
            {
                var frame = new byte[frameBytes];
                BitConverter.TryWriteBytes(frame.AsSpan(0, 4), t);
                BitConverter.TryWriteBytes(frame.AsSpan(4, 4), i);
                Assert.True(outbox.Enqueue(frame));
            }
        }, TaskCreationOptions.LongRunning))).WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>Every frame of <see cref="QueueFromThreadsAsync"/> arrived once, in its thread's order.</summary>
    private static void AssertEachThreadsOrder(byte[] received, int threads, int perThread, int frameBytes)
    {
        int[] next = new int[threads];
        for (int offset = 0; offset < received.Length; offset += frameBytes)
        {
            int thread = BitConverter.ToInt32(received, offset);
            int number = BitConverter.ToInt32(received, offset + 4);
            Assert.InRange(thread, 0, threads - 1);
            Assert.Equal(next[thread]++, number);
        }
        Assert.All(next, count => Assert.Equal(perThread, count));
    }

    private static byte[] NumberedFrame(int number, int length)
    {
        var frame = new byte[length];
        frame.AsSpan().Fill((byte)(number % 251));
        BitConverter.TryWriteBytes(frame, number);
        return frame;
    }

    private sealed class CountingSource(int count) : IFrameSource
    {
        private int _next;

        public byte[]? NextFrame() => _next < count ? [(byte)(10 + _next++)] : null;

        public void Dispose()
        {
        }
    }

    /// <summary>A stream that records writes and can hold them back, as a full socket would.</summary>
    private sealed class RecordingStream : Stream
    {
        private readonly MemoryStream _data = new();
        private TaskCompletionSource _open = CreateOpen();

        public int Writes { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Block() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Unblock() => _open.TrySetResult();

        public byte[] Written()
        {
            lock (_data)
            {
                return _data.ToArray();
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await _open.Task;
            lock (_data)
            {
                Writes++;
                _data.Write(buffer.Span);
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        private static TaskCompletionSource CreateOpen()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.TrySetResult();
            return open;
        }
    }
}
