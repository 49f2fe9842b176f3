using TuiChat.Server.Storage;

namespace TuiChat.Server.Chat;

/// <summary>
/// Numbers chat lines from blocks the store reserves (<see cref="IChatStore.ReserveMessageIds"/>), so
/// ids stay unique when several servers share one database and cost a store round trip only once a
/// block. Not thread-safe: <see cref="ChatState"/> calls it under its lock, which keeps ids in delivery order.
/// </summary>
internal sealed class MessageIds(IChatStore store)
{
    private long _next = 1;
    private long _blockEnd;
    private long? _lastIssued;

    /// <summary>The last id handed out or delivered (<see cref="Saw"/>); before the first, the highest one stored.</summary>
    public long Last => _lastIssued ??= store.MaxMessageId();

    /// <summary>A line numbered elsewhere (another server of a cluster) was delivered here: <see cref="Last"/> covers it.</summary>
    public void Saw(long msgId)
    {
        if (msgId > Last)
        {
            _lastIssued = msgId;
        }
    }

    public long Next()
    {
        if (_next > _blockEnd)
        {
            MessageIdBlock block = store.ReserveMessageIds();
            (_next, _blockEnd) = (block.First, block.Last);
        }
        _lastIssued = _next;
        return _next++;
    }
}
