using TuiChat.Protocol;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Chat;

/// <summary>
/// A public room or a private group; all state is guarded by the ChatState lock. Members are the
/// users who joined (a group's: its member list) and the registered accounts among them stay members
/// while offline (they rejoin at login); <see cref="Online"/> holds those connected.
/// </summary>
public sealed class Room
{
    public Room(string name, bool isPrivate, string owner, string conversation)
    {
        Name = name;
        Key = NameRules.Key(name);
        IsPrivate = isPrivate;
        Owner = owner;
        Conversation = conversation;
    }

    public string Name { get; }

    public string Key { get; }

    public bool IsPrivate { get; }

    /// <summary>The user who manages a group (empty for public rooms).</summary>
    public string Owner { get; set; }

    public string Topic { get; set; } = "";

    /// <summary>The room's identity and history key, fixed when it begins (<see cref="Identities.NewRoom"/>).</summary>
    public string Conversation { get; }

    /// <summary>The identity of a public room's creator, its operator (kick, topic); empty for #general and groups.</summary>
    public string Operator { get; init; } = "";

    /// <summary>A public room the store keeps (<see cref="ToRoomRecord"/>): it must be deleted there when it ends.</summary>
    internal bool Persisted { get; set; }

    private long _seq;

    /// <summary>Numbers the room's next event (1, 2, 3...); under the ChatState lock.</summary>
    internal long NextSeq() => ++_seq;

    /// <summary>The number of the room's latest event: what a session that begins now has seen of it.</summary>
    internal long Seq => _seq;

    /// <summary>Member key to display name.</summary>
    internal Dictionary<string, string> Members { get; } = new(StringComparer.Ordinal);

    private readonly List<ChatUser> _online = [];
    private IClientLink[]? _onlineSessions;

    /// <summary>Members that are online, in join order; changed only through <see cref="Seat"/> and <see cref="Unseat"/>.</summary>
    internal IReadOnlyList<ChatUser> Online => _online;

    /// <summary>
    /// Every session of every member online, in join order: the broadcast list. Built when first
    /// needed after a change to <see cref="Online"/> or to a member's sessions, and read as it is by
    /// every event until the next: a line is queued to a hundred members by walking one array,
    /// where a walk through each member's own session list read three objects per member, cold
    /// again at every line of a paced room (docs/BENCHMARKS.md).
    /// </summary>
    internal IClientLink[] OnlineSessions => _onlineSessions ??= [.. _online.SelectMany(static u => u.Sessions)];

    /// <summary>Puts an online member in the room's broadcast list, and the room in the member's.</summary>
    internal void Seat(ChatUser user)
    {
        _online.Add(user);
        user.SeatedIn(this);
        _onlineSessions = null;
    }

    /// <summary>Takes an online member out of the room's broadcast list, and the room out of the member's.</summary>
    internal void Unseat(ChatUser user)
    {
        _online.Remove(user);
        user.UnseatedFrom(this);
        _onlineSessions = null;
    }

    /// <summary>A member online here logged in or out one of its sessions (<see cref="ChatUser"/>).</summary>
    internal void SessionsChanged() => _onlineSessions = null;

    /// <summary>Keys of members that are registered accounts (only they persist).</summary>
    internal HashSet<string> RegisteredMembers { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The identity (<see cref="ChatUser.Identity"/>) of each guest member, by key: a guest's name can
    /// be taken by another guest once it is gone, and in a cluster the news that it is gone may arrive
    /// after the newcomer, so a guest's membership is its identity's, never its name's.
    /// </summary>
    internal Dictionary<string, string> GuestIdentities { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the name is on the member list (whoever holds it): for questions about a name, as a kick's target.</summary>
    internal bool IsMember(string userKey) => Members.ContainsKey(userKey);

    /// <summary>Whether <paramref name="user"/> itself is a member: the account, or the guest with this very identity.</summary>
    internal bool IsMember(ChatUser user) => HoldsMembership(user.Key, user.Registered, user.Identity);

    /// <summary>Whether the membership under <paramref name="userKey"/> is this account's, or this guest identity's.</summary>
    internal bool HoldsMembership(string userKey, bool registered, string? guestIdentity) =>
        Members.ContainsKey(userKey)
        && (registered ? RegisteredMembers.Contains(userKey) : GuestIdentities.GetValueOrDefault(userKey) == guestIdentity);

    /// <summary>
    /// Puts <paramref name="name"/> on the member list: an account as itself, a guest as its
    /// <paramref name="guestIdentity"/>. True when the account was not a member yet.
    /// </summary>
    internal bool AddMember(string name, bool registered, string? guestIdentity)
    {
        string key = NameRules.Key(name);
        Members[key] = name;
        if (registered)
        {
            return RegisteredMembers.Add(key);
        }
        if (guestIdentity is not null)
        {
            GuestIdentities[key] = guestIdentity;
        }
        return false;
    }

    /// <summary>Takes <paramref name="userKey"/> off the member list; true when it was a registered member.</summary>
    internal bool DropMember(string userKey, out string? name)
    {
        Members.Remove(userKey, out name);
        GuestIdentities.Remove(userKey);
        return RegisteredMembers.Remove(userKey);
    }

    internal bool IsOwner(ChatUser user) => NameRules.Key(Owner) == user.Key;

    /// <summary>Who a group passes to when its owner <paramref name="leavingKey"/> goes: the first remaining registered member, else the first remaining one.</summary>
    internal string? NextOwner(string leavingKey) =>
        Members.FirstOrDefault(m => m.Key != leavingKey && RegisteredMembers.Contains(m.Key)).Value
            ?? Members.FirstOrDefault(m => m.Key != leavingKey).Value;

    /// <summary>Kick and topic rights: an admin anywhere; a public room's creator (by identity); a group's owner.</summary>
    internal bool MayOperate(ChatUser user) =>
        user.IsAdmin || (IsPrivate ? IsOwner(user) && IsMember(user) : Operator.Length > 0 && Operator == user.Identity);

    /// <summary>A public room as the store keeps it; #general's members are everyone, so none are kept.</summary>
    internal RoomRecord ToRoomRecord(bool keepMembers) =>
        new(Name, Topic, Operator, keepMembers ? Members.Where(m => RegisteredMembers.Contains(m.Key)).Select(m => m.Value).ToList() : [], Conversation);

    /// <summary>A group's own row as the store keeps it (a guest owner is not kept); its members are rows of their own.</summary>
    internal GroupInfo ToGroupInfo() =>
        new(Name, RegisteredMembers.Contains(NameRules.Key(Owner)) ? Owner : "", Topic, Conversation);
}
