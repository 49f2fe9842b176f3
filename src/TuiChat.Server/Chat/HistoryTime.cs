using TuiChat.Server.Storage;

namespace TuiChat.Server.Chat;

/// <summary>
/// Where a moment falls in a conversation's history. History is ordered by message id, and a
/// server numbers lines in the order it takes them, so their times rise with their ids: the place
/// is found by bisection over ids with the store's indexed reads, about log2(newest id) of them,
/// instead of a scan of the conversation or an index on time that every stored line would pay for.
/// </summary>
public static class HistoryTime
{
    /// <summary>
    /// An id that splits <paramref name="conversation"/> at <paramref name="time"/>: its lines with a
    /// lower id were stored before <paramref name="time"/>, those with this id or a higher one at
    /// or after it. One read when the newest line is older (asking up to now costs no bisection).
    /// </summary>
    public static long FirstAtOrAfter(IChatStore store, string conversation, DateTimeOffset time)
    {
        IReadOnlyList<StoredMessage> newest = store.History(conversation, null, 1);
        return newest.Count == 0 ? 1 : FirstAtOrAfter(store, conversation, time, newest[0]);
    }

    /// <summary>The same, from the conversation's <paramref name="newest"/> line, read already.</summary>
    public static long FirstAtOrAfter(IChatStore store, string conversation, DateTimeOffset time, StoredMessage newest)
    {
        if (newest.Ts < time)
        {
            return newest.MsgId + 1;
        }
        // Lines below low are before the time; lines from high on are at or after it.
        long low = 1;
        long high = newest.MsgId;
        while (low < high)
        {
            long middle = low + ((high - low) / 2);
            // The newest line is at or above middle, so there is a first one there.
            IReadOnlyList<StoredMessage> next = store.FirstAfter(conversation, middle - 1, 1);
            if (next.Count == 0 || next[0].Ts >= time)
            {
                high = middle;
            }
            else
            {
                // Never past high: in a cluster, servers number from blocks of their own, and
                // times may fall back between two servers' lines.
                low = Math.Min(next[0].MsgId + 1, high);
            }
        }
        return low;
    }
}
