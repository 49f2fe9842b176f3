namespace TuiChat.Server.Chat;

/// <summary>
/// What the chat core tells the other servers through when several share one chat (<c>--redis</c>,
/// docs/SCALING.md). A single server has none: it delivers every room line itself, inside its lock,
/// exactly as before. Calls come from inside the ChatState lock, so they only queue (never block),
/// in the order things were decided.
/// </summary>
public interface IClusterLink
{
    /// <summary>A room has a member on this server now: its committed lines must be delivered here from now on.</summary>
    void Watch(string conversation);

    /// <summary>Something was stored in the room outside the chat-line path (a file offer): deliver what the store has.</summary>
    void Stored(string conversation);

    /// <summary>A join, leave, kick or topic this server decided, for the members of the room on the other servers.</summary>
    void Publish(Room room, RoomEvent e);

    /// <summary>The user came online here: the other servers may send it direct messages.</summary>
    void Arrived(ChatUser user);

    /// <summary>The user went offline here: a guest's name is free in the whole cluster again.</summary>
    void Release(ChatUser user);

    /// <summary>The user online here went away (<paramref name="text"/>) or came back (null).</summary>
    void Away(ChatUser user, string? text);

    /// <summary>
    /// A client-to-client query or its answer (<see cref="ClientQuery"/>) from <paramref name="from"/>
    /// for <paramref name="recipient"/>, online on another server: passed on there, never stored.
    /// </summary>
    void Query(string from, RemoteUser recipient, string text, bool answer);

    /// <summary>
    /// The identity of the public room <paramref name="roomKey"/> in the cluster: the one it has while
    /// any server has members in it, else <paramref name="proposed"/>, which it has from now on. May block (outside the lock only).
    /// </summary>
    string RoomIdentity(string roomKey, string proposed);

    /// <summary>The user online on another server under this key, if any (never blocks: the cluster keeps a copy).</summary>
    RemoteUser? FindRemote(string userKey);

    /// <summary>Everyone online on the other servers, once each (never blocks).</summary>
    IReadOnlyList<RemoteUser> RemoteOnline();
}

/// <summary>A user online on another server of the cluster, as its server last told (<see cref="Away"/>: null when present).</summary>
public sealed record RemoteUser(string Name, string Identity, string Role, bool Registered, string? Away);

/// <summary>
/// Keeps a guest's name, and every look-alike of it, online once in the whole cluster; a single server
/// needs none (its own lock and <see cref="OnlineUsers"/> do it).
/// </summary>
public interface INameClaims
{
    /// <summary>Claims a name by its <see cref="ChatUser.Skeleton"/> for this server; false when another server has it (or a look-alike) online.</summary>
    bool TryClaim(string skeleton);
}
