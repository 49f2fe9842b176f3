using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Text;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>How server events change the view-model.</summary>
public sealed partial class ChatViewModel
{
    private void OnEventReceived(object? sender, ServerEvent serverEvent) => Post(() => Apply(serverEvent));

    private void OnErrorReceived(object? sender, ErrorReply error) =>
        Post(() => AddNotice(null, $"error: {error.Message} ({error.Code})"));

    private void OnSessionStarted(object? sender, SessionStartedEventArgs e)
    {
        RememberUser(e.Hello.User, e.Hello.Role);
        Post(UpdateStatusText);
        _ = GuardAsync(StartEncryptionAsync);
        if (!e.IsReconnect)
        {
            return;
        }
        Post(() =>
        {
            AddNotice(null, "reconnected");
            foreach (ConversationViewModel conversation in Conversations.ToArray())
            {
                if (conversation.HistoryLoaded)
                {
                    _ = GuardAsync(() => CatchUpAsync(conversation));
                }
                if (conversation.Kind != ConversationKind.Direct && conversation.IsJoined)
                {
                    _ = GuardAsync(() => RefreshMembersAsync(conversation));
                }
            }
        });
    }

    /// <summary>Applies one server event (UI thread).</summary>
    private void Apply(ServerEvent serverEvent)
    {
        switch (serverEvent)
        {
            case ChatMessage message:
                ApplyMessage(message, fromHistory: false);
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
                AddNotice(GetOrAdd(invited.Room), $"{invited.By} added you to {invited.Room}", LineKind.JoinLeave);
                break;
            case TopicEvent topic:
                ConversationViewModel room = GetOrAdd(topic.Room);
                room.Topic = TextSanitizer.ForLine(topic.Topic);
                AddNotice(room, $"{topic.By} set the topic: {room.Topic}", LineKind.JoinLeave);
                break;
            case PresenceEvent presence:
                ApplyPresence(presence);
                break;
            case ShutdownEvent shutdown:
                AddNotice(null, $"the server is shutting down ({shutdown.By}): {TextSanitizer.ForLine(shutdown.Reason)}");
                break;
        }
    }

    /// <summary>Where a message or file belongs: its room, or the direct conversation with the other party.</summary>
    private ConversationViewModel ConversationFor(string from, string to) =>
        NameRules.IsRoomName(to) ? GetOrAdd(to) : GetOrAdd(IsSelf(from) ? to : from, ConversationKind.Direct);

    private void ApplyMessage(ChatMessage message, bool fromHistory)
    {
        RememberUser(message.From);
        ConversationViewModel conversation = ConversationFor(message.From, message.To);
        AddLine(conversation, ToLine(message), fromHistory);
    }

    private LogLine ToLine(ChatMessage message)
    {
        Encryption.OpenedMessage? opened = OpenIfDirect(message);
        if (opened?.Sealing == Encryption.Sealing.Refused)
        {
            return MakeLine(message.MsgId, ParseTime(message.Ts), LineKind.Warning, null, TextSanitizer.ForLine(opened.Text));
        }
        if (SealedFileLine(message, opened) is { } fileLine)
        {
            return fileLine;
        }
        string text = TextSanitizer.ForLine(opened?.Text ?? message.Text);
        LineKind kind = IsSelf(message.From) ? LineKind.Own
            : MentionDetector.Mentions(text, _connection.UserName) ? LineKind.Mention
            : LineKind.Chat;
        return MakeLine(message.MsgId, ParseTime(message.Ts), kind, message.From, text, message.Offline) with
        {
            Plain = opened?.Sealing == Encryption.Sealing.Plain,
        };
    }

    private void ApplyFile(FileEvent file)
    {
        if (IsSealedFileOffer(file))
        {
            return;
        }
        var offer = new FileOffer(file.FileId, file.From, file.To, TextSanitizer.ForLine(file.Name), file.Size, file.Sha256);
        _fileOffers[file.FileId] = offer;
        ConversationViewModel conversation = ConversationFor(file.From, file.To);
        AddLine(conversation, MakeLine(null, ParseTime(file.Ts), LineKind.FileOffer, file.From, offer.Name, file.Offline, offer));
    }

    private void ApplyJoined(JoinedEvent joined)
    {
        RememberUser(joined.User);
        ConversationViewModel room = GetOrAdd(joined.Room);
        if (IsSelf(joined.User))
        {
            bool wasJoined = room.IsJoined;
            room.IsJoined = true;
            if (!wasJoined)
            {
                AddNotice(room, $"you joined {room.Name}", LineKind.JoinLeave);
                _ = GuardAsync(() => RefreshMembersAsync(room));
            }
            if (Selected is null)
            {
                SelectNow(room);
            }
            return;
        }
        if (room.FindMember(joined.User) is null)
        {
            room.Members.Add(new MemberViewModel(joined.User, RoleOf(joined.User), online: true, isSelf: false));
            SortMembers(room);
            AddNotice(room, $"{joined.User} joined {room.Name}", LineKind.JoinLeave);
        }
    }

    private void ApplyLeft(LeftEvent left)
    {
        if (Find(left.Room) is not { } room)
        {
            return;
        }
        string why = left.Reason switch
        {
            LeftReasons.Kick => "was removed from",
            LeftReasons.Kicked => "was disconnected by an admin from",
            LeftReasons.Quit or LeftReasons.Disconnect or LeftReasons.Timeout or LeftReasons.SendQueue => "quit",
            _ => "left",
        };
        if (IsSelf(left.User))
        {
            room.IsJoined = false;
            room.Members.Clear();
            AddNotice(room, left.Reason == LeftReasons.Kick ? $"you were removed from {room.Name}" : $"you left {room.Name}", LineKind.JoinLeave);
            return;
        }
        if (room.FindMember(left.User) is { } member)
        {
            // Group members stay listed while offline; rooms list only who is in them.
            if (room.Kind == ConversationKind.Group && left.Reason is not (LeftReasons.Leave or LeftReasons.Kick))
            {
                member.Online = false;
            }
            else
            {
                room.Members.Remove(member);
            }
        }
        AddNotice(room, why == "quit" ? $"{left.User} quit ({left.Reason})" : $"{left.User} {why} {room.Name}", LineKind.JoinLeave);
    }

    private void ApplyPresence(PresenceEvent presence)
    {
        RememberUser(presence.User);
        foreach (ConversationViewModel conversation in Conversations)
        {
            if (conversation.FindMember(presence.User) is { } member)
            {
                member.Online = presence.Online;
            }
        }
    }

    private async Task RefreshMembersAsync(ConversationViewModel room)
    {
        IReadOnlyList<UserInfo> users = await _connection.ListUsersAsync(room.Target).ConfigureAwait(false);
        foreach (UserInfo user in users)
        {
            RememberUser(user.User, user.Role);
        }
        Post(() =>
        {
            room.Members.Clear();
            foreach (UserInfo user in users.OrderBy(u => u.User, StringComparer.OrdinalIgnoreCase))
            {
                room.Members.Add(new MemberViewModel(user.User, user.Role, user.Online, IsSelf(user.User)));
            }
        });
    }

    private static void SortMembers(ConversationViewModel room)
    {
        MemberViewModel[] sorted = room.Members.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToArray();
        for (int i = 0; i < sorted.Length; i++)
        {
            int at = room.Members.IndexOf(sorted[i]);
            if (at != i)
            {
                room.Members.Move(at, i);
            }
        }
    }

    private DateTimeOffset ParseTime(string ts) =>
        Timestamps.TryParse(ts, out DateTimeOffset time) ? time : _settings.Time.GetUtcNow();
}
