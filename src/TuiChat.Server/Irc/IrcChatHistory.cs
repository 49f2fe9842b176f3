using System.Text;
using TuiChat.Protocol;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Irc;

/// <summary>
/// draft/chathistory from the shared store: the lines of a channel the user is a member of or of
/// a direct conversation, by message id or by time, and the conversations with lines in a span of
/// time (TARGETS); wrapped in a batch when the client has the batch capability.
/// </summary>
public sealed class IrcChatHistory(IrcSession session)
{
    private const string Usage =
        "Use LATEST <target> *|<ref> <limit>, BEFORE|AFTER|AROUND <target> <ref> <limit>, BETWEEN <target> <ref> <ref> <limit> " +
        "or TARGETS <timestamp=> <timestamp=> <limit>; a ref is msgid=<id> or timestamp=<YYYY-MM-DDThh:mm:ss.sssZ>";

    private readonly IrcReplies _reply = session.Reply;

    /// <summary>
    /// CHATHISTORY LATEST target *|ref limit, BEFORE/AFTER/AROUND target ref limit, BETWEEN target
    /// ref ref limit (lines, oldest first), or TARGETS timestamp timestamp limit.
    /// </summary>
    public void Answer(IrcMessage m)
    {
        string sub = m.Param(0).ToUpperInvariant();
        // BETWEEN has two references; TARGETS has two and no target.
        int limitAt = sub == "BETWEEN" ? 4 : 3;
        if (sub is not ("LATEST" or "BEFORE" or "AFTER" or "AROUND" or "BETWEEN" or "TARGETS") || m.Params.Count <= limitAt)
        {
            _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_PARAMS", m.Param(0), Usage);
            return;
        }
        if (!int.TryParse(m.Param(limitAt), out int limit) || limit < 1)
        {
            _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_PARAMS", sub, m.Param(limitAt), "The limit is a positive number");
            return;
        }
        limit = Math.Min(limit, ProtocolLimits.MaxHistoryLimit);
        if (sub == "TARGETS")
        {
            Targets(m.Param(1), m.Param(2), limit);
            return;
        }
        string target = m.Param(1);
        // LATEST's reference may be * (the latest lines of all).
        HistoryReference first = default;
        HistoryReference second = default;
        if (!(sub == "LATEST" && m.Param(2) == "*") && !TryReference(sub, m.Param(2), out first)
            || sub == "BETWEEN" && !TryReference(sub, m.Param(3), out second))
        {
            return;
        }
        string to = IrcNames.IsChannel(target) ? IrcNames.FromChannel(target) ?? target : IrcNames.FromNick(target);
        string? conversation = HistoryAccess.Conversation(session.Services.State.Rooms, session.Services.State.Messaging, session.Services.Accounts, session.Me, to, out Outcome refusal);
        if (!refusal.Ok)
        {
            _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_TARGET", sub, target, refusal.Message);
            return;
        }
        IReadOnlyList<StoredMessage> lines = conversation is null ? [] : Lines(sub, conversation, first, second, limit);
        string? batch = StartBatch("chathistory", target);
        IrcEncoder encoder = session.Caps.Encoder;
        foreach (StoredMessage stored in lines)
        {
            _reply.Raw(Encoding.UTF8.GetString(StoredMessages.ToEvent(stored).EncodedFor(encoder)), batch is null ? null : "batch=" + batch);
        }
        EndBatch(batch);
    }

    /// <summary>The stored lines a subcommand asks for, oldest first; <paramref name="first"/> is default for LATEST's *.</summary>
    private IReadOnlyList<StoredMessage> Lines(string sub, string conversation, HistoryReference first, HistoryReference second, int limit)
    {
        IChatStore store = session.Services.Store;
        switch (sub)
        {
            case "LATEST":
                return first == default ? store.History(conversation, null, limit) : store.After(conversation, first.After(store, conversation), limit);
            case "BEFORE":
                return store.History(conversation, first.Before(store, conversation), limit);
            case "AFTER":
                return store.FirstAfter(conversation, first.After(store, conversation), limit);
            case "AROUND":
                // The line it names (the one at that millisecond, for a time) and those before it
                // take the first half, those after it the rest.
                long pivot = first.After(store, conversation) + 1;
                return [.. store.History(conversation, pivot, (limit + 1) / 2), .. store.FirstAfter(conversation, pivot - 1, limit / 2)];
            default:
                return Between(store, conversation, first, second, limit);
        }
    }

