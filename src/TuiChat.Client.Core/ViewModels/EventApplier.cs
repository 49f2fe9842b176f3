using TuiChat.Client.Core.Text;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>How what the server tells (events, unsolicited errors, a new session) changes the conversations.</summary>
internal sealed class EventApplier(ChatContext context, MemberLists members, HistoryLoader history, ReadState reads, Action<ConversationViewModel> select)
{
    private ConversationList Conversations => context.Conversations;

    /// <summary>Applies one server event (UI thread).</summary>
    public void Apply(ServerEvent serverEvent)
    {
        switch (serverEvent)
        {
            case ChatMessage message:
                ApplyMessage(message);
                break;
            case FileEvent file:
                ApplyFile(file);
                break;
            case JoinedEvent joined:
                ApplyJoined(joined);
                break;
            case LeftEvent left:
                ApplyLeft(left);
                break;
            case InvitedEvent invited:
                Conversations.AddNotice(Conversations.GetOrAdd(invited.Room), $"{invited.By} added you to {invited.Room}", LineKind.JoinLeave);
                break;
            case TopicEvent topic:
                ConversationViewModel room = Conversations.GetOrAdd(topic.Room);
                room.Topic = TextSanitizer.ForLine(topic.Topic);
                Conversations.AddNotice(room, $"{topic.By} set the topic: {room.Topic}", LineKind.JoinLeave);
                break;
            case PresenceEvent presence:
                members.ApplyPresence(presence);
                break;
            case AwayEvent away:
                members.ApplyAway(away);
                break;
            case ReadEvent read:
                reads.ApplyElsewhere(read);
                break;
        }
    }

    /// <summary>An error frame that answers no request (UI thread).</summary>
    public void ApplyError(ErrorReply error) => Conversations.AddNotice(null, $"error: {error.Message} ({error.Code})");

    /// <summary>
    /// A reconnect: fetch what each conversation the user is still in missed and who is in it now
    /// (UI thread). A room the user left stays as it was: the new session did not enter it, and
    /// its history is for members.
    /// </summary>
    public void ApplyReconnect()
    {
        Conversations.AddNotice(null, "reconnected");
        foreach (ConversationViewModel conversation in Conversations.Items.ToArray())
        {
            if (!conversation.IsJoined)
            {
                continue;
            }
            if (conversation.HistoryLoaded)
            {
                long? newestShown = conversation.NewestMsgId;
                _ = context.GuardAsync(() => history.CatchUpAsync(conversation, newestShown));
            }
            _ = context.GuardAsync(() => members.RefreshAsync(conversation));
        }
    }

    private void ApplyMessage(ChatMessage message)
    {
        context.Users.Remember(message.From);
        if (context.IsIgnored(message.From))
        {
            return;
        }
        ConversationViewModel conversation = context.ConversationFor(message.From, message.To);
        LogLine line = context.ToLine(message);
        // The echo of a line this client sent may come before its ok: it confirms the pending line.
        if (line.Kind == LineKind.Own && conversation.FindPending(line.Text) is { } pending)
        {
            Conversations.Confirm(conversation, pending, line);
            return;
        }
        context.JoinParts.Spoke(conversation, message.From);
        Conversations.AddLine(conversation, line);
    }

    private void ApplyFile(FileEvent file)
    {
        if (context.DirectEncryption.IsSealedFileOffer(file) || context.IsIgnored(file.From))
        {
            return;
        }
        var offer = new FileOffer(file.FileId, file.From, file.To, TextSanitizer.ForLine(file.Name), file.Size, file.Sha256);
        context.FileOffers[file.FileId] = offer;
        ConversationViewModel conversation = context.ConversationFor(file.From, file.To);
        Conversations.AddLine(conversation,
            context.MakeLine(null, context.ParseTime(file.Ts), LineKind.FileOffer, file.From, offer.Name, file.Offline, offer));
    }

    private void ApplyJoined(JoinedEvent joined)
    {
        context.Users.Remember(joined.User);
        ConversationViewModel room = Conversations.GetOrAdd(joined.Room);
        if (context.IsSelf(joined.User))
        {
            // The server tells its topic with the user's own join (login, reconnect, invitation);
            // an older server does not, and the topic known here stays.
            if (joined.Topic is { } topic)
            {
                room.Topic = TextSanitizer.ForLine(topic);
            }
            if (!room.IsJoined)
            {
                room.IsJoined = true;
                Conversations.AddNotice(room, $"you joined {room.Name}", LineKind.JoinLeave);
                _ = context.GuardAsync(() => members.RefreshAsync(room));
            }
            if (Conversations.Selected is null)
            {
                select(room);
            }
            return;
        }
        bool added = members.Add(room, joined.User);
        // Whoever joins is online: a group member listed offline, a direct conversation with them.
        members.SetOnline(joined.User, online: true);
        if (added && context.JoinParts.Shows(room, joined.User))
        {
            Conversations.AddNotice(room, $"{joined.User} joined {room.Name}", LineKind.JoinLeave);
        }
    }

    private void ApplyLeft(LeftEvent left)
    {
        if (Conversations.Find(left.Room) is not { } room)
        {
            return;
        }
        if (context.IsSelf(left.User))
        {
            room.IsJoined = false;
            room.Members.Clear();
            Conversations.AddNotice(room,
                left.Reason == LeftReasons.Kick ? $"you were removed from {room.Name}{KickDetail(left)}" : $"you left {room.Name}", LineKind.JoinLeave);
            return;
        }
        MemberLists.Remove(room, left.User, left.Reason);
        if (MemberLists.IsLogout(left.Reason))
        {
            members.SetOnline(left.User, online: false);
        }
        if (!context.JoinParts.Shows(room, left.User))
        {
            return;
        }
        string text = left.Reason switch
        {
            LeftReasons.Kick => $"{left.User} was removed from {room.Name}{KickDetail(left)}",
            LeftReasons.Kicked => $"{left.User} was disconnected by an admin from {room.Name}",
            // What the user said when it quit or left (its own words, IRC's QUIT :text and PART #room :text) says more than the code.
            LeftReasons.Quit when !string.IsNullOrWhiteSpace(left.Text) => $"{left.User} quit ({left.Text})",
            LeftReasons.Leave when !string.IsNullOrWhiteSpace(left.Text) => $"{left.User} left {room.Name} ({left.Text})",
            LeftReasons.Quit or LeftReasons.Disconnect or LeftReasons.Timeout or LeftReasons.SendQueue => $"{left.User} quit ({left.Reason})",
            _ => $"{left.User} left {room.Name}",
        };
        Conversations.AddNotice(room, text, LineKind.JoinLeave);
    }

    /// <summary>What follows "was removed from #room": " by bob (reason)", either part when the server told it.</summary>
    private static string KickDetail(LeftEvent left) =>
        (string.IsNullOrWhiteSpace(left.By) ? "" : $" by {left.By}") + (string.IsNullOrWhiteSpace(left.Text) ? "" : $" ({left.Text})");
}
