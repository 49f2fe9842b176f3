namespace TuiChat.Bench;

/// <summary>
/// Which (sender, seq) each receiver got, preallocated so that recording allocates nothing:
/// one bit per receiver, sender and sequence number, so that lost = expected - received is
/// exact and a duplicate is noticed. Each receiver's slots are written only by that
/// receiver's receive loop; other threads only read the counters.
/// </summary>
internal sealed class DeliveryLedger
{
    // Per receiver: one counter per sender, then duplicates and foreign markers, padded to a
    // cache line so that two receivers served by different threads do not share one.
    private const int CacheLineLongs = 8;

    private readonly ulong[] _bits;
    private readonly long[] _counters;
    private readonly int _wordsPerSeries;
    private readonly int _stride;

    public DeliveryLedger(int receivers, int senders, int messagesPerSender)
    {
        Receivers = receivers;
        Senders = senders;
        MessagesPerSender = messagesPerSender;
        _wordsPerSeries = (messagesPerSender + 63) / 64;
        long words = (long)receivers * senders * _wordsPerSeries;
        if (words > Array.MaxLength)
        {
            throw new ArgumentException($"{receivers} receivers x {senders} senders x {messagesPerSender} messages is too many to track");
        }
        _bits = new ulong[words];
        _stride = (senders + 2 + CacheLineLongs - 1) / CacheLineLongs * CacheLineLongs;
        _counters = new long[(long)receivers * _stride];
    }

    public int Receivers { get; }
    public int Senders { get; }
    public int MessagesPerSender { get; }

    /// <summary>Records a receipt; true the first time <paramref name="receiver"/> gets this message.</summary>
    public bool Record(int receiver, int sender, int seq)
    {
        int counters = receiver * _stride;
        if ((uint)sender >= (uint)Senders || (uint)seq >= (uint)MessagesPerSender)
        {
            _counters[counters + Senders + 1]++;
            return false;
        }
        ref ulong word = ref _bits[(((long)receiver * Senders) + sender) * _wordsPerSeries + (seq >> 6)];
        ulong bit = 1UL << (seq & 63);
        if ((word & bit) != 0)
        {
            _counters[counters + Senders]++;
            return false;
        }
        word |= bit;
        Volatile.Write(ref _counters[counters + sender], _counters[counters + sender] + 1);
        return true;
    }

    /// <summary>How many of <paramref name="sender"/>'s messages the slowest receiver has got.</summary>
    public long SlowestProgress(int sender, int excludedReceiver)
    {
        long slowest = long.MaxValue;
        for (int r = 0; r < Receivers; r++)
        {
            if (r != excludedReceiver)
            {
                slowest = Math.Min(slowest, Volatile.Read(ref _counters[(r * _stride) + sender]));
            }
        }
        return slowest == long.MaxValue ? 0 : slowest;
    }

    /// <summary>Distinct bench messages received by <paramref name="receiver"/>.</summary>
    public long ReceivedBy(int receiver)
    {
        long sum = 0;
        int counters = receiver * _stride;
        for (int s = 0; s < Senders; s++)
        {
            sum += Volatile.Read(ref _counters[counters + s]);
        }
        return sum;
    }

    public long TotalReceived()
    {
        long sum = 0;
        for (int r = 0; r < Receivers; r++)
        {
            sum += ReceivedBy(r);
        }
        return sum;
    }

    public long TotalDuplicates() => SumSlot(Senders);

    /// <summary>Markers naming a sender or sequence number outside this run.</summary>
    public long TotalForeign() => SumSlot(Senders + 1);

    private long SumSlot(int slot)
    {
        long sum = 0;
        for (int r = 0; r < Receivers; r++)
        {
            sum += Volatile.Read(ref _counters[(r * _stride) + slot]);
        }
        return sum;
    }
}
