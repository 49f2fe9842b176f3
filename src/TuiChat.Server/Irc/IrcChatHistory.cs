using System.Text;
using TuiChat.Protocol;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Irc;

/// <summary>
/// draft/chathistory from the shared store: LATEST and BEFORE (msgid=N) of a channel the user
/// is a member of or of a direct conversation, wrapped in a chathistory batch when the client has
/// the batch capability.
/// </summary>
public sealed class IrcChatHistory(IrcSession session)
{
    private readonly IrcReplies _reply = session.Reply;

    /// <summary>
    /// CHATHISTORY LATEST target *|msgid=N limit, BEFORE/AFTER/AROUND target msgid=N limit, or
    /// BETWEEN target msgid=A msgid=B limit; answered oldest first.
    /// </summary>
    public void Answer(IrcMessage m)
    {
        string sub = m.Param(0).ToUpperInvariant();
        int limitAt = sub == "BETWEEN" ? 4 : 3;
        if (sub is not ("LATEST" or "BEFORE" or "AFTER" or "AROUND" or "BETWEEN") || m.Params.Count <= limitAt)
        {
            _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_PARAMS", m.Param(0),
                "Use LATEST|BEFORE|AFTER|AROUND <target> <msgid=id> <limit> or BETWEEN <target> <msgid=id> <msgid=id> <limit> (TARGETS is not supported)");
            return;
        }
        string target = m.Param(1);
        // LATEST's reference may be * (the latest lines of all); msgid=N means "the latest after N".
        long first = 0;
        long second = 0;
        if (!(sub == "LATEST" && m.Param(2) == "*") && !TryMsgId(sub, m.Param(2), out first)
            || sub == "BETWEEN" && !TryMsgId(sub, m.Param(3), out second))
        {
            return;
        }
        if (!int.TryParse(m.Param(limitAt), out int limit) || limit < 1)
        {
            _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_PARAMS", sub, m.Param(limitAt), "The limit is a positive number");
            return;
        }
        string to = IrcNames.IsChannel(target) ? IrcNames.FromChannel(target) ?? target : IrcNames.FromNick(target);
        string? conversation = HistoryAccess.Conversation(session.Services.State.Rooms, session.Services.State.Messaging, session.Services.Accounts, session.Me, to, out Outcome refusal);
        if (!refusal.Ok)
        {
            _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_TARGET", sub, target, refusal.Message);
            return;
        }
        IReadOnlyList<StoredMessage> lines = conversation is null ? [] : Lines(sub, conversation, first, second, Math.Min(limit, ProtocolLimits.MaxHistoryLimit));
        bool batch = session.Caps.Batch;
        string id = _reply.NewBatchId();
        if (batch)
        {
            _reply.ServerLine("BATCH", "+" + id, "chathistory", target);
        }
        IrcEncoder encoder = session.Caps.Encoder;
        foreach (StoredMessage stored in lines)
        {
            _reply.Raw(Encoding.UTF8.GetString(StoredMessages.ToEvent(stored).EncodedFor(encoder)), batch ? "batch=" + id : null);
        }
        if (batch)
        {
            _reply.ServerLine("BATCH", "-" + id);
        }
    }

    /// <summary>The stored lines a subcommand asks for, oldest first; <paramref name="first"/> is 0 for LATEST's *.</summary>
    private IReadOnlyList<StoredMessage> Lines(string sub, string conversation, long first, long second, int limit)
    {
        Storage.IChatStore store = session.Services.Store;
        switch (sub)
        {
            case "LATEST":
                return first == 0 ? store.History(conversation, null, limit) : store.After(conversation, first, limit);
            case "BEFORE":
                return store.History(conversation, first, limit);
            case "AFTER":
                return store.FirstAfter(conversation, first, limit);
            case "AROUND":
                // The reference and the lines before it take the first half, those after it the rest.
                return [.. store.History(conversation, first + 1, (limit + 1) / 2), .. store.FirstAfter(conversation, first, limit / 2)];
            default:
                // BETWEEN, from the first reference towards the second: the lines nearest the first.
                return first < second
                    ? [.. store.FirstAfter(conversation, first, limit).Where(l => l.MsgId < second)]
                    : [.. store.History(conversation, first, limit).Where(l => l.MsgId > second)];
        }
    }

    /// <summary>A <c>msgid=N</c> reference; any other (<c>timestamp=</c> included) is answered with INVALID_MSGREFTYPE.</summary>
    private bool TryMsgId(string sub, string reference, out long msgId)
    {
        if (reference.StartsWith("msgid=", StringComparison.Ordinal) && long.TryParse(reference["msgid=".Length..], out msgId) && msgId > 0)
        {
            return true;
        }
        msgId = 0;
        _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_MSGREFTYPE", sub, reference, "Use msgid=<id>");
        return false;
    }
}
