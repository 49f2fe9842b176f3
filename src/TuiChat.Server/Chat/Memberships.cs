using TuiChat.Protocol;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Chat;

/// <summary>
/// The steps shared by everything that changes who is in a room (logins, joins, invitations, kicks,
/// the end of a session): entering, inviting, adding and dropping members and keeping them in the
/// store, and the checks of who may do what. Every member needs <see cref="ChatCore.Sync"/> held.
/// </summary>
internal sealed class Memberships(ChatCore core)
{
    /// <param name="invitedBy">Who invited the user into the group (told to the other servers, which tell it to the invitee if it is theirs).</param>
    public void EnterLocked(ChatUser user, Room room, AfterLock after, string? invitedBy = null)
    {
        core.SeatLocked(user, room);
        if (!room.IsMember(user))
        {
            AddMemberLocked(room, user.Name, user.Registered, user.Identity);
            if (user.Registered && !room.IsPrivate)
            {
                SavePublicRoomLocked(room);
            }
        }
        core.SendJoinLocked(room, new MemberJoined(room.Name, room.NextSeq(), user.Name, user.Away) { InvitedBy = invitedBy }, after);
    }

    public void InviteLocked(Room room, string name, ChatUser? online, bool registered, string by, AfterLock after)
    {
        string key = NameRules.Key(name);
        if (room.IsMember(key))
        {
            return;
        }
        AddMemberLocked(room, name, registered, online?.Identity ?? core.Cluster?.FindRemote(key)?.Identity);
        if (online is not null)
        {
            after.Send(online, new InvitedToGroup(room.Name, by, online.Name));
            EnterLocked(online, room, after, invitedBy: by);
        }
        else
        {
            core.SendRoomLocked(room, new MemberJoined(room.Name, room.NextSeq(), name) { InvitedBy = by }, after);
        }
    }

    /// <summary>
    /// Who an invitation names: a user online here, one online on another server of a cluster, or
    /// the registered <paramref name="account"/>; false when none of them.
    /// </summary>
    public bool TryResolveInviteeLocked(string name, string? account, out string member, out ChatUser? online, out bool registered)
    {
        online = core.Online.GetValueOrDefault(NameRules.Key(name));
        RemoteUser? remote = online is null ? core.Cluster?.FindRemote(NameRules.Key(name)) : null;
        member = online?.Name ?? remote?.Name ?? account ?? "";
        registered = online?.Registered ?? remote?.Registered ?? true;
        return member.Length > 0;
    }

    /// <summary>
    /// Adds a member (a guest as its <paramref name="guestIdentity"/>). A group keeps its registered
    /// members in the store, one row each: the group's own row comes with its first one (a group of
    /// guests only is not kept).
    /// </summary>
    public void AddMemberLocked(Room room, string name, bool registered, string? guestIdentity)
    {
        if (room.AddMember(name, registered, guestIdentity) && room.IsPrivate)
        {
            if (room.RegisteredMembers.Count == 1)
            {
                SaveGroupLocked(room);
            }
            core.Persist(core.Store.AddGroupMemberAsync(room.Name, name), room.Name);
        }
    }

    /// <summary>
    /// Drops a member; an emptied room (but #general) disappears. A group's change reaches the store
    /// as that one member's row (the group goes with its last registered member).
    /// </summary>
    public void RemoveMemberLocked(Room room, string key)
    {
        bool wasRegistered = room.DropMember(key, out string? name);
        if (room.Members.Count == 0 && room.Key != ChatCore.GeneralKey)
        {
            core.Rooms.Remove(room.Key);
            if (room.IsPrivate ? wasRegistered : room.Persisted)
            {
                core.Persist(room.IsPrivate ? core.Store.DeleteGroupAsync(room.Name) : core.Store.DeleteRoomAsync(room.Name), room.Name);
            }
            return;
        }
        if (!room.IsPrivate)
        {
            if (wasRegistered)
            {
                SavePublicRoomLocked(room);
            }
            return;
        }
        if (wasRegistered)
        {
            core.Persist(room.RegisteredMembers.Count == 0 ? core.Store.DeleteGroupAsync(room.Name) : core.Store.RemoveGroupMemberAsync(room.Name, name!), room.Name);
        }
        if (NameRules.Key(room.Owner) == key)
        {
            // The owner left: the group passes to a remaining member, registered ones first (the
            // other servers take the same one from the `left` they were sent).
            room.Owner = room.NextOwner(key)!;
            SaveGroupLocked(room);
        }
    }

