using TuiChat.Protocol;

namespace TuiChat.Server.Chat;

/// <summary>Who a user is to others (away, whois) and which conversations it belongs to (read state, search).</summary>
public sealed partial class ChatState : IPeople
{
    /// <summary>
    /// Marks <paramref name="user"/> away with <paramref name="text"/>, or back when null. Told to the
    /// user, to everyone sharing a room with it and to those it talked to directly this session:
    /// the people whose lists show it (a broadcast to everyone would cost N frames per change).
    /// </summary>
    public void SetAway(ChatUser user, string? text)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_sync)
            {
                if (_online.GetValueOrDefault(user.Key) != user)
                {
                    return;
                }
                user.Away = text;
                var e = new AwayChanged(user.Name, text);
                var told = new HashSet<ChatUser> { user };
                after.Send(user, e);
                foreach (Room room in user.Rooms)
                {
                    foreach (ChatUser member in room.Online)
                    {
                        if (told.Add(member))
                        {
                            after.Send(member, e);
                        }
                    }
                }
                foreach (ChatUser other in _online.Values)
                {
                    if (other.Watching?.Contains(user.Key) == true && told.Add(other))
                    {
                        after.Send(other, e);
                    }
                }
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>The away text of the online user <paramref name="name"/>; null when it is present or offline.</summary>
    public string? AwayText(string name)
    {
        lock (_sync)
        {
            return _online.GetValueOrDefault(NameRules.Key(name))?.Away;
        }
    }

    /// <summary>The online user's facts for <c>whois</c>, or null when <paramref name="name"/> is offline.</summary>
    public OnlineUserInfo? OnlineInfo(string name)
    {
        lock (_sync)
        {
            return _online.TryGetValue(NameRules.Key(name), out ChatUser? user)
                ? new OnlineUserInfo(user.Name, user.Role, user.Registered, user.Away)
                : null;
        }
    }

    /// <summary>The rooms and groups both <paramref name="viewer"/> and the user <paramref name="name"/> are members of, by name.</summary>
    public IReadOnlyList<string> RoomsInCommon(ChatUser viewer, string name)
    {
        string key = NameRules.Key(name);
        lock (_sync)
        {
            var rooms = _rooms.Values.Where(r => r.IsMember(key) && r.IsMember(viewer.Key)).Select(r => r.Name).ToList();
            rooms.Sort(StringComparer.Ordinal);
            return rooms;
        }
    }

    /// <summary>
    /// The rooms and groups <paramref name="user"/> is a member of (remembered ones too) with their
    /// history keys, by name; #general too when <paramref name="withGeneral"/> (a login joins it next).
    /// </summary>
    public IReadOnlyList<MemberConversation> ConversationsOf(ChatUser user, bool withGeneral)
    {
        lock (_sync)
        {
            var list = new List<MemberConversation>();
            foreach (Room room in _rooms.Values)
            {
                if (room.IsMember(user.Key) || (withGeneral && room.Key == GeneralKey))
                {
                    list.Add(new MemberConversation(room.Name, room.IsPrivate ? ConversationKind.Group : ConversationKind.Room, room.Conversation));
                }
            }
            list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return list;
        }
    }
}
