namespace TuiChat.Server.Storage;

/// <summary>
/// <see cref="IChatStore.ReserveMessageIds"/> for a store that only one server uses (SQLite, in
/// memory): the ids simply continue after the highest one stored, in blocks of <see cref="BlockSize"/>.
/// </summary>
internal sealed class LocalMessageIds(Func<long> maxStored)
{
    public const int BlockSize = 1024;

    private readonly Lock _gate = new();
    private long _lastReserved;

    public MessageIdBlock Reserve()
    {
        lock (_gate)
        {
            long first = Math.Max(_lastReserved, maxStored()) + 1;
            _lastReserved = first + BlockSize - 1;
            return new MessageIdBlock(first, _lastReserved);
        }
    }
}
