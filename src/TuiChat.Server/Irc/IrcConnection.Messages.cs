using System.Text;
using TuiChat.Protocol;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Irc;

/// <summary>PRIVMSG, NOTICE and CHATHISTORY: lines into the shared core, history out of the shared store.</summary>
public sealed partial class IrcConnection
{
    private void Privmsg(IrcMessage m, bool notice)
    {
        if (m.Params.Count == 0 || m.Param(0).Length == 0)
        {
            Answer(notice, "411", $"No recipient given ({m.Command})");
            return;
        }
        if (m.Params.Count < 2 || m.Param(1).Length == 0)
        {
            Answer(notice, "412", "No text to send");
            return;
        }
        if (IrcText.IsOtherCtcp(m.Param(1)))
        {
            // CTCP VERSION, PING... have no native meaning; they are not relayed.
            return;
        }
        foreach (string target in m.Param(0).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            Post(target, m.Param(1), notice);
        }
    }

    private void Post(string target, string ircText, bool notice)
    {
        if (!NameRules.TryValidateText(IrcText.ToNative(ircText), out string text, out string error))
        {
            if (!notice)
            {
                _reply.ServerLine("FAIL", "PRIVMSG", "INVALID_TEXT", error);
            }
            return;
        }
        string to;
        string? account = null;
        if (IrcNames.IsChannel(target))
        {
            if (IrcNames.FromChannel(target) is not { } room || !NameRules.TryValidateRoom(room, out _))
            {
                Answer(notice, "403", target, "No such channel");
                return;
            }
            to = room;
        }
        else
        {
            string name = IrcNames.FromNick(target);
            if (!NameRules.TryNormalizeUser(name, out to, out _))
            {
                Answer(notice, "401", target, "No such nick/channel");
                return;
            }
            account = Services.Accounts.FindRegisteredName(to);
        }
        Outcome outcome = Services.State.Post(_user!, this, to, account, text, out StoredMessage? stored, out string? offline);
        if (!outcome.Ok)
        {
            Answer(notice, outcome.Code == ErrorCodes.NoSuchUser ? "401" : outcome.Code == ErrorCodes.NoSuchRoom ? "403" : "404", target, outcome.Message);
            return;
        }
        if (!notice && !IrcNames.IsChannel(target) && Services.State.AwayText(to) is { } away)
        {
            // RPL_AWAY, the automatic reply a native client gets in its ok.
            _reply.Numeric("301", IrcNames.ToNick(to), away);
        }
        Task commit = Services.Lines.CommitAsync(stored!, offline, this);
        if (!commit.IsCompletedSuccessfully)
        {
            long id = stored!.MsgId;
            commit.ContinueWith(t =>
                {
                    Log.Error(t.Exception, "Could not store message {MsgId}", id);
                    if (!notice)
                    {
                        SendFrame(Unstored(target));
                    }
                },
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// The IRCv3 standard reply for a line the store could not keep (the native <c>unavailable</c>):
    /// IRC has no acknowledgement to withhold, so the sender is told afterwards.
    /// </summary>
    private static byte[] Unstored(string target)
    {
        var sb = new StringBuilder(":").Append(IrcEncoder.ServerName).Append(" FAIL");
        IrcFormat.AppendParams(sb, ["PRIVMSG", "TEMPORARILY_UNAVAILABLE", target,
            "your message could not be stored (those online may have seen it); send it again later"]);
        return Encoding.UTF8.GetBytes(sb.Append("\r\n").ToString());
    }

    /// <summary>An error numeric, except for NOTICE, which must never be answered automatically (RFC 1459).</summary>
    private void Answer(bool notice, string code, params string[] args)
    {
        if (!notice)
        {
            _reply.Numeric(code, args);
        }
    }

    /// <summary>
    /// draft/chathistory from the shared store: LATEST and BEFORE (msgid=N) of a channel the user
    /// is a member of or of a direct conversation, wrapped in a chathistory batch when the client has
    /// the batch capability.
    /// </summary>
    private void ChatHistory(IrcMessage m)
    {
        string sub = m.Param(0).ToUpperInvariant();
        if (sub is not ("LATEST" or "BEFORE") || m.Params.Count < 4)
        {
            _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_PARAMS", m.Param(0), "Only LATEST <target> * <limit> and BEFORE <target> msgid=<id> <limit> are supported");
            return;
        }
        string target = m.Param(1);
        long? before = null;
        if (sub == "BEFORE")
        {
            if (!m.Param(2).StartsWith("msgid=", StringComparison.Ordinal) || !long.TryParse(m.Param(2)["msgid=".Length..], out long msgId))
            {
                _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_MSGREFTYPE", sub, m.Param(2), "Use msgid=<id>");
                return;
            }
            before = msgId;
        }
        if (!int.TryParse(m.Param(3), out int limit) || limit < 1)
        {
            _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_PARAMS", sub, m.Param(3), "The limit is a positive number");
            return;
        }
        string to = IrcNames.IsChannel(target) ? IrcNames.FromChannel(target) ?? target : IrcNames.FromNick(target);
        string? conversation = HistoryAccess.Conversation(Services.State, Services.State, Services.Accounts, _user!, to, out Outcome refusal);
        if (!refusal.Ok)
        {
            _reply.ServerLine("FAIL", "CHATHISTORY", "INVALID_TARGET", sub, target, refusal.Message);
            return;
        }
        IReadOnlyList<StoredMessage> lines = conversation is null
            ? []
            : Services.Store.History(conversation, before, Math.Min(limit, ProtocolLimits.MaxHistoryLimit));
        bool batch = _caps.Contains("batch");
        string id = _reply.NewBatchId();
        if (batch)
        {
            _reply.ServerLine("BATCH", "+" + id, "chathistory", target);
        }
        IrcEncoder encoder = IrcEncoder.For(_caps.Contains("server-time"), _caps.Contains("message-tags"));
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
