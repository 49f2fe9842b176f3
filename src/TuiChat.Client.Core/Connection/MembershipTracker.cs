using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// The rooms and groups the user is in, as the server last said: <c>joined</c>/<c>left</c>
/// events about the user and the replies to its own <c>join</c>, <c>create</c> and <c>leave</c>.
/// After a reconnect every one of them is asked for again; the server's answer decides what
/// stays (a no-op <c>ok</c> for the rooms it re-joined by itself, an error for a group that is
/// gone). Thread-safe: the reader thread and request callers both report here.
/// </summary>
internal sealed class MembershipTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _rooms = new(StringComparer.Ordinal);

    /// <summary>Rooms and groups the user is in now, as the server spells them.</summary>
    public IReadOnlyCollection<string> Rooms
    {
        get
        {
            lock (_gate)
            {
                return _rooms.Values.ToArray();
            }
        }
    }

    public void Joined(string room)
    {
        lock (_gate)
        {
            _rooms[NameRules.Key(room)] = room;
        }
    }

    public void Left(string room)
    {
        lock (_gate)
        {
            _rooms.Remove(NameRules.Key(room));
        }
    }

    /// <summary>Follows the events that move the user itself in or out of a room.</summary>
    public void Observe(ServerEvent serverEvent, string me)
    {
        switch (serverEvent)
        {
            case JoinedEvent joined when NameRules.Key(joined.User) == NameRules.Key(me):
                Joined(joined.Room);
                break;
            case LeftEvent left when NameRules.Key(left.User) == NameRules.Key(me):
                Left(left.Room);
                break;
        }
    }

    /// <summary>
    /// Re-joins every remembered room on a new session; a refusal (the group is gone, the user was
    /// removed meanwhile) forgets that room. A lost connection or a server too busy to answer
    /// keeps the room for the next attempt.
    /// </summary>
    public async Task RejoinAsync(Func<string, CancellationToken, Task<RoomOk>> join, CancellationToken cancellationToken)
    {
        foreach (string room in Rooms)
        {
            try
            {
                RoomOk ok = await join(room, cancellationToken).ConfigureAwait(false);
                Joined(ok.Room);
            }
            catch (ChatRequestException e) when (e.Code is not (ChatRequestException.Disconnected or ErrorCodes.RateLimited))
            {
                Left(room);
            }
        }
    }
}
