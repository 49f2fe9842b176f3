using TuiChat.Protocol;

namespace TuiChat.Server.Chat;

/// <summary>
/// A user online: one identity (an account, or a guest session) and its sessions, the connections
/// it is logged in on (a guest has one; an account up to <c>--max-sessions-per-account</c>, a laptop
/// and a phone). Rooms, away and watching belong to the identity, so every session shares them.
/// <see cref="Rooms"/>, <see cref="Sessions"/> and <see cref="Watching"/> are guarded by the ChatState lock.
/// </summary>
public sealed class ChatUser
{
    /// <param name="link">The session that logs in; <see cref="OnlineUsers"/> adds it to the user online under the name.</param>
    public ChatUser(string name, string role, bool registered, IClientLink link)
    {
        Name = name;
        Key = NameRules.Key(name);
        Skeleton = NameRules.Skeleton(name);
        Role = role;
        Registered = registered;
        _sessions.Add(link);
        Identity = registered ? Identities.Account(name) : Identities.NewGuest();
    }

    public string Name { get; }

    /// <summary>The case-insensitive identity.</summary>
    public string Key { get; }

    /// <summary>The look-alike identity (<see cref="NameRules.Skeleton"/>).</summary>
    public string Skeleton { get; }

    public string Role { get; }

    public bool Registered { get; }

    /// <summary>Who this is for history and files: the account, or this guest session alone (<see cref="Identities"/>).</summary>
    public string Identity { get; }

    private readonly List<IClientLink> _sessions = [];

    /// <summary>The connections of this identity, in login order; never empty while the user is online.</summary>
    internal IReadOnlyList<IClientLink> Sessions => _sessions;

    /// <summary>Adds a session; the rooms the user is in broadcast to it from now on.</summary>
    internal void AddSession(IClientLink link)
    {
        _sessions.Add(link);
        RoomsHearOtherSessions();
    }

    /// <summary>Ends a session; false when it is not one of this user's.</summary>
    internal bool RemoveSession(IClientLink link)
    {
        if (!_sessions.Remove(link))
        {
            return false;
        }
        RoomsHearOtherSessions();
        return true;
    }

    private void RoomsHearOtherSessions()
    {
        foreach (Room room in _rooms)
        {
            room.SessionsChanged();
        }
    }

    public bool IsAdmin => Role == Protocol.Messages.Roles.Admin;

    private readonly List<Room> _rooms = [];

    /// <summary>
    /// The rooms the user is seated in, in join order. Only <see cref="Room.Seat"/> and
    /// <see cref="Room.Unseat"/> change it, with the room's own list: a session that logs in or
    /// out tells exactly these rooms to rebuild their broadcast lists.
    /// </summary>
    internal IReadOnlyList<Room> Rooms => _rooms;

    /// <summary>For <see cref="Room.Seat"/> only.</summary>
    internal void SeatedIn(Room room) => _rooms.Add(room);

    /// <summary>For <see cref="Room.Unseat"/> only.</summary>
    internal void UnseatedFrom(Room room) => _rooms.Remove(room);

    /// <summary>True while a session may still read what is queued to it: a user whose every session is ending counts as offline.</summary>
    internal bool HasLiveSession => _sessions.Exists(static s => !s.IsClosing);

    /// <summary>True when some session is ending: what is queued to it now may never be read.</summary>
    internal bool HasEndingSession => _sessions.Exists(static s => s.IsClosing);

    /// <summary>The away text while the user is away (<c>away</c>); null when present. Guarded by the ChatState lock.</summary>
    internal string? Away { get; set; }

    /// <summary>Keys of the users whose presence this one watches (direct conversations this session); null while none.</summary>
    internal HashSet<string>? Watching { get; set; }
}
