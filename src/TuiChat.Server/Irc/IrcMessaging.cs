using System.Text;
using TuiChat.Protocol;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Irc;

/// <summary>PRIVMSG and NOTICE: lines into the shared core, to channels and to users.</summary>
public sealed class IrcMessaging(IrcSession session)
{
    private readonly IrcReplies _reply = session.Reply;
    private readonly Messaging _messaging = session.Services.State.Messaging;
    private readonly People _people = session.Services.State.People;

    /// <summary>
    /// The longest CTCP text passed on: relayed with the sender's source in front, it must still fit
    /// the recipient's 512-byte line (a real query or answer is a few dozen bytes).
    /// </summary>
    private const int MaxCtcpBytes = 400;

    public void Privmsg(IrcMessage m, bool notice)
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
        string text = m.Param(1);
        bool otherCtcp = IrcText.IsOtherCtcp(text);
        foreach (string target in session.Targets(m))
        {
            if (otherCtcp)
            {
                PassCtcp(target, text, notice);
            }
            else
            {
                Post(target, text, notice);
            }
        }
    }

    /// <summary>
    /// CTCP VERSION, PING, TIME... go from IRC client to IRC client as they are, the way IRC users
    /// check each other's lag and client (<see cref="Messaging.PassQuery"/>); they are never stored
    /// and a native client, which has none to answer, does not get them. The target is checked as
    /// for a line (a missing nick is 401, not silence). A request that reaches no IRC client (to a
    /// channel, or to a user on native clients only) is told it went nowhere, so a client does not
    /// wait for a reply that never comes; an answer (in a NOTICE) that reaches nobody is dropped,
    /// as nothing answers a NOTICE.
    /// </summary>
    private void PassCtcp(string target, string ircText, bool notice)
    {
        if (!TryAddress(target, notice, out string to, out string? account))
        {
            return;
        }
        Outcome outcome = _messaging.ResolveTarget(session.Me, to, account, out Target? resolved);
        if (!outcome.Ok)
        {
            AnswerRefusal(notice, outcome, target);
            return;
        }
        string? notSent = resolved!.IsRoom ? "a channel gets only CTCP ACTION (/me)"
            : Encoding.UTF8.GetByteCount(ircText) > MaxCtcpBytes ? "it is too long"
            : _messaging.PassQuery(session.Me, resolved, ircText, answer: notice) ? null
            : $"{target} is on no IRC client here to answer it";
        if (notSent is not null && !notice)
        {
            _reply.ServerLine("NOTICE", session.Nick, $"CTCP {IrcText.CtcpRequest(ircText)} to {target} was not sent: {notSent}");
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
        if (!TryAddress(target, notice, out string to, out string? account))
        {
            return;
        }
        Outcome outcome = _messaging.Post(session.Me, session.Connection, to, account, text, notice, out StoredMessage? stored, out string? offline);
        if (!outcome.Ok)
        {
            AnswerRefusal(notice, outcome, target);
            return;
        }
        if (!notice && !IrcNames.IsChannel(target) && _people.AwayText(to) is { } away)
        {
            // RPL_AWAY, the automatic reply a native client gets in its ok.
            _reply.Numeric("301", IrcNames.ToNick(to), away);
        }
        Task commit = session.Services.Lines.CommitAsync(stored!, offline, session.Connection);
        if (!commit.IsCompletedSuccessfully)
        {
            long id = stored!.MsgId;
            commit.ContinueWith(t =>
                {
                    session.Log.Error(t.Exception, "Could not store message {MsgId}", id);
                    if (!notice)
                    {
                        session.Connection.SendFrame(Unstored(target));
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

    /// <summary>
    /// The native name an IRC target stands for (a room, or a user and the account of that name);
    /// false, with 403 or 401 answered, when it cannot be a name at all.
    /// </summary>
    private bool TryAddress(string target, bool notice, out string to, out string? account)
    {
        account = null;
        if (IrcNames.IsChannel(target))
        {
            if (IrcNames.FromChannel(target) is not { } room || !NameRules.TryValidateRoom(room, out _))
            {
                Answer(notice, "403", target, "No such channel");
                to = "";
                return false;
            }
            to = room;
            return true;
        }
        if (!NameRules.TryNormalizeUser(IrcNames.FromNick(target), out to, out _))
        {
            Answer(notice, "401", target, "No such nick/channel");
            return false;
        }
        account = session.Services.Accounts.FindRegisteredName(to);
        return true;
    }

    /// <summary>The numeric for a line the core refused: no such user, no such room, or not a member.</summary>
    private void AnswerRefusal(bool notice, Outcome outcome, string target) =>
        Answer(notice, outcome.Code == ErrorCodes.NoSuchUser ? "401" : outcome.Code == ErrorCodes.NoSuchRoom ? "403" : "404", target, outcome.Message);

    /// <summary>An error numeric, except for NOTICE, which must never be answered automatically (RFC 1459).</summary>
    private void Answer(bool notice, string code, params string[] args)
    {
        if (!notice)
        {
            _reply.Numeric(code, args);
        }
    }
}