    /// <summary>
    /// BETWEEN, from the first reference towards the second: the lines nearest the first. A time
    /// costs a bisection for each bound it gives; a second one is paced as a command of its own.
    /// </summary>
    private IReadOnlyList<StoredMessage> Between(IChatStore store, string conversation, HistoryReference first, HistoryReference second, int limit)
    {
        if (first.IsTime || second.IsTime)
        {
            session.Connection.Pace(1);
        }
        // A msgid and a time are ordered by where the time falls; that bound is read once and
        // serves again as the bound it is in one of the two directions.
        long? firstBefore = null;
        long? secondBefore = null;
        bool forward;
        if (first.IsTime != second.IsTime)
        {
            firstBefore = first.Before(store, conversation);
            secondBefore = second.Before(store, conversation);
            forward = firstBefore < secondBefore;
        }
        else
        {
            forward = first.IsTime ? first.Time < second.Time : first.MsgId < second.MsgId;
        }
        if (forward)
        {
            long until = secondBefore ?? second.Before(store, conversation);
            return [.. store.FirstAfter(conversation, first.After(store, conversation), limit).Where(l => l.MsgId < until)];
        }
        long since = second.After(store, conversation);
        return [.. store.History(conversation, firstBefore ?? first.Before(store, conversation), limit).Where(l => l.MsgId > since)];
    }

    /// <summary>
    /// TARGETS: the user's channels and direct conversations with lines between the two moments,
    /// each with the time of its latest line there, oldest first; when more have lines than the
    /// limit, those nearest the first moment.
    /// </summary>
    private void Targets(string firstText, string secondText, int limit)
    {
        if (!TryReference("TARGETS", firstText, out HistoryReference first) || !TryReference("TARGETS", secondText, out HistoryReference second))
        {
            return;
        }
        if (!first.IsTime || !second.IsTime)
        {
            _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_PARAMS", "TARGETS", first.IsTime ? secondText : firstText, "TARGETS takes two timestamp= references");
            return;
        }
        bool forward = first.Time <= second.Time;
        (DateTimeOffset since, DateTimeOffset until) = forward ? (first.Time!.Value, second.Time!.Value) : (second.Time!.Value, first.Time!.Value);
        IChatStore store = session.Services.Store;
        var found = new List<(string Name, DateTimeOffset Time)>();
        // After the first moment: a later millisecond, as for AFTER.
        DateTimeOffset after = since.AddMilliseconds(1);
        foreach ((string name, string conversation) in Conversations())
        {
            IReadOnlyList<StoredMessage> latest = store.History(conversation, null, 1);
            if (latest.Count > 0 && latest[0].Ts >= until)
            {
                // The span ends before the conversation's newest line: finding its last line in the
                // span is a bisection, paced as the CHATHISTORY of that one conversation would be,
                // or one line could make the server bisect every conversation of the user at once.
                session.Connection.Pace(1);
                latest = store.History(conversation, HistoryTime.FirstAtOrAfter(store, conversation, until, latest[0]), 1);
            }
            if (latest.Count > 0 && latest[0].Ts >= after)
            {
                found.Add((name, latest[0].Ts));
            }
        }
        found.Sort((a, b) => a.Time.CompareTo(b.Time));
        IEnumerable<(string Name, DateTimeOffset Time)> kept = forward ? found.Take(limit) : found.TakeLast(limit);
        string? batch = StartBatch("draft/chathistory-targets");
        foreach ((string name, DateTimeOffset time) in kept)
        {
            _reply.Line(batch is null ? null : "batch=" + batch, IrcEncoder.ServerName, "CHATHISTORY", "TARGETS", name, IrcFormat.Time(time));
        }
        EndBatch(batch);
    }

    /// <summary>
    /// The conversations whose history the user may read, by their IRC names: the channels it is a
    /// member of, and an account's direct conversations with other accounts (a guest's end with it).
    /// </summary>
    private IEnumerable<(string Name, string Conversation)> Conversations()
    {
        foreach (MemberConversation room in session.Services.State.People.ConversationsOf(session.Me, withGeneral: false))
        {
            yield return (IrcNames.ToChannel(room.Name), room.Conversation);
        }
        if (session.Me.Registered)
        {
            foreach (DirectRecord direct in session.Services.Store.DirectConversations(session.Me.Identity, ReadState.MaxDirectConversations))
            {
                yield return (IrcNames.ToNick(direct.Peer), direct.Conversation);
            }
        }
    }

    /// <summary>Opens a batch of <paramref name="type"/> when the client takes batches; its reference, or null.</summary>
    private string? StartBatch(string type, params string[] args)
    {
        if (!session.Caps.Batch)
        {
            return null;
        }
        string id = _reply.NewBatchId();
        _reply.ServerLine("BATCH", ["+" + id, type, .. args]);
        return id;
    }

    private void EndBatch(string? batch)
    {
        if (batch is not null)
        {
            _reply.ServerLine("BATCH", "-" + batch);
        }
    }

    /// <summary>A <c>msgid=N</c> or <c>timestamp=</c> reference; anything else is answered with FAIL.</summary>
    private bool TryReference(string sub, string text, out HistoryReference reference)
    {
        if (HistoryReference.Parse(text, out reference) is not { } code)
        {
            return true;
        }
        _reply.ServerLine("FAIL", "CHATHISTORY", code, sub, text, "Use msgid=<id> or timestamp=<YYYY-MM-DDThh:mm:ss.sssZ>");
        return false;
    }
}
