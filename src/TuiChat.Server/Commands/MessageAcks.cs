using Serilog;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// One connection's chat lines that are delivered but not yet durable. The reader thread hands
/// each line's store commit to <see cref="Track"/> and goes on reading; the <c>ok</c> is queued
/// only once the commit has finished, in the order the lines were sent (a failed commit gets
/// <c>error unavailable</c> instead). At most <c>limit</c> lines are in flight: beyond that the
/// reader waits (<see cref="WaitForRoom"/>), so a flooding client cannot grow the server's memory without bound. Only the
/// oldest pending commit has a continuation, so a burst costs one wake-up per store batch, not
/// one per line.
/// </summary>
public sealed class MessageAcks(IReplyLink link, ILogger log, int limit)
{
    private readonly object _gate = new();
    private readonly Queue<Pending> _pending = new();

    /// <summary>
    /// Takes the commit of <paramref name="stored"/>. <paramref name="re"/> is the request's id;
    /// null when the request had none (no <c>ok</c> is sent then, only an error if the commit fails).
    /// </summary>
    public void Track(Task<StoredMessage> commit, StoredMessage stored, string? re, string? away)
    {
        var entry = new Pending(commit, stored, re, away);
        lock (_gate)
        {
            if (_pending.Count == 0 && commit.IsCompleted)
            {
                // Nothing older is waiting (an in-memory store, or a commit that was quick): reply now.
                Reply(entry);
                return;
            }
            _pending.Enqueue(entry);
            if (_pending.Count > 1)
            {
                return;
            }
        }
        WhenDone(commit);
    }

    /// <summary>
    /// Blocks the reader while <c>limit</c> lines wait for their commit. Called before the line is
    /// posted, so a line beyond the limit is neither delivered nor stored until there is room; only
    /// the reader adds lines, so the room is still there when it calls <see cref="Track"/>.
    /// <paramref name="beforeWaiting"/> runs first when it must wait (the reader starts the writers
    /// it holds, so that the lines before this one reach their rooms while it waits).
    /// </summary>
    public void WaitForRoom(Action beforeWaiting)
    {
        lock (_gate)
        {
            if (_pending.Count < limit)
            {
                return;
            }
        }
        beforeWaiting();
        lock (_gate)
        {
            while (_pending.Count >= limit)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    private void WhenDone(Task commit) =>
        commit.ContinueWith(static (_, state) => ((MessageAcks)state!).ReplyToFinished(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Runs when the oldest pending commit finishes: replies to every finished line at the head, in order.</summary>
    private void ReplyToFinished()
    {
        Task next;
        lock (_gate)
        {
            bool wasFull = _pending.Count >= limit;
            while (_pending.TryPeek(out Pending? head) && head.Commit.IsCompleted)
            {
                _pending.Dequeue();
                Reply(head);
            }
            if (wasFull && _pending.Count < limit)
            {
                Monitor.PulseAll(_gate);
            }
            if (!_pending.TryPeek(out Pending? oldest))
            {
                return;
            }
            next = oldest.Commit;
        }
        WhenDone(next);
    }

    /// <summary>Queues the line's answer. Called under <see cref="_gate"/>, so answers keep their order.</summary>
    private void Reply(Pending entry)
    {
        if (entry.Commit.IsCompletedSuccessfully)
        {
            if (entry.Re is not null)
            {
                // The line as stored: in a cluster its id is the database's (ids follow the room's order).
                StoredMessage stored = entry.Commit.Result;
                link.SendFrame(MessageCodec.EncodeFrame(new MsgOk { Re = entry.Re, MsgId = stored.MsgId, Ts = Timestamps.ToWire(stored.Ts), Away = entry.Away }));
            }
            return;
        }
        Exception? failure = entry.Commit.Exception?.GetBaseException();
        if (failure is StoreUnavailableException notSent)
        {
            // A cluster's room line: neither stored nor delivered anywhere; the sender may send it again.
            log.Warning("Message {MsgId} not sent: {Reason}", entry.Stored.MsgId, notSent.InnerException?.Message);
            link.SendFrame(MessageCodec.EncodeFrame(new ErrorReply { Re = entry.Re, Code = ErrorCodes.Unavailable, Message = notSent.Message }));
            return;
        }
        // Not durable: the sender must not get an ok it could rely on. Those online may have seen it.
        log.Error(failure, "Could not store message {MsgId}", entry.Stored.MsgId);
        link.SendFrame(MessageCodec.EncodeFrame(new ErrorReply
        {
            Re = entry.Re, Code = ErrorCodes.Unavailable,
            Message = "the server could not store your line (those online may have seen it); send it again later",
        }));
    }

    /// <summary><see cref="Away"/>: the away text of a direct message's recipient, the automatic reply in the ok.</summary>
    private sealed record Pending(Task<StoredMessage> Commit, StoredMessage Stored, string? Re, string? Away);
}
