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

    /// <summary>CHATHISTORY LATEST target *|msgid=N limit, or BEFORE target msgid=N limit.</summary>
    public void Answer(IrcMessage m)
    {
        string sub = m.Param(0).ToUpperInvariant();
        if (sub is not ("LATEST" or "BEFORE") || m.Params.Count < 4)
        {
            _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_PARAMS", m.Param(0),
                "Only LATEST <target> *|msgid=<id> <limit> and BEFORE <target> msgid=<id> <limit> are supported");
            return;
        }
        string target = m.Param(1);
        // LATEST's reference is optional (*); msgid=N then means "the latest lines after N".
        long? reference = null;
        if (!(sub == "LATEST" && m.Param(2) == "*"))
        {
            if (!m.Param(2).StartsWith("msgid=", StringComparison.Ordinal) || !long.TryParse(m.Param(2)["msgid=".Length..], out long msgId))
            {
                _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_MSGREFTYPE", sub, m.Param(2), "Use msgid=<id>");
                return;
            }
            reference = msgId;
        }
        if (!int.TryParse(m.Param(3), out int limit) || limit < 1)
        {
            _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_PARAMS", sub, m.Param(3), "The limit is a positive number");
            return;
        }
        string to = IrcNames.IsChannel(target) ? IrcNames.FromChannel(target) ?? target : IrcNames.FromNick(target);
        string? conversation = HistoryAccess.Conversation(session.Services.State, session.Services.State, session.Services.Accounts, session.Me, to, out Outcome refusal);
        if (!refusal.Ok)
        {
            _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_TARGET", sub, target, refusal.Message);
            return;
        }
        limit = Math.Min(limit, ProtocolLimits.MaxHistoryLimit);
        IReadOnlyList<StoredMessage> lines = conversation is null ? []
            : sub == "LATEST" && reference is { } after ? session.Services.Store.After(conversation, after, limit)
            : session.Services.Store.History(conversation, reference, limit);
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
}
