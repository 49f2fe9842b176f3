using TuiChat.Server.Storage.Postgres;

namespace TuiChat.Server.Cluster;

/// <summary>
/// Delivers each watched room's lines here in their stored order, whoever stored them: per room the
/// number expected next; a line with that number is delivered, a lower one is a repeat and dropped,
/// a higher one means lines went missing (a lost publish, a Redis restart), which are read from the
/// database first (that read includes the line, which was committed before it was published).
/// Not thread-safe: one <see cref="ClusterNode"/> worker calls it.
/// </summary>
internal sealed class RoomSequencer(IRoomLog log, Action<NumberedMessage> deliver)
{
    private const int FillBatch = 500;

    private readonly Dictionary<string, long> _next = new(StringComparer.Ordinal);

    /// <summary>Rooms this server delivers, for the periodic check.</summary>
    public IReadOnlyCollection<string> Watched => _next.Keys;

    /// <summary>Starts delivering the room here with the lines stored from now on.</summary>
    public void Watch(string conversation)
    {
        if (!_next.ContainsKey(conversation))
        {
            _next[conversation] = log.LastNumber(conversation) + 1;
        }
    }

    /// <summary>
    /// Stops delivering the rooms that have no member here any more: each watched room costs a
    /// database read per check, so rooms a client joined and left must not pile up. A room entered
    /// again is watched again (<see cref="Watch"/>) from its lines stored then.
    /// </summary>
    public void KeepOnly(IReadOnlySet<string> conversations)
    {
        foreach (string conversation in _next.Keys.Where(c => !conversations.Contains(c)).ToList())
        {
            _next.Remove(conversation);
        }
    }

    /// <summary>A line stored here or announced by another server.</summary>
    public void Offer(NumberedMessage line)
    {
        string conversation = line.Message.Conversation;
        if (!_next.TryGetValue(conversation, out long next) || line.Seq < next)
        {
            return;
        }
        if (line.Seq == next)
        {
            deliver(line);
            _next[conversation] = next + 1;
            return;
        }
        Fill(conversation);
    }

    /// <summary>Delivers whatever the room has stored beyond what was delivered here (a quiet room's lost last line).</summary>
    public void CatchUp(string conversation)
    {
        if (_next.TryGetValue(conversation, out long next) && log.LastNumber(conversation) >= next)
        {
            Fill(conversation);
        }
    }

    private void Fill(string conversation)
    {
        while (true)
        {
            IReadOnlyList<NumberedMessage> missed = log.ConversationSince(conversation, _next[conversation] - 1, FillBatch);
            foreach (NumberedMessage line in missed)
            {
                deliver(line);
                _next[conversation] = line.Seq + 1;
            }
            if (missed.Count < FillBatch)
            {
                return;
            }
        }
    }
}
