using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// The rooms and groups the user is in, as the server last said: <c>joined</c>/<c>left</c>
/// events about the user and the replies to its own <c>join</c>, <c>create</c> and <c>leave</c>.
/// After a reconnect the new session's <c>hello</c> lists the public ones (<see cref="RoomsToStartIn"/>:
/// a room the user left, #general too, is not joined again), and every one is asked for again; the server's answer decides what
/// stays (a no-op <c>ok</c> for the rooms it re-joined by itself, an error for a group that is
/// gone). Thread-safe: the reader thread and request callers both report here.
/// </summary>
internal sealed class MembershipTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _rooms = new(StringComparer.Ordinal);

    /// <summary>Whether any membership was reported yet: an empty list then means the user left every room.</summary>
    private bool _heard;

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

    /// <summary>
    /// The rooms a new session should start in (<c>hello</c>'s <c>rooms</c>): the public rooms the
    /// user is in, at most <paramref name="limit"/> (the rest are re-joined one by one); null while
    /// the server has not yet said which rooms the user is in (a session lost before its first
    /// <c>joined</c>), which leaves the choice to the server.
    /// </summary>
    public IReadOnlyList<string>? RoomsToStartIn(int limit)
    {
        lock (_gate)
        {
            return _heard ? [.. _rooms.Values.Where(room => room[0] == NameRules.RoomPrefix).Take(limit)] : null;
        }
    }

    public void Joined(string room)
    {
        lock (_gate)
        {
            _rooms[NameRules.Key(room)] = room;
            _heard = true;
        }
    }

    public void Left(string room)
    {
        lock (_gate)
        {
            _rooms.Remove(NameRules.Key(room));
            _heard = true;
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