    /// <summary>
    /// Hands the group's own row (owner, topic) to the store's write queue (an append, no waiting).
    /// Inside the lock on purpose: two changes of one group reach the store in the order they were decided.
    /// </summary>
    public void SaveGroupLocked(Room room)
    {
        if (room.RegisteredMembers.Count > 0)
        {
            core.Persist(core.Store.SaveGroupAsync(room.ToGroupInfo()), room.Name);
        }
    }

    /// <summary>
    /// Keeps a public room in the store while an account remembers it (or, for #general, while it
    /// has a topic), so that it, its topic and its history's identity survive a restart; like
    /// <see cref="SaveGroupLocked"/>, inside the lock.
    /// </summary>
    public void SavePublicRoomLocked(Room room)
    {
        bool isGeneral = room.Key == ChatCore.GeneralKey;
        if (isGeneral ? room.Topic.Length > 0 : room.RegisteredMembers.Count > 0)
        {
            core.Persist(core.Store.SaveRoomAsync(room.ToRoomRecord(keepMembers: !isGeneral)), room.Name);
            room.Persisted = true;
        }
        else if (room.Persisted)
        {
            core.Persist(core.Store.DeleteRoomAsync(room.Name), room.Name);
            room.Persisted = false;
        }
    }

    public bool TryGetJoinedLocked(ChatUser user, string roomName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Room? room, out Outcome refusal)
    {
        refusal = Outcome.Success;
        if (!core.Rooms.TryGetValue(NameRules.Key(roomName), out room))
        {
            refusal = Outcome.Fail(ErrorCodes.NoSuchRoom, $"there is no room {roomName}");
            return false;
        }
        if (!user.Rooms.Contains(room))
        {
            refusal = Outcome.Fail(ErrorCodes.NotAMember, $"you are not in {room.Name}");
            room = null;
            return false;
        }
        return true;
    }

    /// <summary>A room or group the caller may kick from: its operator (a group's owner), or an admin.</summary>
    public bool TryGetOperatedRoomLocked(ChatUser user, string roomName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Room? room, out Outcome refusal)
    {
        if (core.Rooms.TryGetValue(NameRules.Key(roomName), out room) && !room.IsPrivate)
        {
            refusal = room.MayOperate(user)
                ? Outcome.Success
                : Outcome.Fail(ErrorCodes.NotAllowed, $"only the operator of {room.Name} or an admin may do that");
            if (!refusal.Ok)
            {
                room = null;
            }
            return refusal.Ok;
        }
        return TryGetManagedGroupLocked(user, roomName, out room, out refusal);
    }

    /// <summary>A group the caller may manage: its owner, or an admin.</summary>
    public bool TryGetManagedGroupLocked(ChatUser user, string roomName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Room? room, out Outcome refusal)
    {
        refusal = Outcome.Success;
        if (!core.Rooms.TryGetValue(NameRules.Key(roomName), out room) || (room.IsPrivate && !room.IsMember(user) && !user.IsAdmin))
        {
            refusal = Outcome.Fail(ErrorCodes.NoSuchRoom, $"there is no group {roomName} you belong to");
            room = null;
            return false;
        }
        if (!room.IsPrivate)
        {
            refusal = Outcome.Fail(ErrorCodes.NotAllowed, $"{room.Name} is a public room; only groups have invitations");
            room = null;
            return false;
        }
        if (!room.IsOwner(user) && !user.IsAdmin)
        {
            refusal = Outcome.Fail(ErrorCodes.NotAllowed, $"only the owner of {room.Name} ({room.Owner}) may do that");
            room = null;
            return false;
        }
        return true;
    }

    public static RoomView ViewLocked(Room room) =>
        new(room.Name, room.Topic, room.IsPrivate, room.Owner, [.. room.Members.Values],
            room.IsPrivate ? room.Owner : room.Online.FirstOrDefault(u => u.Identity == room.Operator)?.Name ?? "");
}
