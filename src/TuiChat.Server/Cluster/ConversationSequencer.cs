using TuiChat.Server.Storage.Postgres;

namespace TuiChat.Server.Cluster;

/// <summary>
/// Delivers each watched conversation's lines here in their stored order, whoever stored them: per
/// conversation the number expected next; a line with that number is delivered, a lower one is a
/// repeat and dropped, a higher one means lines went missing (a lost publish, a Redis restart), which
/// are read from the database first (that read includes the line, which was committed before it was
/// published). A line numbered below where the watch began, offered after it began, is delivered
/// too (once; a read never goes below that point): it was committed
/// while the watch was on its way (a join's lines before the node's worker got to the watch, or
/// another server's first line of a direct conversation overtaken by a later one), so it is news
/// here; nothing is lost, at the price of that line coming after a later one.
/// Not thread-safe: one <see cref="ClusterNode"/> worker calls it.
/// </summary>
internal sealed class ConversationSequencer(IRoomLog log, Action<NumberedMessage> deliver)
{
    private const int FillBatch = 500;

    private readonly Dictionary<string, Position> _watched = new(StringComparer.Ordinal);

    /// <summary>Conversations this server delivers, for the periodic check.</summary>
    public IReadOnlyCollection<string> Watched => _watched.Keys;

    /// <summary>Starts delivering the room here with the lines stored from now on.</summary>
    public void Watch(string conversation)
    {
        if (!_watched.ContainsKey(conversation))
        {
            long next = log.LastNumber(conversation) + 1;
            _watched[conversation] = new Position(next, next);
        }
    }

    /// <summary>
    /// Starts delivering a direct conversation here with its last stored line (a file offer, which no
    /// line announced), unless it is delivered here already.
    /// </summary>
    public void BeginAtLast(string conversation)
    {
        if (!_watched.ContainsKey(conversation))
        {
            long last = log.LastNumber(conversation);
            _watched[conversation] = new Position(last, last);
        }
    }

    /// <summary>
    /// Stops delivering the conversations not in <paramref name="conversations"/>: each watched one costs a
    /// database read per check, so rooms a client joined and left must not pile up. A room entered
    /// again is watched again (<see cref="Watch"/>) from its lines stored then.
    /// </summary>
    public void KeepOnly(Func<string, bool> keep)
    {
        foreach (string conversation in _watched.Keys.Where(c => !keep(c)).ToList())
        {
            _watched.Remove(conversation);
        }
    }

    /// <summary>
    /// A line stored here or announced by another server. With <paramref name="begin"/>, a
    /// conversation not watched yet is watched from this line on (a direct conversation, which
    /// begins here with the first line of it this server sees).
    /// </summary>
    public void Offer(NumberedMessage line, bool begin = false)
    {
        string conversation = line.Message.Conversation;
        if (!_watched.TryGetValue(conversation, out Position? at))
        {
            if (!begin)
            {
                return;
            }
            _watched[conversation] = at = new Position(line.Seq, line.Seq);
        }
        if (line.Seq < at.Start)
        {
            if ((at.Late ??= []).Add(line.Seq))
            {
                deliver(line);
            }
        }
        else if (line.Seq == at.Next)
        {
            deliver(line);
            at.Next++;
        }
        else if (line.Seq > at.Next)
        {
            Fill(conversation, at);
        }
    }

    /// <summary>Delivers whatever the conversation has stored beyond what was delivered here (a quiet room's lost last line).</summary>
    public void CatchUp(string conversation)
    {
        if (_watched.TryGetValue(conversation, out Position? at) && log.LastNumber(conversation) >= at.Next)
        {
            Fill(conversation, at);
        }
    }

    private void Fill(string conversation, Position at)
    {
        while (true)
        {
            IReadOnlyList<NumberedMessage> missed = log.ConversationSince(conversation, at.Next - 1, FillBatch);
            foreach (NumberedMessage line in missed)
            {
                deliver(line);
                at.Next = line.Seq + 1;
            }
            if (missed.Count < FillBatch)
            {
                return;
            }
        }
    }

    /// <summary>Where the watch began (<see cref="Start"/>), the number expected next, and the lines below the start delivered since (a few at most).</summary>
    private sealed class Position(long start, long next)
    {
        public long Start { get; } = start;

        public long Next { get; set; } = next;

        public HashSet<long>? Late { get; set; }
    }
}
