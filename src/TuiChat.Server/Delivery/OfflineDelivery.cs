using Serilog;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Connections;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Delivery;

/// <summary>
/// Delivers what waited for a user while it was offline, as the connection's outbound queue
/// drains (an <see cref="IFrameSource"/>): batches of at most <see cref="BatchSize"/> messages and
/// files are read from the store only when the queue is short of data, so a slow link or a long
/// queue never overflows the send queue. Nothing leaves the store before it is delivered: a client
/// that asked for acknowledged delivery gets an <c>offline.batch</c> marker after each batch and the
/// batch is forgotten when the client confirms it (<see cref="Acknowledge"/>); a drop or a crash
/// before that repeats it at the next login. An older client's batch is forgotten once it is handed to
/// the connection (an IRC client's always: IRC has no acknowledgement). Each item is encoded in the
/// connection's protocol by <c>encoder</c>. The writer pulls frames; acknowledgements arrive on the reader thread.
/// </summary>
public sealed class OfflineDelivery(IChatStore store, string user, IEventEncoder encoder, bool acknowledged, ILogger log) : IFrameSource
{
    public const int BatchSize = 100;

    private readonly Queue<byte[]> _frames = new();
    private readonly Queue<(long Batch, long MessageSeq, long FileSeq)> _unacknowledged = new();
    private readonly Lock _gate = new();
    private long _messageSeq;
    private long _fileSeq;
    private long _batch;
    private bool _exhausted;

    public byte[]? NextFrame()
    {
        if (_frames.Count == 0 && !_exhausted)
        {
            LoadBatch();
        }
        return _frames.TryDequeue(out byte[]? frame) ? frame : null;
    }

    /// <summary>The client has every frame up to the marker of <paramref name="batch"/>: forget those batches.</summary>
    public void Acknowledge(long batch)
    {
        (long Batch, long MessageSeq, long FileSeq)? through = null;
        lock (_gate)
        {
            while (_unacknowledged.TryPeek(out var next) && next.Batch <= batch)
            {
                through = _unacknowledged.Dequeue();
            }
        }
        if (through is { } done)
        {
            Forget(done.MessageSeq, done.FileSeq);
        }
    }

    public void Dispose()
    {
        // Nothing is held open: the store reads one batch at a time.
    }

    private void LoadBatch()
    {
        IReadOnlyList<QueuedMessage> messages = store.PeekOfflineMessages(user, _messageSeq, BatchSize);
        IReadOnlyList<QueuedFile> files = messages.Count < BatchSize ? store.PeekOfflineFiles(user, _fileSeq, BatchSize - messages.Count) : [];
        if (messages.Count == 0 && files.Count == 0)
        {
            _exhausted = true;
            return;
        }
        foreach (QueuedMessage queued in messages)
        {
            _frames.Enqueue(encoder.Encode(StoredMessages.ToEvent(queued.Message, offline: true)));
            _messageSeq = queued.Seq;
        }
        foreach (QueuedFile queued in files)
        {
            _frames.Enqueue(encoder.Encode(new FileOffered(queued.File, offline: true)));
            _fileSeq = queued.Seq;
        }
        long batch = ++_batch;
        if (!acknowledged)
        {
            Forget(_messageSeq, _fileSeq);
            return;
        }
        lock (_gate)
        {
            _unacknowledged.Enqueue((batch, _messageSeq, _fileSeq));
        }
        _frames.Enqueue(MessageCodec.EncodeFrame(new OfflineBatchEvent { Batch = batch }));
    }

    private void Forget(long messageSeq, long fileSeq)
    {
        Task write = store.ForgetOfflineAsync(user, messageSeq, fileSeq);
        if (!write.IsCompletedSuccessfully)
        {
            write.ContinueWith(
                t => log.Error(t.Exception, "Could not forget delivered offline items of {User}", user),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
